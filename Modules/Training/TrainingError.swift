/// Training that cannot give a meaningful number.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// A set with no examples: its loss and accuracy would be 0/0, not 0.
    case emptyDataset(role: String)
    /// A metric something watches is not in an epoch's record.
    case metricUnavailable(metric: String, epoch: Int)

    public var description: String {
        switch self {
        case .emptyDataset(let role): return "the \(role) set has no examples; loss and accuracy are undefined"
        case .metricUnavailable(let metric, let epoch):
            return
                "epoch \(epoch) has no \(metric) (a test metric needs a test set evaluated every epoch); watch another metric"
        }
    }
}
