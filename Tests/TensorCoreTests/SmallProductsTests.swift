import TensorCore
import TestSupport
import XCTest

/// `SmallProducts` against BLAS itself (`referenceGEMM`), to the bit, on random shapes,
/// strides and values: the shortcuts may only change speed.
final class SmallProductsTests: XCTestCase {
    /// One product through `Scalar.gemm` (shortcuts included) and through BLAS, compared bit for bit.
    private func check<S: TensorScalar>(
        _: S.Type, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, beta: S, padding: Int,
        draws: inout SeededDraws, _ label: String
    ) {
        let lda = (transposeA ? m : k) + padding
        let ldb = (transposeB ? k : n) + padding
        let ldc = n + padding
        let a: [S] = draws.values((transposeA ? k : m) * lda)
        let b: [S] = draws.values((transposeB ? n : k) * ldb)
        let start: [S] = draws.values(m * ldc)
        var viaShortcut = start
        var viaBLAS = start
        S.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b,
            ldb: ldb, beta: beta, c: &viaShortcut, ldc: ldc)
        S.referenceGEMM(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b,
            ldb: ldb, beta: beta, c: &viaBLAS, ldc: ldc)
        let differing = zip(viaShortcut, viaBLAS).reduce(0) { count, pair in count + (sameBits(pair.0, pair.1) ? 0 : 1)
        }
        XCTAssertEqual(differing, 0, "\(label): \(differing) of \(viaBLAS.count) elements differ from BLAS")
    }

    private func sameBits<S: TensorScalar>(_ x: S, _ y: S) -> Bool {
        x.sign == y.sign && x.exponentBitPattern == y.exponentBitPattern
            && x.significandBitPattern == y.significandBitPattern
    }

    func testRowKernelIsUsedUnderHaswellKernels() throws {
        try XCTSkipUnless(
            ["Haswell", "Zen"].contains(BLASLibrary.coreName),
            "the row kernel sums as OpenBLAS's Haswell kernels do; this library runs \(BLASLibrary.coreName)")
        XCTAssertTrue(SmallProducts.rowKernelMatchesBLAS)
    }

    /// Batch-1 weight gradients: K = 1, β = 0 or 1, every transpose combination and padded strides,
    /// whole (one thread) and in halves (two).
    func testOuterProductsEqualBLASToTheBit() {
        var draws = SeededDraws(seed: 11)
        for trial in 0..<40 {
            let threads = 1 + trial % 4 / 2
            let (m, n) = (draws.next(1...400), draws.next(1...900))
            let (transposeA, transposeB) = (draws.next(0...1) == 1, draws.next(0...1) == 1)
            let (beta, padding) = (draws.next(0...1), draws.next(0...3))
            let label =
                "trial \(trial): \(m)×\(n), transposeA \(transposeA), transposeB \(transposeB), β \(beta), \(threads) threads"
            withBLASThreads(threads) {
                if trial.isMultiple(of: 2) {
                    check(
                        Float.self, m: m, n: n, k: 1, transposeA: transposeA, transposeB: transposeB,
                        beta: Float(beta), padding: padding, draws: &draws, label)
                } else {
                    check(
                        Double.self, m: m, n: n, k: 1, transposeA: transposeA, transposeB: transposeB,
                        beta: Double(beta), padding: padding, draws: &draws, label)
                }
            }
        }
    }

    /// Batch-1 forward and input-gradient products: M = 1, B plain or transposed, K across several
    /// of OpenBLAS's blocks, N with and without a remainder of eight, whole and in halves.
    func testRowProductsEqualBLASToTheBit() throws {
        try XCTSkipUnless(SmallProducts.rowKernelMatchesBLAS, "the row kernel is off here: BLAS computes every product")
        var draws = SeededDraws(seed: 29)
        for trial in 0..<40 {
            let (n, k) = (draws.next(1...400), draws.next(1...3200))
            let (transposeB, padding) = (draws.next(0...1) == 1, draws.next(0...3))
            let threads = 1 + trial % 2
            withBLASThreads(threads) {
                check(
                    Float.self, m: 1, n: n, k: k, transposeA: false, transposeB: transposeB, beta: 0,
                    padding: padding, draws: &draws,
                    "trial \(trial): 1×\(k) · \(k)×\(n), transposeB \(transposeB), \(threads) threads")
            }
        }
    }

    /// Shapes the shortcuts leave to BLAS still go through `gemm` correctly (β = 0.5, α = 2).
    func testOtherProductsStayWithBLAS() {
        let a: [Float] = [1, 2, 3]
        let b: [Float] = [4, 5, 6]
        var c: [Float] = [10, 20, 30, 40, 50, 60, 70, 80, 90]
        Float.gemm(
            transposeA: true, transposeB: false, m: 3, n: 3, k: 1, alpha: 2, a: a, lda: 3, b: b, ldb: 3, beta: 0.5,
            c: &c, ldc: 3)
        XCTAssertEqual(c, [13, 20, 27, 36, 45, 54, 59, 70, 81])
    }
}
