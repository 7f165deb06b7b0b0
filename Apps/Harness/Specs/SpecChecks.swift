import Backprop

extension SpecRendering {
    /// The paper side of a check as text and, when it is one, as a number.
    func paper(_ reference: PaperReference?) -> (text: String, number: Double?) {
        var value = reference?.value
        if let row = reference?.row, let column = reference?.column {
            value = report.spec.paper?.first(where: { $0.label == row })?.values[column]
        }
        switch value {
        case .number(let number):
            let scaled = number * (reference?.scale ?? 1)
            return (reference?.shown ?? specNumber(scaled), scaled)
        case .text(let text): return (text, nil)
        case nil: return ("—", nil)
        }
    }

    /// The variants a check measures: its ordering's groups, or its statistic's variant.
    private func measuredVariants(_ check: CheckSpec) -> [SpecVariant] {
        check.tolerance.kind == .ordering
            ? report.variants(named: check.tolerance.groups ?? [])
            : report.variants(named: check.measured?.group.map { [$0] } ?? [])
    }

    /// Adds `check` to `document`: gated by its typed tolerance, or shown as soft or n/c; "not run"
    /// when the data of a variant it measures is missing, and left out when it measures a variant
    /// quick mode does not run.
    func add(_ check: CheckSpec, to document: ReportDocument) {
        guard check.hook == nil else { return }
        let tolerance = check.tolerance
        let (paperText, paperNumber) = paper(check.paper)
        let variants = measuredVariants(check)
        if let context {
            guard context.mode == .full || variants.allSatisfy(\.runsInQuickMode) else { return }
            let datasets = variants.map { $0.recipe(context.mode).dataset.name }
            if let missing = datasets.first(where: context.data.isMissing) {
                document.notRun(
                    check.item, check.quantity, paper: paperText, tolerance: tolerance,
                    because: context.data.whyMissing(missing))
                return
            }
        }
        switch tolerance.kind {
        case .soft, .notComparable:
            let measured = check.measured.flatMap { statistic in
                statistic.value(report.variants(named: [statistic.group ?? ""]).flatMap(results))
            }
            document.note(
                check.item, check.quantity, paper: paperText, reproduced: specNumber(measured), measured: measured,
                tolerance: tolerance, finding: check.finding)
        case .ordering:
            let statistic = check.measured!
            document.requiring(variants.flatMap(results)) {
                document.gate(
                    check.item, check.quantity, paper: paperText,
                    ordered: variants.map { statistic.value(results($0)) }, tolerance: tolerance,
                    finding: check.finding)
            }
        default:
            let statistic = check.measured!
            let outcomes = variants.flatMap(results)
            document.requiring(outcomes) {
                document.gate(
                    check.item, check.quantity, paper: paperText, expected: paperNumber,
                    measured: statistic.value(outcomes), tolerance: tolerance, finding: check.finding)
            }
        }
    }
}
