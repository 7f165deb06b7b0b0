import Foundation
import Layers
import Randomness
import TensorCore
import TestSupport
import XCTest

/// Every stored `Parameter` of `module` (found by reflection) must be listed in `parameters` or `buffers`.
func assertParametersListed<M: Module>(_ module: M, file: StaticString = #filePath, line: UInt = #line) {
    let listed = module.parameters + module.buffers
    for child in Mirror(reflecting: module).children {
        let stored: Parameter<M.Scalar>? =
            (child.value as? Parameter<M.Scalar>) ?? ((child.value as? Parameter<M.Scalar>?) ?? nil)
        guard let parameter = stored else { continue }
        XCTAssertTrue(
            listed.contains { $0 === parameter }, "\(module.typeName).\(child.label ?? "?") is not listed", file: file,
            line: line)
    }
}

final class ModuleTests: XCTestCase {
    let random = RandomSource(seed: 1)

    func model() -> Sequential<Float> {
        Sequential(
            Linear(inputFeatures: 4, outputFeatures: 3, random: random), ReLU(),
            try! Dropout(probability: 0.5, random: random), Linear(inputFeatures: 3, outputFeatures: 2, random: random))
    }

    func testEveryBuiltInListsItsStoredParameters() throws {
        assertParametersListed(Linear<Float>(inputFeatures: 2, outputFeatures: 2, random: random))
        assertParametersListed(Linear<Float>(inputFeatures: 2, outputFeatures: 2, hasBias: false, random: random))
        assertParametersListed(Conv2d<Float>(inChannels: 1, outChannels: 1, kernelSize: 1, random: random))
        assertParametersListed(BatchNorm1d<Float>(features: 2))
    }

    func testNamedParametersAreDottedAndOrdered() {
        let names = model().namedParameters().map(\.name)
        XCTAssertEqual(names, ["0.weight", "0.bias", "3.weight", "3.bias"])
        XCTAssertEqual(model().parameterCount, 4 * 3 + 3 + 3 * 2 + 2)
    }

    func testZeroGradTrainAndEvalReachEveryChild() throws {
        let net = model()
        _ = try net.forward(Tensor.ones([2, 4]))
        _ = try net.backward(Tensor.ones([2, 2]))
        XCTAssertNotEqual(net.allParameters().map { $0.grad.abs().sum() }.reduce(0, +), 0)
        net.zeroGrad()
        XCTAssertEqual(net.allParameters().map { $0.grad.abs().sum() }, [0, 0, 0, 0])
        net.eval()
        XCTAssertFalse(net.layers[2].isTraining)
        let x = Tensor<Float>.ones([1, 4])
        XCTAssertEqual(try net.forward(x), try net.forward(x), "dropout is off in eval mode")
        net.train()
        XCTAssertTrue(net.layers[2].isTraining)
    }

    func testSummaryListsLayersLikeReport003() throws {
        let net = Sequential<Float>(
            Linear(inputFeatures: 784, outputFeatures: 256, random: random), Sigmoid(),
            Linear(inputFeatures: 256, outputFeatures: 10, random: random), Sigmoid())
        let rows = try net.layerSummaries(inputShape: [784])
        XCTAssertEqual(rows.map(\.type), ["Linear", "Sigmoid", "Linear", "Sigmoid"])
        XCTAssertEqual(rows.map { $0.inputShape.last! }, [784, 256, 256, 10])
        XCTAssertEqual(rows.map { $0.outputShape.last! }, [256, 256, 10, 10])
        XCTAssertEqual(rows.map(\.parameterCount), [200_960, 0, 2570, 0])
        XCTAssertTrue(try net.summary(inputShape: [784]).contains("Total parameters: 203530"))
    }

    func testInitializersHaveTheirTheoreticalSpread() {
        let schemes: [Initializer] = [
            .pytorchDefault, .xavierNormal(gain: Initializer.Gain.tanh), .xavierUniform(gain: 1),
            .heNormal(gain: Initializer.Gain.relu), .normal(mean: 0, standardDeviation: 0.01), .vugrad2020,
        ]
        for scheme in schemes {
            let draw: Tensor<Double> = scheme.make([100, 100], fanIn: 100, fanOut: 100, random: random)
            let expected = scheme.expectedStandardDeviation(fanIn: 100, fanOut: 100)!
            XCTAssertEqual(draw.variance().squareRoot(), expected, accuracy: 0.05 * expected, "\(scheme)")
            XCTAssertEqual(draw.mean(), 0, accuracy: 0.05 * expected)
        }
        XCTAssertEqual(Initializer.Gain.tanh, 5.0 / 3.0)
        XCTAssertEqual(Initializer.Gain.relu, 2.0.squareRoot())
    }

    func testCheckpointRoundTripIsExact() throws {
        let net = model()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try net.save(to: url)
        let restored = Sequential<Float>(
            Linear(inputFeatures: 4, outputFeatures: 3, random: RandomSource(seed: 9)), ReLU(),
            try Dropout(probability: 0.5, random: random),
            Linear(inputFeatures: 3, outputFeatures: 2, random: RandomSource(seed: 9)))
        try restored.load(from: url)
        for (a, b) in zip(net.stateDict(), restored.stateDict()) {
            XCTAssertEqual(a.name, b.name)
            XCTAssertEqual(a.tensor, b.tensor)
        }
        let bytes = try Data(contentsOf: url)
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        XCTAssertTrue(header.contains(#""0.weight":{"data_offsets":[0,48],"dtype":"F32","shape":[3,4]}"#), header)
    }

    func testTruncatedOrMismatchedCheckpointGivesClearErrors() throws {
        let net = model()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try net.save(to: url)
        let full = try Data(contentsOf: url)
        try full.prefix(full.count - 10).write(to: url)
        assertThrowsMessage(try net.load(from: url), containing: [url.path, "truncated"])
        try full.prefix(5).write(to: url)
        assertThrowsMessage(try net.load(from: url), containing: [url.path, "5 bytes"])
        let wider = Sequential<Float>(Linear(inputFeatures: 5, outputFeatures: 3, random: random))
        try wider.save(to: url)
        assertThrowsMessage(try net.load(from: url), containing: [url.path, "0.weight", "[3, 5]", "[3, 4]"])
        try Sequential<Float>(ReLU()).save(to: url)
        assertThrowsMessage(try net.load(from: url), containing: [url.path, "0.weight"])
    }

    func testShapeErrorsAreThrownNotTrapped() {
        let layer = Linear<Float>(inputFeatures: 4, outputFeatures: 2, random: random)
        assertThrowsMessage(try layer.forward(Tensor.zeros([3, 5])), containing: ["[3, 5]", "4"])
        assertThrowsMessage(
            try Linear<Float>(inputFeatures: 1, outputFeatures: 1, random: random).backward(Tensor.zeros([1, 1])),
            containing: ["before forward"])
    }
}
