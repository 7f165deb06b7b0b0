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

/// How the shared training loop runs: epochs, batches, target encoding, the schedule and what a
/// non-finite loss does. What a run measures beyond each epoch's loss and accuracy, and when it
/// stops early, are `TrainingObserver`s given to the trainer, not settings here.
public struct TrainingConfiguration {
    public var epochs: Int
    public var batchSize: Int
    public var shuffle: Bool
    public var targetEncoding: TargetEncoding
    /// The optimizer's rate is set to `learningRate(at: epochIndex)` before each epoch; a
    /// `MetricDrivenSchedule` is also fed its metric after each epoch.
    public var schedule: (any LearningRateSchedule)?
    public var nonFinitePolicy: NonFinitePolicy
    /// Evaluate the test set after every epoch (otherwise only after the last).
    public var evaluateEveryEpoch: Bool
    /// Batch size used for evaluation passes.
    public var evaluationBatchSize: Int
    /// Flush subnormal floats to zero while training (see `BLASLibrary.flushingSubnormals`).
    public var flushesSubnormals = true

    /// - Parameters:
    ///   - epochs: passes over the training set.
    ///   - batchSize: examples per step.
    ///   - shuffle: reorder the examples every epoch.
    ///   - targetEncoding: how labels become the loss's targets.
    ///   - schedule: a per-epoch or metric-driven learning-rate schedule, or none.
    ///   - nonFinitePolicy: what a NaN or infinite loss does.
    ///   - evaluateEveryEpoch: evaluate the test set after every epoch (else after the last).
    ///   - evaluationBatchSize: examples per evaluation pass.
    public init(
        epochs: Int, batchSize: Int, shuffle: Bool = true, targetEncoding: TargetEncoding = .classIndices,
        schedule: (any LearningRateSchedule)? = nil, nonFinitePolicy: NonFinitePolicy = .stop,
        evaluateEveryEpoch: Bool = true, evaluationBatchSize: Int = 1000
    ) {
        (self.epochs, self.batchSize, self.shuffle, self.targetEncoding) = (epochs, batchSize, shuffle, targetEncoding)
        (self.schedule, self.nonFinitePolicy) = (schedule, nonFinitePolicy)
        (self.evaluateEveryEpoch, self.evaluationBatchSize) = (evaluateEveryEpoch, evaluationBatchSize)
    }
}
