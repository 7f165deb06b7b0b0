import TensorCore

/// A component's settings as its factory reads them: the values a recipe gave, checked against
/// the component's declared `Setting`s, with the declared defaults filling the rest. Errors name
/// where the component stands ("training.optimizer (adam)", "model.layers[3] (conv2d)"), the
/// setting, the value found and what was expected.
public struct ComponentSettings: Sendable {
    /// Where the component stands in the recipe.
    public let location: String
    /// The values the recipe gave, by key.
    public let values: [String: SettingValue]
    /// Every setting the component takes.
    public let declarations: [Setting]

    /// Checks `values` against `declarations`: every key must be declared, of its kind and in its
    /// range, and every required setting present.
    /// - Parameters:
    ///   - location: where the component stands, for errors.
    ///   - values: the settings the recipe gave.
    ///   - declarations: the settings the component takes.
    /// - Throws: `RecipeError.layer` naming the location, the key and the settings the component takes.
    public init(location: String, values: [String: SettingValue], declarations: [Setting]) throws {
        (self.location, self.values, self.declarations) = (location, values, declarations)
        let declared = Dictionary(declarations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = values.keys.filter { declared[$0] == nil }.sorted()
        guard unknown.isEmpty else {
            let known = declarations.isEmpty ? "none" : declarations.map(\.name).sorted().joined(separator: ", ")
            throw error(
                "unknown setting\(unknown.count > 1 ? "s" : "") \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); it takes: \(known)"
            )
        }
        for setting in declarations {
            guard let value = values[setting.name] else {
                guard setting.absence != .required else {
                    throw error("missing setting \"\(setting.name)\" (\(setting.expected))")
                }
                continue
            }
            guard setting.accepts(value) else {
                throw error("setting \"\(setting.name)\" is \(value); expected \(setting.expected)")
            }
        }
    }

    /// No settings, for a component that declares none (a context before its settings are checked).
    init(location: String) { (self.location, self.values, self.declarations) = (location, [:], []) }

    /// An error about this component.
    public func error(_ message: String) -> RecipeError { .layer(location: location, detail: message) }

    /// The value given, else the declared default; nil for an optional setting left out.
    public func value(_ key: String) throws -> SettingValue? {
        guard let setting = declarations.first(where: { $0.name == key }) else {
            throw error("reads setting \"\(key)\", which it does not declare")
        }
        if let value = values[key] { return value }
        switch setting.absence {
        case .defaultValue(let value): return value
        case .optional: return nil
        case .required: throw error("missing setting \"\(key)\" (\(setting.expected))")
        }
    }

    private func present(_ key: String) throws -> SettingValue {
        guard let value = try value(key) else { throw error("missing setting \"\(key)\"") }
        return value
    }

    /// A number (or whole number) setting.
    public func number(_ key: String) throws -> Double {
        guard case .number(let number) = try present(key) else { throw error("setting \"\(key)\" is not a number") }
        return number
    }

    /// A number setting, nil when an optional one is left out.
    public func optionalNumber(_ key: String) throws -> Double? {
        try value(key) == nil ? nil : try number(key)
    }

    /// A whole-number setting.
    public func integer(_ key: String) throws -> Int {
        let number = try number(key)
        guard number == number.rounded(), abs(number) <= 1e15 else {
            throw error("setting \"\(key)\" is \(number); expected a whole number")
        }
        return Int(number)
    }

    /// A whole-number setting, nil when an optional one is left out.
    public func optionalInteger(_ key: String) throws -> Int? {
        try value(key) == nil ? nil : try integer(key)
    }

    /// A true/false setting.
    public func flag(_ key: String) throws -> Bool {
        guard case .flag(let flag) = try present(key) else { throw error("setting \"\(key)\" is not true or false") }
        return flag
    }

    /// A string setting.
    public func string(_ key: String) throws -> String {
        guard case .string(let string) = try present(key) else { throw error("setting \"\(key)\" is not a string") }
        return string
    }

    /// A choice setting as its `StringChoice` type.
    public func choice<C: StringChoice>(_ key: String, as type: C.Type = C.self) throws -> C {
        let raw = try string(key)
        guard let value = C(rawValue: raw) else { throw error("setting \"\(key)\" is \"\(raw)\", not a \(C.self)") }
        return value
    }

    /// A list-of-numbers setting.
    public func numbers(_ key: String) throws -> [Double] {
        guard case .list(let items) = try present(key) else { throw error("setting \"\(key)\" is not a list") }
        return try items.map { item in
            guard let number = item.number else { throw error("setting \"\(key)\" holds \(item), not a number") }
            return number
        }
    }

    /// A shape setting.
    public func shape(_ key: String) throws -> [Int] { try numbers(key).map { Int($0) } }

    /// A nested component setting: its registry name and the settings given with it.
    public func component(_ key: String) throws -> (name: String, settings: [String: SettingValue]) {
        switch try present(key) {
        case .string(let name): return (name, [:])
        case .object(var object):
            guard case .string(let name) = object.removeValue(forKey: "name") else {
                throw error("setting \"\(key)\" has no \"name\"")
            }
            return (name, object)
        default: throw error("setting \"\(key)\" is not a component")
        }
    }
}
