import Datasets
import Foundation
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

/// Signum (Bernstein et al., 2018): m ← β·m + (1 − β)·g, w ← w − η·(sign(m) + λ·w).
final class Signum: ParameterwiseOptimizer<Float> {
    static let settings: [Setting] = [
        .number("beta", default: 0.9, in: .halfOpenUnitInterval, "β, the momentum's decay"),
        .number("weightDecay", default: 0, in: .nonNegative, "λ, shrinking w directly"),
    ]
    let beta: Float, weightDecay: Float

    init(parameters: [Parameter<Float>], settings: ComponentSettings) throws {
        beta = Float(try settings.number("beta"))
        weightDecay = Float(try settings.number("weightDecay"))
        super.init(parameters: parameters, learningRate: try settings.number("learningRate"), slotNames: ["momentum"])
    }

    override func update(_ parameter: Parameter<Float>, state: inout [Tensor<Float>], step: Int) throws {
        state[0] = try state[0] * beta + parameter.grad * (1 - beta)
        let direction = state[0].map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        try parameter.value.axpy(-Float(learningRate), direction + parameter.value * weightDecay)
    }
}

/// Records ‖g‖, the norm of every parameter's gradient, after each step.
final class GradientNormLog: TrainingObserver {
    func stepDidEnd(_ step: StepRecord, _ state: TrainingState<Float>) throws -> ObserverDecision {
        let squares = state.trainer.optimizer.parameters.map { $0.grad.squared().sum() }.reduce(0, +)
        state.record(Double(squares.squareRoot()), as: "gradient norm")
        return .proceed
    }
}

/// The standard registry with Signum in the slot "signum" and the gradient-norm log in "gradient-norm".
func extendedRegistry() -> ComponentRegistry {
    var registry = ComponentRegistry.standard
    registry.register(optimizer: "signum", settings: Signum.settings) { try Signum(parameters: $0, settings: $1) }
    registry.register(observer: "gradient-norm") { _ in GradientNormLog() }
    return registry
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

    /// Issue 22: an optimizer with two settings of its own and an observer, named by a recipe.
    func testARecipeConfiguresAUsersOptimizerAndObserver() throws {
        let json = """
            {"dataset": {"name": "disk", "trainCount": 100, "testCount": 50},
             "model": {"hidden": [8]},
             "training": {"epochs": 2, "batchSize": 10, "optimizer": {"name": "signum", "learningRate": 0.01, "beta": 0.5},
                          "observers": [{"name": "gradient-norm"}]}}
            """
        let recipe = try TrainingRecipe.decode(Data(json.utf8), source: "signum.json")
        let (_, history, _) = try recipe.run(registry: extendedRegistry())
        let norms = try XCTUnwrap(history.observations?["gradient norm"])
        XCTAssertEqual(norms.count, 20, "one per step: 10 batches × 2 epochs")
        XCTAssertTrue(norms.allSatisfy { $0.isFinite && $0 > 0 })
        XCTAssertThrowsError(
            try TrainingRecipe.decode(
                Data(json.replacingOccurrences(of: "\"beta\"", with: "\"betas\"").utf8), source: "x"
            )
            .run(registry: extendedRegistry())
        ) {
            XCTAssertTrue(
                "\($0)".contains("unknown setting \"betas\"; it takes: beta, learningRate, weightDecay"), "\($0)")
        }
    }

    /// Signum's first two steps by hand: m₁ = (1 − β)g, m₂ = β·m₁ + (1 − β)g′.
    func testSignumStepsAreTheHandComputedOnes() throws {
        let w = Parameter(Tensor<Float>([1, -1]), name: "w")
        let settings = try ComponentSettings(
            location: "test", values: ["learningRate": 0.1, "beta": 0.5, "weightDecay": 0.5],
            declarations: [ComponentRegistry.learningRateSetting] + Signum.settings)
        let signum = try Signum(parameters: [w], settings: settings)
        w.grad = Tensor([0.2, 0.4])
        try signum.step()
        let first: [Float] = [1 - 0.1 * (1 + 0.5), -1 - 0.1 * (1 - 0.5)]
        for (value, expected) in zip(w.value.scalars, first) { XCTAssertEqual(value, expected, accuracy: 1e-6) }
        w.grad = Tensor([-1, 0])
        try signum.step()
        // m = 0.5·[0.1, 0.2] + 0.5·[−1, 0] = [−0.45, 0.1]
        let second: [Float] = [first[0] - 0.1 * (-1 + 0.5 * first[0]), first[1] - 0.1 * (1 + 0.5 * first[1])]
        for (value, expected) in zip(w.value.scalars, second) { XCTAssertEqual(value, expected, accuracy: 1e-6) }
    }
}
