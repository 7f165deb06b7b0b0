import Backprop

extension SpecRendering {
    /// The paper side of a check as text and, when it is one, as a number.
    func paper(_ reference: PaperReference?) -> (text: String, number: Double?) {
        var value = reference?.value
        if let row = reference?.row, let column = reference?.column {
            value = report.spec.paper?.first(where: { $0.label == row })?.values[column]
        }
        switch value {
        case .number(let number): return (specNumber(number), number)
        case .text(let text): return (text, nil)
        case nil: return ("—", nil)
        }
    }

    /// Adds `check` to `document`: gated by its typed tolerance, or shown as soft or n/c.
    func add(_ check: CheckSpec, to document: ReportDocument) {
        let tolerance = check.tolerance
        let (paperText, paperNumber) = paper(check.paper)
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
            let variants = report.variants(named: tolerance.groups ?? [])
            document.requiring(variants.flatMap(results)) {
                document.gate(
                    check.item, check.quantity, paper: paperText,
                    ordered: variants.map { statistic.value(results($0)) }, tolerance: tolerance,
                    finding: check.finding)
            }
        default:
            let statistic = check.measured!
            let outcomes = report.variants(named: [statistic.group ?? ""]).flatMap(results)
            document.requiring(outcomes) {
                document.gate(
                    check.item, check.quantity, paper: paperText, expected: paperNumber,
                    measured: statistic.value(outcomes), tolerance: tolerance, finding: check.finding)
            }
        }
    }
}
