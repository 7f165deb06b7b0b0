/// The metrics of one epoch.
public struct EpochRecord: Sendable, Codable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Per-example mean of the training loss over the epoch, as the batches saw it (running loss).
    public var trainLoss: Double
    /// The same summed over all examples (a "running loss").
    public var trainLossTotal: Double
    /// Fraction of training examples classified correctly during the epoch (running accuracy).
    public var trainAccuracy: Double
    /// Loss and accuracy on the evaluation set after the epoch (nil when not evaluated).
    public var testLoss: Double?
    public var testAccuracy: Double?
    /// The whole training set evaluated after the epoch, when asked for.
    public var trainEvaluationLoss: Double?
    public var trainEvaluationAccuracy: Double?
    /// The test loss with the model left in training mode (dropout active), when asked for.
    public var testLossInTrainingMode: Double?
    public var learningRate: Double
    public var seconds: Double

    /// - Parameters:
    ///   - epoch: counted from 1.
    ///   - trainLoss: the running mean over the epoch's examples.
    ///   - trainLossTotal: the same summed.
    ///   - trainAccuracy: the running accuracy.
    ///   - testLoss: after the epoch, if evaluated.
    ///   - testAccuracy: after the epoch, if evaluated.
    ///   - learningRate: the rate used.
    ///   - seconds: the epoch's wall-clock time.
    public init(
        epoch: Int, trainLoss: Double, trainLossTotal: Double, trainAccuracy: Double, testLoss: Double?,
        testAccuracy: Double?,
        learningRate: Double, seconds: Double
    ) {
        (self.epoch, self.trainLoss, self.trainLossTotal, self.trainAccuracy) = (
            epoch, trainLoss, trainLossTotal, trainAccuracy
        )
        (self.testLoss, self.testAccuracy, self.learningRate, self.seconds) = (
            testLoss, testAccuracy, learningRate, seconds
        )
    }
}

/// An evaluation taken between iterations.
public struct Evaluation: Sendable, Codable, Equatable {
    /// Iterations completed when it was taken.
    public var iteration: Int
    public var loss: Double
    public var accuracy: Double
}

/// Everything one training run recorded.
public struct TrainingHistory: Sendable, Codable, Equatable {
    public var epochs: [EpochRecord] = []
    /// Per-batch loss and accuracy, when the configuration asked for them.
    public var iterationLosses: [Double] = []
    public var iterationAccuracies: [Double] = []
    /// The first batch (0-based iteration) whose loss was NaN or infinite.
    public var firstNonFiniteIteration: Int?
    /// True when a `StopRequest` ended training early (absent otherwise, so cached histories keep their encoding).
    public var interrupted: Bool?
    /// Learning-rate reductions by a metric-driven schedule (ReduceLROnPlateau), as 1-based epochs.
    public var rateReductionEpochs: [Int] = []
    /// The observer that ended training early (its type, "EarlyStopping"); absent otherwise.
    public var stoppedBy: String?
    /// Series that observers recorded by name (`TrainingState.record(_:as:)`); absent when none did,
    /// so histories without them encode as before.
    public var observations: [String: [Double]]?
    public var trainingSeconds: Double = 0
    /// The untrained model on the test set, when asked for.
    public var initialEvaluation: Evaluation?
    /// Test-set evaluations every `evaluationInterval` iterations.
    public var periodicEvaluations: [Evaluation] = []

    public init() {}

    public var diverged: Bool { firstNonFiniteIteration != nil }
    public var last: EpochRecord? { epochs.last }
}
