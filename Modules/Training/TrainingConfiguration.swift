import Schedulers

/// How a model's outputs are compared with class labels.
public enum TargetEncoding: String, Sendable, Codable {
    /// Class indices [N]; the prediction is the argmax of the outputs (softmax cross-entropy, NLL).
    case classIndices
    /// One-hot rows [N, C]; the prediction is the argmax (MSE or Euclidean against one-hot targets).
    case oneHot
    /// The label itself as one real output [N, 1]; the prediction is 1 when the output exceeds 0.5 (MSE on one unit).
    case scalarLabel
}

/// What the loop does when a batch loss is NaN or infinite.
public enum NonFinitePolicy: String, Sendable, Codable {
    /// Record it, stop training, and evaluate the model as it is.
    case stop
    /// Record it and keep going.
    case `continue`
}

/// Everything the shared training loop needs besides the model, loss and optimizer.
public struct TrainingConfiguration: Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var shuffle: Bool
    public var targetEncoding: TargetEncoding
    /// Per-epoch schedule: the optimizer's rate is set to `learningRate(at: epochIndex)` before each epoch.
    public var schedule: (any LearningRateSchedule)?
    /// Rate reductions on a plateau of the epoch's mean training loss.
    public var plateau: ReduceLROnPlateau.Settings?
    public var nonFinitePolicy: NonFinitePolicy
    /// Evaluate the test set after every epoch (otherwise only after the last).
    public var evaluateEveryEpoch: Bool
    /// Keep every batch's loss and accuracy (for per-iteration curves).
    public var recordIterations: Bool
    /// Batch size used for evaluation passes.
    public var evaluationBatchSize: Int
    /// Also evaluate the untrained model.
    public var evaluateBeforeTraining = false
    /// Also evaluate the whole training set after every epoch.
    public var evaluateTrainingSet = false
    /// Also evaluate the test set in training mode after every epoch (dropout active).
    public var evaluateTestInTrainingMode = false
    /// Evaluate the test set every this many iterations.
    public var evaluationInterval: Int?
    /// Flush subnormal floats to zero while training (see `BLASLibrary.flushingSubnormals`).
    public var flushesSubnormals = true

    /// - Parameters:
    ///   - epochs: passes over the training set.
    ///   - batchSize: examples per step.
    ///   - shuffle: reorder the examples every epoch.
    ///   - targetEncoding: how labels become the loss's targets.
    ///   - schedule: a per-epoch learning-rate schedule, or none.
    ///   - plateau: ReduceLROnPlateau settings, or none.
    ///   - nonFinitePolicy: what a NaN or infinite loss does.
    ///   - evaluateEveryEpoch: evaluate the test set after every epoch (else after the last).
    ///   - recordIterations: keep every iteration's loss and accuracy.
    ///   - evaluationBatchSize: examples per evaluation pass.
    public init(
        epochs: Int, batchSize: Int, shuffle: Bool = true, targetEncoding: TargetEncoding = .classIndices,
        schedule: (any LearningRateSchedule)? = nil, plateau: ReduceLROnPlateau.Settings? = nil,
        nonFinitePolicy: NonFinitePolicy = .stop, evaluateEveryEpoch: Bool = true, recordIterations: Bool = false,
        evaluationBatchSize: Int = 1000
    ) {
        (self.epochs, self.batchSize, self.shuffle, self.targetEncoding) = (epochs, batchSize, shuffle, targetEncoding)
        (self.schedule, self.plateau, self.nonFinitePolicy) = (schedule, plateau, nonFinitePolicy)
        (self.evaluateEveryEpoch, self.recordIterations, self.evaluationBatchSize) = (
            evaluateEveryEpoch, recordIterations, evaluationBatchSize
        )
    }
}
