/// A setting with a fixed set of string values (a loss's reduction, SGD's momentum form), stored
/// in recipes and cache keys as its raw value. Decoding an unknown value fails naming the value
/// and the allowed ones, instead of falling back to a default.
public protocol StringChoice: RawRepresentable<String>, CaseIterable, Codable, Sendable {}

extension StringChoice {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            let allowed = Self.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(raw)\" is not one of \(allowed)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
