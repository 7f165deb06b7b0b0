import TensorCore

/// A metric of an epoch's record by name, for what watches one (early stopping, ReduceLROnPlateau).
public enum EpochMetric: String, StringChoice {
    case trainLoss, trainAccuracy, testLoss, testAccuracy

    /// Whether a smaller value is an improvement.
    public var lowerIsBetter: Bool { self == .trainLoss || self == .testLoss }

    /// The metric's value in `record`.
    /// - Throws: `TrainingError.metricUnavailable` when the record has no value for it (no test set, or not evaluated this epoch).
    public func value(in record: EpochRecord) throws -> Double {
        let value: Double?
        switch self {
        case .trainLoss: value = record.trainLoss
        case .trainAccuracy: value = record.trainAccuracy
        case .testLoss: value = record.testLoss
        case .testAccuracy: value = record.testAccuracy
        }
        guard let value else { throw TrainingError.metricUnavailable(metric: rawValue, epoch: record.epoch) }
        return value
    }
}
