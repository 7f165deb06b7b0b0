import Losses
import Optimizers

/// An initialisation scheme by registry name, with its parameters.
public struct InitializerSpec: Codable, Hashable, Sendable {
    /// "pytorch-default", "xavier-normal", "he-normal", "normal", "fan-in-normal", "vugrad-2020".
    public var name: String
    /// Standard deviation for "normal".
    public var standardDeviation: Double?
    /// Hidden layers use their activation's gain; the output layer uses 1.
    public var gainFromActivation: Bool

    /// - Parameters:
    ///   - name: the registry name.
    ///   - standardDeviation: for "normal".
    ///   - gainFromActivation: hidden layers use their activation's gain.
    public init(name: String, standardDeviation: Double? = nil, gainFromActivation: Bool = false) {
        (self.name, self.standardDeviation, self.gainFromActivation) = (name, standardDeviation, gainFromActivation)
    }
}

/// A loss by registry name.
public struct LossSpec: Codable, Hashable, Sendable {
    /// "mse", "euclidean", "softmax-cross-entropy", "cross-entropy" (on probabilities), "nll".
    public var name: String
    /// Batch mean or batch sum.
    public var reduction: Reduction
    public var epsilon: Double?

    /// - Parameters:
    ///   - name: the registry name.
    ///   - reduction: batch mean or sum.
    ///   - epsilon: for "cross-entropy" on probabilities.
    public init(name: String, reduction: Reduction = .mean, epsilon: Double? = nil) {
        (self.name, self.reduction, self.epsilon) = (name, reduction, epsilon)
    }
}

/// An optimizer by registry name with its settings (unused ones are ignored).
public struct OptimizerSpec: Codable, Hashable, Sendable {
    /// "sgd", "adam", "gd".
    public var name: String
    public var learningRate: Double
    public var momentum: Double?
    public var weightDecay: Double?
    public var nesterov: Bool?
    /// How SGD keeps its momentum buffer; absent means `.pytorch`.
    public var momentumForm: MomentumForm?
    public var decoupledWeightDecay: Double?

    /// - Parameters:
    ///   - name: the registry name.
    ///   - learningRate: η.
    ///   - momentum: μ.
    ///   - weightDecay: λ, added to the gradient.
    ///   - nesterov: Nesterov momentum (needs μ > 0).
    ///   - momentumForm: where η enters SGD's buffer.
    ///   - decoupledWeightDecay: λ_d, shrinking weights directly.
    public init(
        name: String, learningRate: Double, momentum: Double? = nil, weightDecay: Double? = nil,
        nesterov: Bool? = nil, momentumForm: MomentumForm? = nil, decoupledWeightDecay: Double? = nil
    ) {
        (self.name, self.learningRate, self.momentum, self.weightDecay) = (name, learningRate, momentum, weightDecay)
        (self.nesterov, self.momentumForm, self.decoupledWeightDecay) = (nesterov, momentumForm, decoupledWeightDecay)
    }
}

/// A per-epoch learning-rate schedule by registry name.
public struct ScheduleSpec: Codable, Hashable, Sendable {
    /// "constant", "step_decay", "exp_decay", "t_frac_decay", "cosine", or "plateau".
    public var name: String
    public var decayRate: Double?
    public var stepLength: Int?
    public var period: Int?
    /// ReduceLROnPlateau settings (PyTorch defaults when absent).
    public var factor: Double?
    public var patience: Int?

    /// - Parameters:
    ///   - name: the registry name.
    ///   - decayRate: d.
    ///   - stepLength: steps between step decays.
    ///   - period: steps per cosine period.
    ///   - factor: the plateau reduction factor.
    ///   - patience: plateau epochs before a reduction.
    public init(
        name: String, decayRate: Double? = nil, stepLength: Int? = nil, period: Int? = nil, factor: Double? = nil,
        patience: Int? = nil
    ) {
        (self.name, self.decayRate, self.stepLength, self.period, self.factor, self.patience) = (
            name, decayRate, stepLength, period, factor, patience
        )
    }
}

/// Everything about how a model is trained.
public struct TrainingSpec: Codable, Hashable, Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var shuffle: Bool
    public var loss: LossSpec
    public var optimizer: OptimizerSpec
    public var schedule: ScheduleSpec?

    /// - Parameters:
    ///   - epochs: passes over the training set.
    ///   - batchSize: examples per step.
    ///   - shuffle: reorder the examples every epoch.
    ///   - loss: the objective.
    ///   - optimizer: the update rule.
    ///   - schedule: a per-epoch schedule, or none.
    public init(
        epochs: Int, batchSize: Int, shuffle: Bool = true, loss: LossSpec, optimizer: OptimizerSpec,
        schedule: ScheduleSpec? = nil
    ) {
        (self.epochs, self.batchSize, self.shuffle, self.loss, self.optimizer, self.schedule) = (
            epochs, batchSize, shuffle, loss, optimizer, schedule
        )
    }
}
