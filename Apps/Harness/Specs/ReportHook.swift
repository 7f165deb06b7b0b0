import Backprop

/// Swift that renders one item of a built-in report's spec, named by the item's `hook`, for what
/// no spec can say (a gradient-check table, a scalar network, a bespoke statistic): it reads the
/// runs of the report's variants and adds tables, figures and checks to the document.
typealias ReportHook = @Sendable (ReportHookInput) throws -> Void

/// What a hook reads: the report's variants' runs, the reproduction's mode, and the document it writes.
struct ReportHookInput {
    let report: SpecReport
    let context: ReproductionContext
    let document: ReportDocument
    /// Every run's result by variant name, one per trial (nil for a run that did not finish).
    let runs: [String: [RunResult?]]

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
