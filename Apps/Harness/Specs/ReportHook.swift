import Backprop

/// Swift that renders one item of a built-in report's spec, named by the item's `hook`, for what
/// no spec can say (a gradient-check table, a scalar network, a bespoke statistic): it reads the
/// runs of the report's variants and adds tables, figures and checks to the document.
typealias ReportHook = @Sendable (ReportHookInput) throws -> Void

/// What a hook measured for the table or figure the engine draws after it: placeholder values,
/// and text (with the checks of an item) to follow it.
final class FilledPlaceholders {
    var values: [String: String] = [:]
    var textAfter: [(markdown: String, checksOf: String?)] = []
}

/// What a hook reads: the report's variants' runs, the reproduction's mode, and the document it writes.
struct ReportHookInput {
    let report: SpecReport
    let context: ReproductionContext
    let document: ReportDocument
    /// Every run's result by variant name, one per trial (nil for a run that did not finish).
    let runs: [String: [RunResult?]]
    /// The result of any run of the report, an experiment's included (nil: failed or not run).
    let result: (RunRequest) -> RunResult?
    /// The item the hook renders (nil for the findings hook).
    var item: ItemSpec?
    /// What the hook measured for the placeholders of the item's spec figure, which the engine draws after it.
    var filled = FilledPlaceholders()

    /// This input for the hook of `item`.
    func rendering(_ item: ItemSpec) -> ReportHookInput {
        var input = self
        input.item = item
        input.filled = FilledPlaceholders()
        return input
    }

    /// Fills placeholders of the item's words for the figure its spec states (`figure` beside `hook`).
    func fill(_ values: [String: String]) { filled.values.merge(values) { $1 } }

    /// Text that follows the table or figure the spec states, with the checks of `checksOf` under it.
    func addTextAfterItem(_ markdown: String, checksOf item: String? = nil) {
        filled.textAfter.append((markdown, item))
    }

    /// Whether the published dataset `name` is here; when it is not, the item is marked "not run"
    /// with the reason (unless the spec's own checks of the item say so for theirs).
    func dataPresent(_ name: String) -> Bool {
        guard context.data.isMissing(name) else { return true }
        let id = item?.id ?? ""
        if !(report.spec.checks ?? []).contains(where: { $0.item == id }) {
            document.notRun(id, "all", paper: "see spec", because: context.data.whyMissing(name))
        }
        return false
    }

    /// The item's number ("12" of "Table 12"); a hook without an item is a defect of the built-in report.
    var itemNumber: String {
        guard let id = item?.id, let number = id.split(separator: " ").last else {
            preconditionFailure("report \(report.prefix)'s hook renders no item")
        }
        return String(number)
    }

    /// The paper's value `column` of the row labelled `row`, as text; a value the spec does not
    /// have is a defect of the built-in report.
    func paperText(_ row: String, _ column: String) -> String {
        switch report.spec.paper?.first(where: { $0.label == row })?.values[column] {
        case .text(let text): return text
        case .number(let number): return specNumber(number)
        case nil: preconditionFailure("report \(report.prefix)'s spec has no paper value \"\(column)\" of \"\(row)\"")
        }
    }

    /// The results of a variant's trials; a name the spec does not have is a defect of the built-in report.
    func results(_ variant: String) -> [RunResult?] {
        guard let results = runs[variant] else {
            preconditionFailure("report \(report.prefix) has no variant \"\(variant)\"; it has \(runs.keys.sorted())")
        }
        return results
    }

    /// The result of a variant's first trial.
    func first(_ variant: String) -> RunResult? { results(variant).first ?? nil }
}
