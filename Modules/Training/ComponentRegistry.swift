import Layers
import Losses
import Optimizers
import Randomness
import Schedulers
import TensorCore

/// Names → components, so experiments and configuration files can say "relu", "adam" or
/// "t_frac_decay". Start from `.standard` and add your own entries; nothing here is global.
public struct ComponentRegistry {
    public var activations: [String: () -> any Module<Float>]
    public var initializers: [String: (_ spec: InitializerSpec, _ gain: Double) -> Initializer]
    public var losses: [String: (_ spec: LossSpec) -> any Loss<Float>]
    public var optimizers: [String: (_ parameters: [Parameter<Float>], _ spec: OptimizerSpec) -> any Optimizer<Float>]
    public var schedules: [String: (_ initialRate: Double, _ spec: ScheduleSpec) -> any LearningRateSchedule]
    /// The gain each activation's layers use under gain-aware initialisers.
    public var gains: [String: Double]

    /// The built-in components.
    public static var standard: ComponentRegistry {
        ComponentRegistry(
            activations: [
                "relu": { ReLU<Float>() }, "tanh": { Tanh<Float>() }, "sigmoid": { Sigmoid<Float>() }, "softmax": { Softmax<Float>() },
            ],
            initializers: [
                "pytorch-default": { _, _ in .pytorchDefault },
                "xavier-normal": { _, gain in .xavierNormal(gain: gain) },
                "xavier-uniform": { _, gain in .xavierUniform(gain: gain) },
                "he-normal": { _, gain in .heNormal(gain: gain) },
                "fan-in-normal": { _, _ in .heNormal(gain: 1) },
                "normal": { spec, _ in .normal(mean: 0, standardDeviation: spec.standardDeviation ?? 1) },
                "vugrad-2020": { _, _ in .vugrad2020 },
            ],
            losses: [
                "mse": { MSELoss(reduction: Reduction(rawValue: $0.reduction) ?? .mean) },
                "euclidean": { _ in EuclideanLoss() },
                "softmax-cross-entropy": { SoftmaxCrossEntropyLoss(reduction: Reduction(rawValue: $0.reduction) ?? .mean) },
                "cross-entropy": { CrossEntropyLoss(epsilon: Float($0.epsilon ?? 1e-20), reduction: Reduction(rawValue: $0.reduction) ?? .mean) },
                "nll": { NLLLoss(reduction: Reduction(rawValue: $0.reduction) ?? .mean) },
            ],
            optimizers: [
                "gd": { GradientDescent(parameters: $0, learningRate: $1.learningRate) },
                "sgd": { parameters, spec in
                    SGD(parameters: parameters, learningRate: spec.learningRate, momentum: spec.momentum ?? 0,
                        weightDecay: spec.weightDecay ?? 0, nesterov: spec.nesterov ?? false,
                        decoupledWeightDecay: spec.decoupledWeightDecay ?? 0,
                        momentumForm: SGD<Float>.MomentumForm(rawValue: spec.momentumForm ?? "pytorch") ?? .pytorch)
                },
                "adam": { parameters, spec in
                    Adam(parameters: parameters, learningRate: spec.learningRate, weightDecay: spec.weightDecay ?? 0,
                         decoupledWeightDecay: spec.decoupledWeightDecay ?? 0)
                },
            ],
            schedules: [
                "constant": { rate, _ in ConstantSchedule(initialRate: rate) },
                "step_decay": { rate, spec in StepDecaySchedule(initialRate: rate, decayRate: spec.decayRate ?? 0.5, stepLength: spec.stepLength ?? 10) },
                "exp_decay": { rate, spec in ExponentialDecaySchedule(initialRate: rate, decayRate: spec.decayRate ?? 0) },
                "t_frac_decay": { rate, spec in InverseTimeDecaySchedule(initialRate: rate, decayRate: spec.decayRate ?? 0) },
                "cosine": { rate, spec in CosineAnnealingSchedule(initialRate: rate, period: spec.period ?? 100) },
            ],
            gains: ["relu": Initializer.Gain.relu, "tanh": Initializer.Gain.tanh, "sigmoid": 1, "linear": 1])
    }

    func lookUp<T>(_ table: [String: T], _ name: String, kind: String) throws -> T {
        guard let entry = table[name] else {
            throw RegistryError.unknown(kind: kind, name: name, known: table.keys.sorted())
        }
        return entry
    }

    /// Builds the MLP `spec` describes: Linear → activation (→ dropout) per hidden layer, then Linear (→ output activation).
    public func makeModel(_ spec: ModelSpec, random: RandomSource) throws -> Sequential<Float> {
        let model = Sequential<Float>()
        var width = spec.inputs
        let makeActivation = try lookUp(activations, spec.activation, kind: "activation")
        let makeInitializer = try lookUp(initializers, spec.initializer.name, kind: "initializer")
        let hiddenGain = spec.initializer.gainFromActivation ? (gains[spec.activation] ?? 1) : 1
        for next in spec.hidden {
            model.append(Linear(inputFeatures: width, outputFeatures: next, weightInitializer: makeInitializer(spec.initializer, hiddenGain), random: random))
            model.append(makeActivation())
            if let dropout = spec.dropout { model.append(try Dropout(probability: dropout, random: random)) }
            width = next
        }
        model.append(Linear(inputFeatures: width, outputFeatures: spec.outputs, weightInitializer: makeInitializer(spec.initializer, 1), random: random))
        if let output = spec.outputActivation { model.append(try lookUp(activations, output, kind: "output activation")()) }
        return model
    }

    public func makeLoss(_ spec: LossSpec) throws -> any Loss<Float> {
        guard Reduction(rawValue: spec.reduction) != nil else {
            throw RegistryError.unknown(kind: "loss reduction", name: spec.reduction, known: Reduction.allCases.map(\.rawValue))
        }
        return try lookUp(losses, spec.name, kind: "loss")(spec)
    }

    public func makeOptimizer(_ spec: OptimizerSpec, parameters: [Parameter<Float>]) throws -> any Optimizer<Float> {
        try lookUp(optimizers, spec.name, kind: "optimizer")(parameters, spec)
    }

    /// The per-epoch schedule, or the plateau settings, that a `ScheduleSpec` names.
    public func makeSchedule(_ spec: ScheduleSpec?, initialRate: Double) throws -> (schedule: (any LearningRateSchedule)?, plateau: ReduceLROnPlateau.Settings?) {
        guard let spec else { return (nil, nil) }
        if spec.name == "plateau" {
            var settings = ReduceLROnPlateau.Settings()
            if let factor = spec.factor { settings.factor = factor }
            if let patience = spec.patience { settings.patience = patience }
            return (nil, settings)
        }
        return (try lookUp(schedules, spec.name, kind: "schedule")(initialRate, spec), nil)
    }

    /// How targets must be encoded for `loss` with `outputs` output units.
    public static func targetEncoding(loss: LossSpec, outputs: Int) -> TargetEncoding {
        switch loss.name {
        case "mse", "euclidean": return outputs == 1 ? .scalarLabel : .oneHot
        default: return .classIndices
        }
    }
}

/// A name that is not in the registry.
public enum RegistryError: Error, CustomStringConvertible, Equatable {
    case unknown(kind: String, name: String, known: [String])

    public var description: String {
        switch self {
        case let .unknown(kind, name, known): return "unknown \(kind) \"\(name)\"; known: \(known.joined(separator: ", "))"
        }
    }
}
