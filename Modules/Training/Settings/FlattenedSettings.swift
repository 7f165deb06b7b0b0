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

    /// Writes `settings` beside the fixed fields already in `container`.
    static func encode(_ settings: [String: SettingValue], into container: inout KeyedEncodingContainer<AnyCodingKey>)
        throws
    {
        for (key, value) in settings { try container.encode(value, forKey: AnyCodingKey(key)) }
    }
}
