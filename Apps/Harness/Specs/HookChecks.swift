import Backprop

/// What a built-in report's hook measured for one of its spec's checks (`CheckSpec.hook`): the
/// spec states the item, quantity, paper value and tolerance; the hook gives only the measurement.
enum HookMeasurement {
    /// A number judged by the check's tolerance (`shown` replaces it in the table; `expected`
    /// replaces the spec's paper number where the hook computes it). Soft and n/c rows show it.
    case number(Double?, shown: String? = nil, expected: Double? = nil)
    /// A condition the hook judged (exact, shape or order), shown as `shown`; nil: not comparable.
    case condition(Bool?, shown: String)
    /// The reproduced values of paper rows by label, for an ordering of the check's `rows`.
    case rows([String: Double])
    /// The data it needs is missing: "not run" with the reason.
    case missing(String)
}

extension ReportHookInput {
    /// Adds the spec's check that the hook reports as `name` for the item being rendered (or `item`,
    /// a text the hook writes beside it), its quantity's placeholders filled with `values`. A name the spec does not have
    /// is a defect of the built-in report, unless the check is `optional`: a measurement the hook
    /// offers for every row, which the spec checks for some (report 000 gates ANN3's means but ANN1's medians).
    func check(
        _ name: String, _ measurement: HookMeasurement, _ values: [String: String] = [:], optional: Bool = false,
        item: String? = nil
    ) throws {
        let item = item ?? self.item?.id
        guard let check = report.spec.checks?.first(where: { $0.hook == name && (item == nil || $0.item == item) })
        else {
            guard optional else {
                preconditionFailure(
                    "report \(report.prefix)'s spec has no check \"\(name)\" of \(item ?? "its findings")")
            }
            return
        }
        let quantity = try Placeholders.fill(
            check.quantity, values, source: "check \(name) of \(check.item)", field: "quantity")
        let (paperText, paperNumber) = SpecRendering(report: report, runs: runs).paper(check.paper)
        let tolerance = check.tolerance
        switch measurement {
        case .number(let measured, let shown, let expected):
            if tolerance.kind == .soft || tolerance.kind == .notComparable {
                document.note(
                    check.item, quantity, paper: paperText, reproduced: shown ?? specNumber(measured),
                    measured: measured, tolerance: tolerance, finding: check.finding)
            } else {
                document.gate(
                    check.item, quantity, paper: paperText, expected: expected ?? paperNumber, measured: measured,
                    shown: shown, tolerance: tolerance, finding: check.finding)
            }
        case .condition(let holds, let shown):
            if tolerance.kind == .soft || tolerance.kind == .notComparable {
                document.note(
                    check.item, quantity, paper: paperText, reproduced: shown, tolerance: tolerance,
                    finding: check.finding)
            } else {
                document.gate(
                    check.item, quantity, paper: paperText, reproduced: shown, condition: tolerance, holds: holds,
                    finding: check.finding)
            }
        case .rows(let values):
            document.gate(
                check.item, quantity, paper: paperText, ordered: (check.rows ?? []).map { values[$0] },
                tolerance: tolerance, finding: check.finding)
        case .missing(let reason):
            document.notRun(check.item, quantity, paper: paperText, tolerance: tolerance, because: reason)
        }
    }
}
