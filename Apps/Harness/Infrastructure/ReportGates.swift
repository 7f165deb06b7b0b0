/// The checks a report adds, each judged by a typed tolerance stated once: the verdict, the text
/// the table shows, the delta and the numbers `compare` reads all come from it.
extension ReportDocument {
    /// A gate on a number: passes when `measured` is within `tolerance` of `expected` (the paper's
    /// number; not needed by bounds and ranges). `shown` replaces the plain number in the table.
    func gate(
        _ item: String, _ quantity: String, paper: String, expected: Double? = nil, measured: Double?,
        shown: String? = nil, tolerance: ToleranceSpec, finding: String? = nil
    ) {
        let holds = tolerance.holds(measured: measured, paper: expected)
        record(
            item, quantity, paper: paper, reproduced: shown ?? specNumber(measured),
            delta: tolerance.delta(measured: measured, paper: expected), tolerance: tolerance,
            verdict: holds.map { $0 ? .pass : .fail } ?? .notComparable, finding: finding,
            numbers: CheckNumbers(paper: expected, reproduced: measured, tolerance: tolerance))
    }

    /// A gate on a condition the report's code judges: an exact match of non-numbers, a shape
    /// (`.shape("…")`) or an order (`.order`); `holds` nil is not comparable.
    func gate(
        _ item: String, _ quantity: String, paper: String, reproduced: String, condition: ToleranceSpec,
        holds: Bool?, finding: String? = nil
    ) {
        precondition([.exact, .shape, .ordering].contains(condition.kind), "a condition is exact, a shape or an order")
        record(
            item, quantity, paper: paper, reproduced: reproduced, delta: "", tolerance: condition,
            verdict: holds.map { $0 ? .pass : .fail } ?? .notComparable, finding: finding,
            numbers: CheckNumbers(paper: nil, reproduced: nil, tolerance: condition))
    }

    /// A gate on an ordering between groups: `values` are measured in the order of `tolerance.groups`.
    func gate(
        _ item: String, _ quantity: String, paper: String, ordered values: [Double?], tolerance: ToleranceSpec,
        finding: String? = nil
    ) {
        let shown = zip(tolerance.groups ?? [], values).map { "\($0) \(specNumber($1))" }.joined(separator: ", ")
        let holds = values.contains { $0 == nil } ? nil : tolerance.holds(ordered: values.compactMap { $0 })
        record(
            item, quantity, paper: paper, reproduced: shown, delta: "", tolerance: tolerance,
            verdict: holds.map { $0 ? .pass : .fail } ?? .notComparable, finding: finding,
            numbers: CheckNumbers(paper: nil, reproduced: nil, tolerance: tolerance))
    }

    /// A row that is shown but never gated: `.soft(…)` or `.notComparable(…)`.
    func note(
        _ item: String, _ quantity: String, paper: String, reproduced: String, measured: Double? = nil,
        tolerance: ToleranceSpec, finding: String? = nil
    ) {
        precondition([.soft, .notComparable].contains(tolerance.kind), "a note is soft or not comparable")
        record(
            item, quantity, paper: paper, reproduced: reproduced, delta: "", tolerance: tolerance,
            verdict: tolerance.kind == .soft ? .soft : .notComparable, finding: finding,
            numbers: CheckNumbers(paper: nil, reproduced: measured, tolerance: tolerance))
    }

    /// A row whose data is missing: "not run", with the tolerance it would have had and why.
    func notRun(
        _ item: String, _ quantity: String, paper: String, tolerance: ToleranceSpec? = nil, because reason: String
    ) {
        let text = [tolerance?.display, "not run: \(reason)"].compactMap { $0 }.joined(separator: "; ")
        record(
            Check(
                item: item, quantity: quantity, paper: paper, reproduced: "—", delta: "", tolerance: text,
                verdict: .notRun))
    }
}
