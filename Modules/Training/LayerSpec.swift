/// One value of a layer's settings in a recipe: a number, a string, a flag or a list of them.
public enum SettingValue: Codable, Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case flag(Bool)
    case list([SettingValue])

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
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "expected a number, string, true/false or a list")
            )
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        case .flag(let flag): try container.encode(flag)
        case .list(let list): try container.encode(list)
        }
    }

    public var description: String {
        switch self {
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let string): return "\"\(string)\""
        case .flag(let flag): return String(flag)
        case .list(let list): return "[" + list.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// One layer of a model recipe by registry name, with its settings, as PyTorch's `Sequential`
/// entries: `{"type": "conv2d", "out": 6, "kernel": 5}`. Input sizes are not written: they are
/// inferred from the previous layer's output.
public struct LayerSpec: Codable, Hashable, Sendable {
    /// Registry name of the layer ("linear", "conv2d", "relu", …).
    public var type: String
    /// Every other key of the JSON object.
    public var settings: [String: SettingValue]

    /// - Parameters:
    ///   - type: the registry name of the layer.
    ///   - settings: its settings.
    public init(_ type: String, _ settings: [String: SettingValue] = [:]) {
        (self.type, self.settings) = (type, settings)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        type = try container.decode(String.self, forKey: Key(stringValue: "type"))
        var settings: [String: SettingValue] = [:]
        for key in container.allKeys where key.stringValue != "type" {
            settings[key.stringValue] = try container.decode(SettingValue.self, forKey: key)
        }
        self.settings = settings
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(type, forKey: Key(stringValue: "type"))
        for (key, value) in settings { try container.encode(value, forKey: Key(stringValue: key)) }
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
