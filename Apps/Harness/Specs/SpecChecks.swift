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

    /// Adds `check` to `document`: gated by its typed tolerance, or shown as soft or n/c; "not run"
    /// when the data of a variant it measures is missing, and left out when it measures a variant
    /// quick mode does not run (an ordering or a pick compares the variants it runs).
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
        if check.pick != nil {
            addPick(check, paper: paperText, to: document)
            return
        }
        switch tolerance.kind {
        case .soft, .notComparable:
            let measured = measuredNumber(check)
            document.note(
                check.item, check.quantity, paper: paperText, reproduced: measuredText(check), measured: measured,
                tolerance: tolerance, finding: check.finding)
        case .ordering:
            guard variants.count >= 2 else { return }
            var ordering = tolerance
            ordering.groups = variants.map(\.name)
            document.requiring(variants.flatMap(results)) {
                document.gate(
                    check.item, check.quantity, paper: paperText,
                    ordered: variants.map { check.measured!.value(results($0)) }, tolerance: ordering,
                    finding: check.finding)
            }
        default:
            document.requiring(variants.flatMap(results)) {
                document.gate(
                    check.item, check.quantity, paper: paperText, expected: paperNumber,
                    measured: measuredNumber(check), shown: measuredText(check), tolerance: tolerance,
                    finding: check.finding)
            }
        }
    }

    /// A pick's row: the chosen variant and its value, gated (exact) by the paper's text naming it
    /// (or its grid label).
    private func addPick(_ check: CheckSpec, paper: String, to document: ReportDocument) {
        let picked = picked(check)
        let shown = picked.map { "\($0.variant.name) (\(specNumber($0.value)))" } ?? "—"
        guard check.tolerance.kind == .exact else {
            document.note(
                check.item, check.quantity, paper: paper, reproduced: shown, measured: picked?.value,
                tolerance: check.tolerance, finding: check.finding)
            return
        }
        document.requiring(measuredVariants(check).flatMap(results)) {
            document.gate(
                check.item, check.quantity, paper: paper, reproduced: shown, condition: check.tolerance,
                holds: picked.map { [$0.variant.name, $0.variant.naming("{{label}}")].contains(paper) },
                finding: check.finding)
        }
    }
}
