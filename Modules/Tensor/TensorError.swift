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
        case let .shapeMismatch(operation, lhs, rhs):
            return "\(operation): shapes \(lhs) and \(rhs) do not match"
        case let .invalidShape(operation, shape, expected):
            return "\(operation): got shape \(shape), expected \(expected)"
        case let .indexOutOfRange(operation, index, count):
            return "\(operation): index \(index) is out of range 0..<\(count)"
        }
    }
}
