/// A layer's settings as a layer factory reads them: typed accessors whose errors name the layer
/// (its index in the recipe and its type), the setting, the value found and what was expected.
public struct LayerSettings: Sendable {
    /// Where the layer stands in the recipe: "model.layers[3] (conv2d)".
    public let location: String
    public let values: [String: SettingValue]

    /// - Parameters:
    ///   - location: where the layer stands in the recipe, for errors ("model.layers[3] (conv2d)").
    ///   - values: the settings by key.
    public init(location: String, values: [String: SettingValue]) {
        (self.location, self.values) = (location, values)
    }

    /// An error about this layer.
    public func error(_ message: String) -> RecipeError { .layer(location: location, detail: message) }

    /// A positive whole number, or `default` when absent (an error when absent and no default is given).
    public func positiveInteger(_ key: String, default fallback: Int? = nil) throws -> Int {
        try integer(key, default: fallback, minimum: 1, expected: "a positive whole number")
    }

    /// A whole number ≥ 0, or `default` when absent.
    public func nonNegativeInteger(_ key: String, default fallback: Int? = nil) throws -> Int {
        try integer(key, default: fallback, minimum: 0, expected: "a whole number ≥ 0")
    }

    private func integer(_ key: String, default fallback: Int?, minimum: Int, expected: String) throws -> Int {
        guard let value = values[key] else {
            guard let fallback else { throw error("missing setting \"\(key)\" (\(expected))") }
            return fallback
        }
        guard case .number(let number) = value, number == number.rounded(), number >= Double(minimum), number <= 1e9
        else {
            throw error("setting \"\(key)\" is \(value); expected \(expected)")
        }
        return Int(number)
    }

    /// A finite number in `range`, or `default` when absent.
    public func number(
        _ key: String, in range: ClosedRange<Double> = -.greatestFiniteMagnitude...(.greatestFiniteMagnitude),
        default fallback: Double? = nil
    ) throws -> Double {
        guard let value = values[key] else {
            guard let fallback else { throw error("missing setting \"\(key)\" (a number)") }
            return fallback
        }
        guard case .number(let number) = value, number.isFinite, range.contains(number) else {
            throw error(
                "setting \"\(key)\" is \(value); expected a number in [\(range.lowerBound), \(range.upperBound)]")
        }
        return number
    }

    /// A number when present, nil when absent.
    public func optionalNumber(_ key: String) throws -> Double? {
        values[key] == nil ? nil : try number(key)
    }

    /// A string, or `default` when absent.
    public func string(_ key: String, default fallback: String? = nil) throws -> String {
        guard let value = values[key] else {
            guard let fallback else { throw error("missing setting \"\(key)\" (a string)") }
            return fallback
        }
        guard case .string(let string) = value else { throw error("setting \"\(key)\" is \(value); expected a string") }
        return string
    }

    /// true or false, or `default` when absent.
    public func flag(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = values[key] else { return fallback }
        guard case .flag(let flag) = value else {
            throw error("setting \"\(key)\" is \(value); expected true or false")
        }
        return flag
    }

    /// A non-empty list of positive whole numbers (a shape).
    public func shape(_ key: String) throws -> [Int] {
        guard let value = values[key] else {
            throw error("missing setting \"\(key)\" (a list of positive whole numbers)")
        }
        guard case .list(let items) = value, !items.isEmpty else {
            throw error("setting \"\(key)\" is \(value); expected a list of positive whole numbers")
        }
        return try items.map { item in
            guard case .number(let number) = item, number == number.rounded(), number >= 1, number <= 1e9 else {
                throw error("setting \"\(key)\" is \(value); expected a list of positive whole numbers")
            }
            return Int(number)
        }
    }
}
