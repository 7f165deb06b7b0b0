import TensorCore

/// One setting a component takes, declared where the component is registered: its name, type,
/// default and allowed values, like an argument of a PyTorch constructor. A recipe gives it as a
/// key beside the component's name; the registry checks it against this declaration before the
/// component is made, and the component reads it through `ComponentSettings`.
public struct Setting: Sendable, Hashable, CustomStringConvertible {
    /// The values a setting takes.
    public enum Kind: Sendable, Hashable {
        /// A finite number in a range.
        case number(NumberRange)
        /// A whole number ≥ `minimum`.
        case integer(minimum: Int)
        /// true or false.
        case flag
        /// Any string.
        case string
        /// One of a fixed set of strings.
        case choice([String])
        /// A list of `count` numbers, each in a range (Adam's betas).
        case numbers(count: Int, NumberRange)
        /// A non-empty list of positive whole numbers (a shape).
        case shape
        /// A component of another slot: its registry name, or an object with `name` and its own settings.
        case component(ComponentSlot.Kind)
    }

    /// What happens when a recipe leaves the setting out.
    public enum Absence: Sendable, Hashable {
        /// The component uses this value.
        case defaultValue(SettingValue)
        /// The component does without it (a feature that is off, a value taken from elsewhere).
        case optional
        /// A recipe must give it.
        case required
    }

    public let name: String
    public let kind: Kind
    public let absence: Absence
    /// One line on what it means (shown by `train --components`).
    public let summary: String

    /// - Parameters:
    ///   - name: the recipe key.
    ///   - kind: the values it takes.
    ///   - absence: what a missing value means.
    ///   - summary: one line on what it means.
    public init(_ name: String, _ kind: Kind, _ absence: Absence, _ summary: String) {
        (self.name, self.kind, self.absence, self.summary) = (name, kind, absence, summary)
    }

    /// A number in `range`; `default` nil makes it optional, or required with `required`.
    public static func number(
        _ name: String, default value: Double? = nil, in range: NumberRange = .any, required: Bool = false,
        _ summary: String
    ) -> Setting {
        Setting(name, .number(range), absence(value.map(SettingValue.number), required: required), summary)
    }

    /// A whole number ≥ `minimum`.
    public static func integer(
        _ name: String, default value: Int? = nil, minimum: Int = 1, required: Bool = false, _ summary: String
    ) -> Setting {
        Setting(
            name, .integer(minimum: minimum), absence(value.map { .number(Double($0)) }, required: required), summary)
    }

    /// true or false.
    public static func flag(_ name: String, default value: Bool? = nil, _ summary: String) -> Setting {
        Setting(name, .flag, absence(value.map(SettingValue.flag), required: false), summary)
    }

    /// Any string.
    public static func string(_ name: String, default value: String? = nil, required: Bool = false, _ summary: String)
        -> Setting
    {
        Setting(name, .string, absence(value.map(SettingValue.string), required: required), summary)
    }

    /// One of the cases of a `StringChoice` (a loss's reduction, SGD's momentum form).
    public static func choice<C: StringChoice>(_ name: String, default value: C? = nil, _ summary: String) -> Setting {
        Setting(
            name, .choice(C.allCases.map(\.rawValue)), absence(value.map { .string($0.rawValue) }, required: false),
            summary)
    }

    /// One of `values`.
    public static func choice(_ name: String, _ values: [String], default value: String? = nil, _ summary: String)
        -> Setting
    {
        Setting(name, .choice(values), absence(value.map(SettingValue.string), required: false), summary)
    }

    /// A list of `defaults.count` numbers in `range`.
    public static func numbers(_ name: String, default defaults: [Double], in range: NumberRange, _ summary: String)
        -> Setting
    {
        Setting(
            name, .numbers(count: defaults.count, range), .defaultValue(.list(defaults.map(SettingValue.number))),
            summary)
    }

    /// A required shape.
    public static func shape(_ name: String, _ summary: String) -> Setting { Setting(name, .shape, .required, summary) }

    /// A nested component of `slot`, by name or as an object with its settings.
    public static func component(
        _ name: String, of slot: ComponentSlot.Kind, default value: String, _ summary: String
    ) -> Setting {
        Setting(name, .component(slot), .defaultValue(.string(value)), summary)
    }

    private static func absence(_ value: SettingValue?, required: Bool) -> Absence {
        value.map(Absence.defaultValue) ?? (required ? .required : .optional)
    }

    /// Whether `value` is of this setting's kind and in its range (a nested component's own settings are checked by its slot).
    public func accepts(_ value: SettingValue) -> Bool {
        switch (kind, value) {
        case (.number(let range), .number(let number)): return range.contains(number)
        case (.integer(let minimum), .number(let number)):
            return number == number.rounded() && number >= Double(minimum) && number <= 1e9
        case (.flag, .flag), (.string, .string): return true
        case (.choice(let values), .string(let string)): return values.contains(string)
        case (.numbers(let count, let range), .list(let items)):
            return items.count == count && items.allSatisfy { $0.number.map(range.contains) ?? false }
        case (.shape, .list(let items)):
            return !items.isEmpty
                && items.allSatisfy { item in
                    item.number.map { $0 == $0.rounded() && $0 >= 1 && $0 <= 1e9 } ?? false
                }
        case (.component, .string): return true
        case (.component, .object(let object)):
            if case .string = object["name"] { return true }
            return false
        default: return false
        }
    }

    /// What the setting takes, for error messages: "a number in [0, 1)", "one of \"mean\", \"sum\"".
    public var expected: String {
        switch kind {
        case .number(let range):
            return range == .any
                ? "a finite number" : "a number \(range.lower != nil && range.upper != nil ? "in " : "")\(range)"
        case .integer(let minimum): return "a whole number ≥ \(minimum)"
        case .flag: return "true or false"
        case .string: return "a string"
        case .choice(let values): return "one of " + values.map { "\"\($0)\"" }.joined(separator: ", ")
        case .numbers(let count, let range):
            return "a list of \(count) numbers, each \(range.lower != nil && range.upper != nil ? "in " : "")\(range)"
        case .shape: return "a list of positive whole numbers"
        case .component(let slot):
            return
                "a registry name of a\(slot == .initializer ? "n" : "") \(slot.rawValue), or an object with \"name\" and its settings"
        }
    }

    /// "betas = [0.9, 0.999] (a list of 2 numbers, each in [0, 1)): the moments' decay rates".
    public var description: String {
        let shown: String
        switch absence {
        case .defaultValue(let value): shown = "\(name) = \(value)"
        case .optional: shown = "\(name) (optional)"
        case .required: shown = "\(name) (required)"
        }
        return "\(shown): \(expected); \(summary)"
    }
}
