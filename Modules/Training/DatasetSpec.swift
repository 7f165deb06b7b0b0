/// Which data a run trains and evaluates on, by registry name ("disk", "syn20", "syng", "mnist",
/// "idx", "cifar10"): how many examples to keep (every dataset takes these) and the dataset's own
/// settings ("preprocessing", "validationSplit", "folder"). Absent settings are not encoded, so a
/// run's cache key holds only what it sets.
public struct DatasetSpec: Codable, Hashable, Sendable {
    public var name: String
    /// Training examples to generate or keep (a prefix of a stored set).
    public var trainCount: Int?
    /// Test (or validation) examples to generate or keep.
    public var testCount: Int?
    /// The dataset's own settings, checked against what it declares.
    public var settings: [String: SettingValue]

    /// - Parameters:
    ///   - name: the registry name ("disk", "mnist", "cifar10", "idx").
    ///   - trainCount: training examples to generate or keep (a prefix of a stored set).
    ///   - testCount: test examples to generate or keep.
    ///   - settings: the dataset's own settings.
    public init(name: String, trainCount: Int? = nil, testCount: Int? = nil, _ settings: [String: SettingValue] = [:]) {
        (self.name, self.trainCount, self.testCount, self.settings) = (name, trainCount, testCount, settings)
    }

    public init(from decoder: Decoder) throws {
        let (name, container, settings) = try FlattenedSettings.decodeNamed(
            from: decoder, fixed: ["trainCount", "testCount"])
        (self.name, self.settings) = (name, settings)
        trainCount = try container.decodeIfPresent(Int.self, forKey: AnyCodingKey("trainCount"))
        testCount = try container.decodeIfPresent(Int.self, forKey: AnyCodingKey("testCount"))
    }

    public func encode(to encoder: Encoder) throws {
        try FlattenedSettings.encodeNamed(name, settings: settings, to: encoder) {
            try $0.encodeIfPresent(trainCount, forKey: AnyCodingKey("trainCount"))
            try $0.encodeIfPresent(testCount, forKey: AnyCodingKey("testCount"))
        }
    }
}
