/// One value of a component's settings in a recipe: a number, a string, a flag, a list of values,
/// or an object (a nested component such as a layer's initializer, `{"name": "normal", "standardDeviation": 0.01}`).
public enum SettingValue: Codable, Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case flag(Bool)
    case list([SettingValue])
    case object([String: SettingValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let list = try? container.decode([SettingValue].self) {
            self = .list(list)
        } else if let object = try? container.decode([String: SettingValue].self) {
            self = .object(object)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a number, string, true/false, a list or an object"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        case .flag(let flag): try container.encode(flag)
        case .list(let list): try container.encode(list)
        case .object(let object): try container.encode(object)
        }
    }

    public var description: String {
        switch self {
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let string): return "\"\(string)\""
        case .flag(let flag): return String(flag)
        case .list(let list): return "[" + list.map(\.description).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
                + "}"
        }
    }

    /// The number, when this is one.
    public var number: Double? {
        if case .number(let number) = self { return number }
        return nil
    }
}

extension SettingValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: SettingValue...) { self = .list(elements) }
}
