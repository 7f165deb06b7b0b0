/// What went wrong when a tensor operation was given inputs it cannot work with.
///
/// Every case names the operation and the shapes involved, so a user's mismatched
/// shapes become a readable error instead of a trap.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    case shapeMismatch(operation: String, lhs: [Int], rhs: [Int])
    case invalidShape(operation: String, shape: [Int], expected: String)
    case indexOutOfRange(operation: String, index: Int, count: Int)

    public var description: String {
        switch self {
        case .shapeMismatch(let operation, let lhs, let rhs):
            return "\(operation): shapes \(lhs) and \(rhs) do not match"
        case .invalidShape(let operation, let shape, let expected):
            return "\(operation): got shape \(shape), expected \(expected)"
        case .indexOutOfRange(let operation, let index, let count):
            return "\(operation): index \(index) is out of range 0..<\(count)"
        }
    }
}
