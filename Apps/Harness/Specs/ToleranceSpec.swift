import Backprop

/// How close the measured value must come to the paper's, as data: the verdict, the text the
/// table shows and the movement `compare` allows all come from it, so a tolerance is stated once.
struct ToleranceSpec: Codable, Hashable, StrictRecipeObject {
    var kind: ToleranceKind
    /// absolute: the largest |measured − paper|.
    var amount: Double?
    /// relative: the largest |measured − paper| as a percentage of |paper|.
    var percent: Double?
    /// ratio: measured/paper within [1/k, k].
    var factor: Double?
    /// atLeast / atMost: the bound (the paper's number when absent).
    var bound: Double?
    /// range: the lowest and highest value that pass.
    var low: Double?
    var high: Double?
    /// ordering: the variants, in the order their measured values must rise (or fall).
    var groups: [String]?
    var direction: OrderDirection?
    /// soft and notComparable: why it is not gated; shape: what must hold.
    var reason: String?
    /// A display unit after the amount ("pp").
    var unit: String?
}

/// The tolerance kinds a check can have. `shape` is a condition a built-in report's code judges
/// (a curve that falls, a plateau); spec files cannot use it.
enum ToleranceKind: String, StringChoice {
    case absolute, relative, ratio, atLeast, atMost, range, exact, ordering, shape, soft, notComparable
}

/// Whether an ordering's values rise or fall along its groups.
enum OrderDirection: String, StringChoice {
    case increasing, decreasing
}

extension ToleranceSpec {
    /// The settings each kind needs and takes, for `validate`.
    private var fields: [(name: String, given: Bool)] {
        [
            ("amount", amount != nil), ("percent", percent != nil), ("factor", factor != nil), ("bound", bound != nil),
            ("low", low != nil), ("high", high != nil), ("groups", groups != nil), ("direction", direction != nil),
            ("reason", reason != nil),
        ]
    }

    private var needs: (required: Set<String>, optional: Set<String>) {
        switch kind {
        case .absolute: return (["amount"], [])
        case .relative: return (["percent"], [])
        case .ratio: return (["factor"], [])
        case .atLeast, .atMost: return ([], ["bound"])
        case .range: return (["low", "high"], [])
        case .exact: return ([], [])
        case .ordering: return (["groups", "direction"], [])
        case .shape, .soft, .notComparable: return (["reason"], [])
        }
    }

    /// Fails unless the fields fit the kind (an absolute tolerance needs `amount`, …), naming `field`.
    /// A check a built-in report's hook judges (`byHook`) may also be a shape, or an order without groups.
    func validate(field: String, source: String, byHook: Bool = false) throws {
        let unnamed = kind == .ordering && groups == nil
        if byHook, kind == .shape || unnamed || ([.soft, .notComparable].contains(kind) && reason == nil) { return }
        if kind == .shape {
            throw RecipeError.malformed(
                source: source,
                detail:
                    "field \(field).kind is shape, which only a built-in report's code can judge; expected a kind of docs/reports.md"
            )
        }
        let (required, optional) = needs
        for (name, given) in fields {
            if given, !required.contains(name), !optional.contains(name) {
                throw RecipeError.malformed(
                    source: source, detail: "field \(field).\(name) does not go with kind \(kind.rawValue)")
            }
            if !given, required.contains(name) {
                throw RecipeError.malformed(
                    source: source, detail: "missing field \(field).\(name) (kind \(kind.rawValue) needs it)")
            }
        }
        for (name, value) in [("amount", amount), ("percent", percent), ("factor", factor)] {
            if let value, !(value >= 0 && value.isFinite) {
                throw RecipeError.malformed(source: source, detail: "field \(field).\(name) is \(value); expected ≥ 0")
            }
        }
        if let factor, factor < 1 {
            throw RecipeError.malformed(source: source, detail: "field \(field).factor is \(factor); expected ≥ 1")
        }
        if let low, let high, !(low <= high) {
            throw RecipeError.malformed(
                source: source, detail: "field \(field).low is \(low) and high \(high); expected low ≤ high")
        }
        if let groups, groups.count < 2 {
            throw RecipeError.malformed(
                source: source, detail: "field \(field).groups names \(groups.count) variant; an ordering needs two")
        }
    }

    /// Whether `measured` is within the tolerance of `paper`; nil when the kind is not a gate or a number is missing.
    func holds(measured: Double?, paper: Double?) -> Bool? {
        guard let measured else { return nil }
        let reference = paper ?? .nan
        switch kind {
        case .absolute: return abs(measured - reference) <= amount!
        case .relative: return abs(measured - reference) <= abs(reference) * percent! / 100
        case .ratio:
            guard measured > 0, reference > 0 else { return false }
            return max(measured / reference, reference / measured) <= factor!
        case .atLeast: return measured >= (bound ?? reference)
        case .atMost: return measured <= (bound ?? reference)
        case .range: return measured >= low! && measured <= high!
        case .exact: return measured == reference
        case .ordering, .shape, .soft, .notComparable: return nil
        }
    }

    /// Whether `values` rise (or fall) strictly along the ordering's groups.
    func holds(ordered values: [Double]) -> Bool {
        let pairs = zip(values, values.dropFirst())
        return direction == .increasing ? pairs.allSatisfy { $0 < $1 } : pairs.allSatisfy { $0 > $1 }
    }

    /// The text the check table shows: "±0.5 pp", "±10 %", "within ×2", "≥ 90", "ORDER: a < b".
    var display: String {
        let suffix = unit.map { " \($0)" } ?? ""
        switch kind {
        case .absolute: return "±\(Self.show(amount!))\(suffix)"
        case .relative: return "±\(Self.show(percent!)) %"
        case .ratio: return "within ×\(Self.show(factor!))"
        case .atLeast: return "≥ " + (bound.map { Self.show($0) + suffix } ?? "the paper's value")
        case .atMost: return "≤ " + (bound.map { Self.show($0) + suffix } ?? "the paper's value")
        case .range: return "in [\(Self.show(low!)), \(Self.show(high!))]\(suffix)"
        case .exact: return "EXACT"
        case .ordering:
            guard let groups else { return "ORDER" }
            return "ORDER: " + groups.joined(separator: direction == .increasing ? " < " : " > ")
        case .shape: return "SHAPE" + (reason.map { ": \($0)" } ?? "")
        case .soft: return "SOFT" + (reason.map { " (\($0))" } ?? "")
        case .notComparable: return "N/C" + (reason.map { " (\($0))" } ?? "")
        }
    }

    /// The signed difference the check table shows: measured − paper for absolute tolerances, the
    /// percentage for relative ones, the factor for ratios; empty for the other kinds.
    func delta(measured: Double?, paper: Double?) -> String {
        guard let measured, let paper, measured.isFinite, paper.isFinite else { return "" }
        switch kind {
        case .absolute: return (measured >= paper ? "+" : "") + specNumber(measured - paper)
        case .relative: return paper == 0 ? "" : String(format: "%+.1f %%", 100 * (measured / paper - 1))
        case .ratio: return paper == 0 ? "" : "×" + specNumber(measured / paper)
        default: return ""
        }
    }

    /// How far a reproduced number may move between two renderings before `compare` lists it:
    /// the tolerance's own width around `reference`; nil for kinds without one.
    func allowedMovement(around reference: Double) -> Double? {
        switch kind {
        case .absolute: return amount
        case .relative: return abs(reference) * percent! / 100
        case .ratio: return abs(reference) * (factor! - 1)
        case .exact: return 0
        default: return nil
        }
    }

    static func show(_ value: Double) -> String { SettingValue.number(value).description }
}
