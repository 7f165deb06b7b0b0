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

    public init(from decoder: Decoder) throws {
        (type, _, settings) = try FlattenedSettings.decodeNamed(from: decoder, nameKey: "type")
    }

    public func encode(to encoder: Encoder) throws {
        try FlattenedSettings.encodeNamed(type, nameKey: "type", settings: settings, to: encoder)
    }
}
