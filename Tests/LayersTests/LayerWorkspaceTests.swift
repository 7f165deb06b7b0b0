import Layers
import Randomness
import TensorCore
import TestSupport
import XCTest

/// Layers write each step's output and input gradient into memory they keep (`TensorWorkspace`):
/// in steady state a step lands where the previous one did, and a result someone still holds
/// never changes.
final class LayerWorkspaceTests: XCTestCase {
    private struct Step {
        let output: Tensor<Float>
        let inputGradient: Tensor<Float>
    }

    /// The elements in memory of their own (`scalars` would share the tensor's storage and keep it alive).
    private func copy(_ tensor: Tensor<Float>) -> [Float] { tensor.scalars.map { $0 } }

    /// Forward, then backward with the output itself as the upstream gradient.
    private func step(_ layer: some Module<Float>, _ input: Tensor<Float>) throws -> Step {
        let output = try layer.forward(input)
        return Step(output: output, inputGradient: try layer.backward(output))
    }

    private func assertSteadyState(
        _ layer: some Module<Float>, input shape: [Int], deterministic: Bool = true,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let random = RandomSource(seed: 7)
        let first: Tensor<Float> = random.gaussianTensor(shape)
        let second: Tensor<Float> = random.gaussianTensor(shape)
        let firstStep = try step(layer, first)
        let firstValues = (copy(firstStep.output), copy(firstStep.inputGradient))
        let addresses = (storageAddress(firstStep.output), storageAddress(firstStep.inputGradient))
        _ = consume firstStep

        let held = try step(layer, second)
        XCTAssertEqual(storageAddress(held.output), addresses.0, "output reallocated", file: file, line: line)
        XCTAssertEqual(storageAddress(held.inputGradient), addresses.1, "gradient reallocated", file: file, line: line)
        let heldValues = (copy(held.output), copy(held.inputGradient))

        let again = try step(layer, first)
        XCTAssertEqual(held.output.scalars, heldValues.0, "a held output changed", file: file, line: line)
        XCTAssertEqual(held.inputGradient.scalars, heldValues.1, "a held gradient changed", file: file, line: line)
        XCTAssertNotEqual(storageAddress(again.output), storageAddress(held.output), file: file, line: line)
        guard deterministic else { return }
        XCTAssertEqual(again.output.scalars, firstValues.0, file: file, line: line)
        XCTAssertEqual(again.inputGradient.scalars, firstValues.1, file: file, line: line)
    }

    func testLinear() throws {
        try assertSteadyState(
            Linear(inputFeatures: 30, outputFeatures: 20, random: RandomSource(seed: 1)), input: [8, 30])
    }

    func testActivations() throws {
        try assertSteadyState(ReLU<Float>(), input: [8, 30])
        try assertSteadyState(Sigmoid<Float>(), input: [8, 30])
        try assertSteadyState(Tanh<Float>(), input: [4, 3, 5, 5])
    }

    func testMaxPool() throws {
        try assertSteadyState(MaxPool2d<Float>(kernelSize: 2), input: [4, 3, 12, 12])
        try assertSteadyState(MaxPool2d<Float>(kernelSize: 3, stride: 2), input: [2, 2, 9, 9])
    }

    func testDropout() throws {
        try assertSteadyState(
            Dropout<Float>(probability: 0.4, random: RandomSource(seed: 2)), input: [8, 50],
            deterministic: false)
    }

    func testConvolutionDirectAndUnrolled() throws {
        let random = RandomSource(seed: 3)
        try assertSteadyState(
            Conv2d<Float>(inChannels: 3, outChannels: 6, kernelSize: 5, random: random),
            input: [4, 3, 14, 14])
        let unrolled = Conv2d<Float>(inChannels: 6, outChannels: 20, kernelSize: 3, padding: 1, random: random)
        unrolled.algorithm = .unrolled
        try assertSteadyState(unrolled, input: [4, 6, 10, 10])
    }

    /// Evaluation (`infer`) on a larger batch writes into memory of its own: the next training step
    /// still lands in the training step's block, and `infer` gives what `forward` gives.
    private func assertInferenceLeavesTheWorkspace(
        _ layer: some Module<Float>, input shape: [Int], evaluation evaluationShape: [Int],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let random = RandomSource(seed: 5)
        let training: Tensor<Float> = random.gaussianTensor(shape)
        let evaluation: Tensor<Float> = random.gaussianTensor(evaluationShape)
        let address = storageAddress(try step(layer, training).output)
        var inferred = evaluation
        try layer.infer(&inferred)
        XCTAssertEqual(storageAddress(try step(layer, training).output), address, file: file, line: line)
        XCTAssertEqual(inferred.scalars, try layer.forward(evaluation).scalars, file: file, line: line)
    }

    func testInferenceLeavesTheWorkspace() throws {
        try assertInferenceLeavesTheWorkspace(
            Conv2d<Float>(inChannels: 2, outChannels: 4, kernelSize: 3, random: RandomSource(seed: 4)),
            input: [2, 2, 8, 8], evaluation: [5, 2, 8, 8])
        try assertInferenceLeavesTheWorkspace(
            MaxPool2d<Float>(kernelSize: 2), input: [2, 3, 6, 6], evaluation: [7, 3, 6, 6])
    }
}
