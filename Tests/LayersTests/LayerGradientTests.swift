import Layers
import Randomness
import TensorCore
import TestSupport
import XCTest

final class LayerGradientTests: XCTestCase {
    let random = RandomSource(seed: 2024)

    func testLinear() throws {
        try assertGradientsMatch(
            Linear<Double>(inputFeatures: 5, outputFeatures: 3, random: random), input: GradientCheck.sample([4, 5]))
        try assertGradientsMatch(
            Linear<Double>(inputFeatures: 2, outputFeatures: 7, hasBias: false, random: random),
            input: GradientCheck.sample([3, 2]))
    }

    func testActivations() throws {
        // Inputs kept away from 0, where ReLU has no derivative to check against.
        let input = GradientCheck.sample([3, 4]).map { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        try assertGradientsMatch(ReLU<Double>(), input: input)
        try assertGradientsMatch(Sigmoid<Double>(), input: input * 3)
        try assertGradientsMatch(Tanh<Double>(), input: input * 2)
    }

    func testSoftmaxAndLogSoftmax() throws {
        try assertGradientsMatch(Softmax<Double>(), input: GradientCheck.sample([4, 5]) * 3)
        try assertGradientsMatch(LogSoftmax<Double>(), input: GradientCheck.sample([4, 5]) * 3)
    }

    func testDropoutWithFixedMask() throws {
        let dropout = try Dropout<Double>(probability: 0.5, random: random)
        dropout.frozenMask = try Tensor([[2, 0, 2], [0, 2, 2]])
        try assertGradientsMatch(dropout, input: GradientCheck.sample([2, 3]))
        let output = try dropout.forward(try Tensor([[1, 1, 1], [1, 1, 1]]))
        XCTAssertEqual(output.scalars, [2, 0, 2, 0, 2, 2])
    }

    func testFlattenAndSequential() throws {
        let model = Sequential<Double>(
            Flatten(), Linear(inputFeatures: 12, outputFeatures: 4, random: random), Tanh(),
            Linear(inputFeatures: 4, outputFeatures: 2, random: random))
        try assertGradientsMatch(model, input: GradientCheck.sample([2, 3, 4]))
    }

    func testConv2dWithStrideAndPadding() throws {
        let conv = Conv2d<Double>(inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2, padding: 1, random: random)
        let input = GradientCheck.sample([2, 2, 5, 6])
        XCTAssertEqual(try conv.forward(input).shape, [2, 3, 3, 3])
        try assertGradientsMatch(conv, input: input)
        try assertGradientsMatch(
            Conv2d<Double>(inChannels: 1, outChannels: 2, kernelSize: 2, random: random),
            input: GradientCheck.sample([1, 1, 4, 4]))
    }

    func testConv2dMatchesHandComputedCrossCorrelation() throws {
        let conv = Conv2d<Double>(inChannels: 1, outChannels: 1, kernelSize: 2, random: random)
        conv.weight.value = try Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        conv.bias.value = Tensor([0.5])
        let input = try Tensor<Double>(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        // Top-left window [1 2; 4 5]·[1 2; 3 4] = 1 + 4 + 12 + 20 = 37, plus the bias.
        XCTAssertEqual(try conv.forward(input).scalars, [37.5, 47.5, 67.5, 77.5])
    }

    func testMaxPool() throws {
        let pool = MaxPool2d<Double>(kernelSize: 2)
        // Distinct values so the maximum of every window is unique and the finite differences do not cross ties.
        let input = try Tensor<Double>(shape: [1, 2, 4, 4], scalars: (0..<32).map { Double(($0 * 7) % 32) / 10 })
        try assertGradientsMatch(pool, input: input)
        let simple = try Tensor<Double>(shape: [1, 1, 2, 2], scalars: [1, 4, 3, 2])
        XCTAssertEqual(try pool.forward(simple).scalars, [4])
        XCTAssertEqual(try pool.backward(Tensor(shape: [1, 1, 1, 1], scalars: [5])).scalars, [0, 5, 0, 0])
    }

    func testBatchNormInTrainingAndEvaluationMode() throws {
        let norm = BatchNorm1d<Double>(features: 3)
        norm.weight.value = Tensor([1.5, -0.5, 2])
        norm.bias.value = Tensor([0.1, 0.2, 0.3])
        try assertGradientsMatch(norm, input: GradientCheck.sample([5, 3]) * 2, tolerance: 1e-6)
        norm.eval()
        try assertGradientsMatch(norm, input: GradientCheck.sample([5, 3]))
    }

    func testBatchNormStatistics() throws {
        let norm = BatchNorm1d<Double>(features: 1)
        let output = try norm.forward(try Tensor([[1], [3]]))
        // Mean 2, biased variance 1: outputs ±1/√(1 + 1e-5).
        XCTAssertEqual(output.scalars[0], -1 / (1 + 1e-5).squareRoot(), accuracy: 1e-12)
        // Running mean 0.9·0 + 0.1·2; running variance 0.9·1 + 0.1·(unbiased 2).
        XCTAssertEqual(norm.runningMean.value.scalars, [0.2])
        XCTAssertEqual(norm.runningVariance.value.scalars[0], 1.1, accuracy: 1e-15)
    }
}

final class DropoutTests: XCTestCase {
    func testInvertedDropoutKeepsTheExpectation() throws {
        let dropout = try Dropout<Double>(probability: 0.1, random: RandomSource(seed: 4))
        let input = Tensor<Double>.filled([1_000_000], with: 2)
        let output = try dropout.forward(input)
        XCTAssertEqual(output.mean(), 2, accuracy: 0.01)
        XCTAssertEqual(output.isGreater(than: 0).mean(), 0.9, accuracy: 0.002)
        dropout.eval()
        XCTAssertEqual(try dropout.forward(input), input)
    }

    func testInvalidProbabilityIsRejected() {
        assertThrowsMessage(
            try Dropout<Float>(probability: 1, random: RandomSource(seed: 0)), containing: ["1.0", "[0, 1)"])
    }
}
