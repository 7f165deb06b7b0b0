import TensorCore
import TestSupport
import XCTest

final class MatMulTests: XCTestCase {
    /// The reference product of two row-major matrices, by the textbook triple loop.
    private func naiveProduct<S: TensorScalar>(_ a: [[S]], _ b: [[S]]) -> [[S]] {
        let m = a.count
        let k = b.count
        let n = b[0].count
        return (0..<m).map { i in (0..<n).map { j in (0..<k).reduce(S(0)) { $0 + a[i][$1] * b[$1][j] } } }
    }

    private func rows<S: TensorScalar>(_ t: Tensor<S>) -> [[S]] {
        (0..<t.shape[0]).map { r in Array(t.scalars[(r * t.shape[1])..<((r + 1) * t.shape[1])]) }
    }

    private func checkAllTransposeCombinations<S: TensorScalar>(_: S.Type, tolerance: S) throws {
        let (m, k, n) = (7, 13, 5)
        let a64 = GradientCheck.sample([m, k], seed: 3)
        let b64 = GradientCheck.sample([k, n], seed: 4)
        let a = Tensor<S>(a64.scalars.map { S($0) })
        let b = Tensor<S>(b64.scalars.map { S($0) })
        let aMatrix = try a.reshaped([m, k])
        let bMatrix = try b.reshaped([k, n])
        let expected = try Tensor(naiveProduct(rows(aMatrix), rows(bMatrix)))
        let aT = try aMatrix.transposed()
        let bT = try bMatrix.transposed()
        assertClose(try Tensor.matmul(aMatrix, bMatrix), expected, tolerance: tolerance, "NN")
        assertClose(try Tensor.matmul(aT, bMatrix, transposeA: true), expected, tolerance: tolerance, "TN")
        assertClose(try Tensor.matmul(aMatrix, bT, transposeB: true), expected, tolerance: tolerance, "NT")
        assertClose(try Tensor.matmul(aT, bT, transposeA: true, transposeB: true), expected, tolerance: tolerance, "TT")
    }

    func testAllTransposeCombinationsMatchTripleLoopInFloat() throws {
        try checkAllTransposeCombinations(Float.self, tolerance: 1e-5)
    }

    func testAllTransposeCombinationsMatchTripleLoopInDouble() throws {
        try checkAllTransposeCombinations(Double.self, tolerance: 1e-13)
    }

    func testSmallProductByHand() throws {
        let a = try Tensor<Double>([[1, 2], [3, 4]])
        let b = try Tensor<Double>([[5, 6], [7, 8]])
        XCTAssertEqual(try Tensor.matmul(a, b).scalars, [19, 22, 43, 50])
    }

    func testGemmAccumulatesWithBeta() throws {
        let a = try Tensor<Double>([[1, 2], [3, 4]])
        var c = Tensor<Double>.ones([2, 2])
        try Tensor.gemm(a, Tensor.identity(2), alpha: 2, beta: 1, into: &c)
        XCTAssertEqual(c.scalars, [3, 5, 7, 9])
    }

    func testMismatchedInnerDimensionsNameBothShapes() {
        let a = Tensor<Float>.zeros([3, 4])
        let b = Tensor<Float>.zeros([5, 2])
        assertThrowsMessage(try Tensor.matmul(a, b), containing: ["[3, 4]", "[5, 2]"])
        assertThrowsMessage(try Tensor.matmul(a, Tensor.zeros([4])), containing: ["[4]", "matrix"])
    }
}
