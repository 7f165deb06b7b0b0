import TensorCore

/// Stops training when a metric has not improved by more than `minimumDelta` for `patience`
/// epochs in a row, as Keras's `EarlyStopping` (patience 0: stop at the first epoch without
/// improvement). Lower is better for losses, higher for accuracies.
public final class EarlyStopping<Scalar: TensorScalar>: TrainingObserver {
    public let monitor: EpochMetric, patience: Int, minimumDelta: Double
    /// The best value so far and the epochs since it.
    public private(set) var best: Double?
    public private(set) var epochsWithoutImprovement = 0

    /// - Parameters:
    ///   - monitor: the metric watched.
    ///   - patience: epochs without improvement that are tolerated.
    ///   - minimumDelta: the least change that counts as an improvement.
    public init(monitor: EpochMetric = .testLoss, patience: Int = 0, minimumDelta: Double = 0) {
        (self.monitor, self.patience, self.minimumDelta) = (monitor, patience, minimumDelta)
    }

    public func epochDidEnd(_ record: inout EpochRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision {
        let value = try monitor.value(in: record)
        let sign = monitor.lowerIsBetter ? 1.0 : -1.0
        if let best, sign * (best - value) <= minimumDelta {
            epochsWithoutImprovement += 1
            return epochsWithoutImprovement > patience ? .stop : .proceed
        }
        (best, epochsWithoutImprovement) = (value, 0)
        return .proceed
    }
}
