import Datasets
import Layers
import Losses
import Optimizers
import Randomness
import Schedulers
import TensorCore
import Training
import XCTest

// The same user-defined components docs/extending.md shows, trained by the shared loop.

/// y = x·s + t with a learned per-feature scale s and shift t.
final class ScaleShift: Module {
    let scale: Parameter<Float>
    let shift: Parameter<Float>
    var isTraining = true
    private var input: Tensor<Float>?

    init(features: Int) {
        scale = Parameter(Tensor.ones([features]), name: "scale")
        shift = Parameter(Tensor.zeros([features]), name: "shift")
    }

    var parameters: [Parameter<Float>] { [scale, shift] }

    func forward(_ input: Tensor<Float>) throws -> Tensor<Float> {
        self.input = input
        return try input * scale.value + shift.value
    }

    func backward(_ outputGradient: Tensor<Float>) throws -> Tensor<Float> {
        guard let input else { throw ModuleError.backwardBeforeForward(module: "ScaleShift") }
        try scale.grad += (outputGradient * input).sum(alongAxis: 0)
        try shift.grad += outputGradient.sum(alongAxis: 0)
        return try outputGradient * scale.value
    }
}

/// Mean absolute error, L = mean |p − t|, ∂L/∂p = sign(p − t)/M.
struct MeanAbsoluteError: Loss {
    var targets: LossTargets { .values }
    func evaluate(predicted: Tensor<Float>, target: Tensor<Float>) throws -> (value: Float, gradient: Tensor<Float>) {
        let difference = try predicted - Targets.dense(target, like: predicted)
        let count = Float(predicted.count)
        return (difference.abs().sum() / count, difference.map { ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) / count })
    }
}

/// Gradient descent with a fixed step length: w ← w − η·g/‖g‖.
final class NormalizedGradientDescent: ParameterwiseOptimizer<Float> {
    init(parameters: [Parameter<Float>], learningRate: Double) {
        super.init(parameters: parameters, learningRate: learningRate, slotNames: [])
    }

    override func update(_ parameter: Parameter<Float>, state: inout [Tensor<Float>], step: Int) throws {
        let norm = parameter.grad.squared().sum().squareRoot()
        guard norm > 0 else { return }
        try parameter.value.axpy(-Float(learningRate) / norm, parameter.grad)
    }
}

/// Halves the rate every `period` epochs after a warm-up epoch at a tenth of it.
struct WarmupHalving: LearningRateSchedule {
    let initialRate: Double, period: Int
    var name: String { "warmup_halving" }
    func learningRate(at step: Int) -> Double {
        step == 0 ? initialRate / 10 : initialRate * pow(0.5, Double((step - 1) / period))
    }
}

final class ExtensionTests: XCTestCase {
    func testUserComponentsPlugIntoTheSharedLoop() throws {
        let random = RandomSource(seed: 21)
        let data: DatasetSplit<Float> = DiskDataset.split(trainCount: 400, testCount: 400, random: random)
        let model = Sequential<Float>(
            ScaleShift(features: 2), Linear(inputFeatures: 2, outputFeatures: 16, random: random), Tanh(),
            Linear(inputFeatures: 16, outputFeatures: 1, random: random))
        XCTAssertEqual(model.namedParameters().map(\.name).prefix(2), ["0.scale", "0.shift"])
        let trainer = Trainer(
            model: model, loss: MeanAbsoluteError(),
            optimizer: NormalizedGradientDescent(parameters: model.allParameters(), learningRate: 0.05))
        let configuration = TrainingConfiguration(
            epochs: 30, batchSize: 20, targetEncoding: .scalarLabel,
            schedule: WarmupHalving(initialRate: 0.05, period: 10))
        let history = try trainer.fit(train: data.train, test: data.test, configuration: configuration, random: random)
        XCTAssertEqual(history.epochs.map(\.learningRate).prefix(3), [0.005, 0.05, 0.05])
        XCTAssertEqual(history.epochs[11].learningRate, 0.025, accuracy: 1e-12)
        XCTAssertLessThan(history.epochs.last!.trainLoss, history.epochs.first!.trainLoss)
        XCTAssertGreaterThan(try XCTUnwrap(history.last?.testAccuracy), 0.7)
        XCTAssertNotEqual(
            model.namedParameters()[0].parameter.value.scalars, [1, 1], "the user layer's parameters were trained")
    }

    /// Issue 16: the target encoding came from the loss's registry name, so a user's regression loss
    /// under a new name got class indices; it now comes from the loss itself.
    func testTheTargetEncodingFollowsTheLossNotItsName() throws {
        var registry = ComponentRegistry.standard
        registry.register(loss: "mae") { _ in MeanAbsoluteError() }
        XCTAssertEqual(
            ComponentRegistry.targetEncoding(loss: try registry.makeLoss(LossSpec(name: "mae")), outputs: 1),
            .scalarLabel)
        XCTAssertEqual(
            ComponentRegistry.targetEncoding(loss: try registry.makeLoss(LossSpec(name: "mae")), outputs: 3), .oneHot)
        XCTAssertEqual(
            ComponentRegistry.targetEncoding(loss: try registry.makeLoss(LossSpec(name: "mse")), outputs: 1),
            .scalarLabel)
        XCTAssertEqual(
            ComponentRegistry.targetEncoding(
                loss: try registry.makeLoss(LossSpec(name: "softmax-cross-entropy")), outputs: 10), .classIndices)
    }
}
