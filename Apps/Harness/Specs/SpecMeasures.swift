import Backprop

/// How a check combines its measured statistic with its `versus` statistic.
enum StatisticCombination: String, StringChoice {
    case difference, absoluteDifference, ratio
}

/// Which variant a check's `pick` chooses: the one whose statistic is highest or lowest.
enum PickChoice: String, StringChoice {
    case highest, lowest
}

/// The measured side of a check beyond one statistic of one variant: statistics reduced across
/// variants, two statistics combined, and the variant a statistic picks out.
extension SpecRendering {
    /// A statistic's value: of its variant's (or group's) trials, or of each variant of `groups`
    /// reduced `across` them; nil when a run it needs is missing.
    func value(_ statistic: StatisticSpec) -> Double? {
        guard let groups = statistic.groups, let across = statistic.across else {
            return statistic.value(report.variants(named: [statistic.group ?? ""]).flatMap(results))
        }
        let values = chosen(groups).map { statistic.value(results($0)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
        return across.reduce(values.compactMap { $0 })
    }

    /// A check's number: its statistic, combined with `versus` when it has one.
    func measuredNumber(_ check: CheckSpec) -> Double? {
        guard let statistic = check.measured, let measured = value(statistic) else { return nil }
        guard let versus = check.versus else { return measured }
        guard let other = value(versus) else { return nil }
        switch check.combine ?? .difference {
        case .difference: return measured - other
        case .absoluteDifference: return abs(measured - other)
        case .ratio: return measured / other
        }
    }

    /// A check's number as the table shows it: with `versus`, both statistics beside the result
    /// ("0.2572 (0.5572 − 0.3)").
    func measuredText(_ check: CheckSpec) -> String {
        let number = specNumber(measuredNumber(check))
        guard let versus = check.versus, let statistic = check.measured else { return number }
        let (a, b) = (specNumber(value(statistic)), specNumber(value(versus)))
        switch check.combine ?? .difference {
        case .difference: return "\(number) (\(a) − \(b))"
        case .absoluteDifference: return "\(number) (|\(a) − \(b)|)"
        case .ratio: return "\(number) (\(a) / \(b))"
        }
    }

    /// The variant of the check's `among` (as this mode runs them) that its `pick` chooses, with
    /// its value (a value that is not a number ranks last); nil when a value is missing.
    func picked(_ check: CheckSpec) -> (variant: SpecVariant, value: Double)? {
        let values = chosen(check.among ?? []).map { ($0, check.measured?.value(results($0))) }
        guard !values.isEmpty, values.allSatisfy({ $0.1 != nil }) else { return nil }
        let sign = check.pick == .highest ? 1.0 : -1.0
        let rank = { (value: Double) in value.isNaN ? -Double.infinity : sign * value }
        return values.map { (variant: $0.0, value: $0.1!) }.max { rank($0.value) < rank($1.value) }
    }

    /// Every variant whose runs a check reads (of an ordering or a pick, those this mode runs).
    func measuredVariants(_ check: CheckSpec) -> [SpecVariant] {
        if check.tolerance.kind == .ordering { return chosen(check.tolerance.groups ?? []) }
        if check.pick != nil { return chosen(check.among ?? []) }
        let statistics = [check.measured, check.versus].compactMap { $0 }
        return statistics.flatMap { report.variants(named: $0.groups ?? $0.group.map { [$0] } ?? []) }
    }
}
