/// The metrics of one epoch.
public struct EpochRecord: Sendable, Codable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Per-example mean of the training loss over the epoch, as the batches saw it (running loss).
    public var trainLoss: Double
    /// The same summed over all examples (report 002's "running loss").
    public var trainLossTotal: Double
    /// Fraction of training examples classified correctly during the epoch (running accuracy).
    public var trainAccuracy: Double
    /// Loss and accuracy on the evaluation set after the epoch (nil when not evaluated).
    public var testLoss: Double?
    public var testAccuracy: Double?
    public var learningRate: Double
    public var seconds: Double
}

/// Everything one training run recorded.
public struct TrainingHistory: Sendable, Codable, Equatable {
    public var epochs: [EpochRecord] = []
    /// Per-batch loss and accuracy, when the configuration asked for them.
    public var iterationLosses: [Double] = []
    public var iterationAccuracies: [Double] = []
    /// The first batch (0-based iteration) whose loss was NaN or infinite.
    public var firstNonFiniteIteration: Int?
    /// Learning-rate reductions by a plateau scheduler, as 1-based epochs.
    public var rateReductionEpochs: [Int] = []
    public var trainingSeconds: Double = 0

    public init() {}

    public var diverged: Bool { firstNonFiniteIteration != nil }
    public var last: EpochRecord? { epochs.last }
}
