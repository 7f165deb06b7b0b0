import Autograd
import TensorCore
import TestSupport
import XCTest

/// Checks the graph's gradients of L = Σ(f(inputs) ⊙ G) against central differences for every input.
func assertGraphGradientsMatch(
    _ inputs: [Tensor<Double>], tolerance: Double = 1e-6, file: StaticString = #filePath, line: UInt = #line,
    _ f: ([TensorNode<Double>]) throws -> TensorNode<Double>
) throws {
    let leaves = inputs.map { TensorNode($0) }
    let output = try f(leaves)
    let upstream = output.value.rank == 0 ? Tensor(1.0) : GradientCheck.sample(output.shape, seed: 42)
    let loss = try (output * TensorNode(upstream)).sum()
    try loss.backward()
    for (index, leaf) in leaves.enumerated() {
        let numeric = try GradientCheck.numericalGradient(at: inputs[index]) { probe in
            var probed = inputs
            probed[index] = probe
            return try (f(probed.map { TensorNode($0) }).value * upstream).sum()
        }
        let analytic = try XCTUnwrap(leaf.grad, "input \(index) received no gradient", file: file, line: line)
        XCTAssertLessThan(
            GradientCheck.relativeError(analytic, numeric), tolerance, "input \(index)", file: file, line: line)
    }
}

final class OpGradientTests: XCTestCase {
    let a = GradientCheck.sample([3, 4], seed: 1)
    let b = GradientCheck.sample([3, 4], seed: 2)
    let row = GradientCheck.sample([4], seed: 3)
    let positive = GradientCheck.sample([3, 4], seed: 4).map { Swift.abs($0) + 0.5 }

    func testArithmeticWithAndWithoutBroadcasting() throws {
        try assertGraphGradientsMatch([a, b]) { try $0[0] + $0[1] }
        try assertGraphGradientsMatch([a, row]) { try $0[0] + $0[1] }
        try assertGraphGradientsMatch([a, b]) { try $0[0] - $0[1] }
        try assertGraphGradientsMatch([row, a]) { try $0[0] - $0[1] }
        try assertGraphGradientsMatch([a, b]) { try $0[0] * $0[1] }
        try assertGraphGradientsMatch([a, row]) { try $0[0] * $0[1] }
        try assertGraphGradientsMatch([a, positive]) { try $0[0] / $0[1] }
        try assertGraphGradientsMatch([a, row.map { $0 + 2 }]) { try $0[0] / $0[1] }
    }

    func testMatrixProductInAllTransposeCombinations() throws {
        let left = GradientCheck.sample([3, 5], seed: 6)
        let right = GradientCheck.sample([5, 2], seed: 7)
        let leftT = try left.transposed()
        let rightT = try right.transposed()
        try assertGraphGradientsMatch([left, right]) { try $0[0].matmul($0[1]) }
        try assertGraphGradientsMatch([leftT, right]) { try $0[0].matmul($0[1], transposeSelf: true) }
        try assertGraphGradientsMatch([left, rightT]) { try $0[0].matmul($0[1], transposeOther: true) }
        try assertGraphGradientsMatch([leftT, rightT]) {
            try $0[0].matmul($0[1], transposeSelf: true, transposeOther: true)
        }
    }

    func testAffine() throws {
        let x = GradientCheck.sample([5, 3], seed: 20)
        let w = GradientCheck.sample([4, 3], seed: 21)
        let b = GradientCheck.sample([4], seed: 22)
        try assertGraphGradientsMatch([x, w, b]) { try TensorNode.apply(Affine(), $0) }
        assertThrowsMessage(
            try TensorNode.apply(Affine(), [TensorNode(x), TensorNode(w), TensorNode(Tensor<Double>([1, 2]))]),
            containing: ["[4, 3]", "[2]"])
    }

    func testReductionsAndShapeOps() throws {
        try assertGraphGradientsMatch([a]) { try $0[0].sum() }
        try assertGraphGradientsMatch([a]) { try $0[0].sum(alongAxis: 0) }
        try assertGraphGradientsMatch([a]) { try $0[0].sum(alongAxis: 1) }
        try assertGraphGradientsMatch([row]) { try $0[0].expand(16, placement: .newAxis(1)) }
        try assertGraphGradientsMatch([row]) { try $0[0].expand(3, placement: .newAxis(0)) }
        try assertGraphGradientsMatch([try row.reshaped([1, 4])]) { try $0[0].expand(5, placement: .singletonAxis(0)) }
        try assertGraphGradientsMatch([a]) { try $0[0].select([3, 0, 2]) }
        try assertGraphGradientsMatch([positive]) { try $0[0].normalize() }
        try assertGraphGradientsMatch([a]) { try $0[0].logSoftmax() }
    }

    func testElementwiseFunctions() throws {
        let awayFromZero = a.map { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        try assertGraphGradientsMatch([a]) { try $0[0].exp() }
        try assertGraphGradientsMatch([positive]) { try $0[0].log() }
        try assertGraphGradientsMatch([a * 3]) { try $0[0].sigmoid() }
        try assertGraphGradientsMatch([a * 2]) { try $0[0].tanh() }
        try assertGraphGradientsMatch([awayFromZero]) { try $0[0].relu() }
    }

    func testTwoLayerMLPBuiltFromOps() throws {
        let x = GradientCheck.sample([5, 3], seed: 8)
        let w1 = GradientCheck.sample([3, 4], seed: 9)
        let b1 = GradientCheck.sample([4], seed: 10)
        let w2 = GradientCheck.sample([4, 2], seed: 11)
        let b2 = GradientCheck.sample([2], seed: 12)
        try assertGraphGradientsMatch([x, w1, b1, w2, b2]) { n in
            let hidden = try (n[0].matmul(n[1]) + n[2]).sigmoid()
            let logits = try hidden.matmul(n[3]) + n[4]
            return try GraphLosses.softmaxCrossEntropy(logits: logits, labels: [0, 1, 1, 0, 1])
        }
        try assertGraphGradientsMatch([x, w1, b1, w2, b2]) { n in
            let hidden = try (n[0].matmul(n[1]) + n[2]).relu()
            let logits = try hidden.matmul(n[3]) + n[4]
            return try GraphLosses.probabilityCrossEntropy(logits: logits, labels: [1, 1, 0, 0, 1])
        }
    }

    func testGradientOfAWrongShapeIsReported() throws {
        /// A broken op whose backward returns a gradient of the wrong shape.
        struct Broken: Op {
            var name: String { "broken" }
            func forward(_ inputs: [Tensor<Double>]) throws -> (output: Tensor<Double>, context: Void) {
                (inputs[0], ())
            }
            func backward(_: Void, outputGradient: Tensor<Double>) throws -> [Tensor<Double>] { [Tensor.zeros([7])] }
        }
        let x = TensorNode(a)
        let y = try TensorNode.apply(Broken(), [x]).sum()
        assertThrowsMessage(try y.backward(), containing: ["broken", "[7]", "[3, 4]"])
        assertThrowsMessage(try x.backward(), containing: ["scalar", "[3, 4]"])
    }
}

final class UserOpTests: XCTestCase {
    /// y = x³ elementwise, ∂x = 3x²·G.
    struct Cube: Op {
        var name: String { "cube" }
        func forward(_ inputs: [Tensor<Double>]) throws -> (output: Tensor<Double>, context: Tensor<Double>) {
            try expectInputs(inputs, 1)
            return (inputs[0].pow(3), inputs[0])
        }
        func backward(_ x: Tensor<Double>, outputGradient: Tensor<Double>) throws -> [Tensor<Double>] {
            [try outputGradient * x.squared() * 3]
        }
    }

    func testUserOpPlugsIntoTheGraph() throws {
        let x = TensorNode(Tensor<Double>([1, 2]))
        let y = try TensorNode.apply(Cube(), [x]).sum()
        try y.backward()
        XCTAssertEqual(x.grad?.scalars, [3, 12])
        try assertGraphGradientsMatch([GradientCheck.sample([2, 3])]) { try TensorNode.apply(Cube(), [$0[0]]) }
        assertThrowsMessage(try TensorNode.apply(Cube(), [x, x]), containing: ["cube takes 1 inputs, got 2"])
    }
}
