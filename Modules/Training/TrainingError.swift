/// Training that cannot give a meaningful number.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// A set with no examples: its loss and accuracy would be 0/0, not 0.
    case emptyDataset(role: String)

    public var description: String {
        switch self {
        case .emptyDataset(let role): return "the \(role) set has no examples; loss and accuracy are undefined"
        }
    }
}
