/// A JSON object key of any name.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A component in a recipe is one JSON object: its name and a few fixed fields beside the
/// settings it declares, `{"name": "adam", "learningRate": 0.001, "betas": [0.8, 0.9]}`. The
/// settings encode as plain keys, so a spec with the settings of the old fixed fields encodes
/// to the same bytes (and cache keys) as before.
enum FlattenedSettings {
    /// Every key of the object except `fixed`, as settings.
    static func decode(from decoder: Decoder, excluding fixed: Set<String>) throws -> [String: SettingValue] {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var settings: [String: SettingValue] = [:]
        for key in container.allKeys where !fixed.contains(key.stringValue) {
            settings[key.stringValue] = try container.decode(SettingValue.self, forKey: key)
        }
        return settings
    }

    /// A component's object: its name under `nameKey`, the container (for the fixed fields), and
    /// every other key but `fixed` as settings.
    static func decodeNamed(from decoder: Decoder, nameKey: String = "name", fixed: Set<String> = []) throws -> (
        name: String, container: KeyedDecodingContainer<AnyCodingKey>, settings: [String: SettingValue]
    ) {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        let name = try container.decode(String.self, forKey: AnyCodingKey(nameKey))
        return (name, container, try decode(from: decoder, excluding: fixed.union([nameKey])))
    }

    /// Writes a component's object: its name under `nameKey`, the fixed fields `fixed` writes, then the settings.
    static func encodeNamed(
        _ name: String, nameKey: String = "name", settings: [String: SettingValue], to encoder: Encoder,
        fixed: (inout KeyedEncodingContainer<AnyCodingKey>) throws -> Void = { _ in }
    ) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(name, forKey: AnyCodingKey(nameKey))
        try fixed(&container)
        try encode(settings, into: &container)
    }

    /// Writes `settings` beside the fixed fields already in `container`.
    static func encode(_ settings: [String: SettingValue], into container: inout KeyedEncodingContainer<AnyCodingKey>)
        throws
    {
        for (key, value) in settings { try container.encode(value, forKey: AnyCodingKey(key)) }
    }
}
