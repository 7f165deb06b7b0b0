import Backprop
import Foundation

/// Report 003's Swift hooks ("Artificial Neural Network Homework 1", Tsinghua): its spec
/// (`ReportSpecs/003.json`) holds the eleven MLPs on MNIST and the three sweeps of the 2-layer
/// ReLU network as groups, the printed rows of Tables 11–14 as paper rows, and draws and judges
/// those tables and the figures; these measure what its statistics cannot and write the findings.
struct Report003 {
    let report: SpecReport
    let context: ReproductionContext

    /// Every hook by the id the spec names.
    static let hooks: [String: ReportHook] = [
        "003.architecture": { try Report003($0).architecture($0, table: Int($0.itemNumber) ?? 0) },
        "003.results": { try Report003($0).table11($0) },
        "003.iterations": { try Report003($0).figure2($0) },
        "003.sweep-table": { try Report003($0).sweepTable($0) },
        "003.findings": { try Report003($0).addFindings($0) },
    ]

    /// The report with its hooks.
    static var builtIn: SpecReport { BuiltInSpecs.report("003", hooks: hooks) }

    init(report: SpecReport, context: ReproductionContext) { (self.report, self.context) = (report, context) }
    init(_ input: ReportHookInput) { self.init(report: input.report, context: input.context) }

    /// A row of results as the paper prints it, accuracies in % (Tables 12 and 13 print them as
    /// fractions, E003-4).
    struct PaperResults {
        let trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double
    }

    /// The paper's results in the row of a variant: one of Table 11's models ("models 0-layer + SCE")
    /// or a swept setting ("m 0.0").
    func paper(_ variant: String) -> PaperResults {
        let values = report.spec.paper?.first { $0.label == variant }?.values ?? [:]
        let number = { (column: String) in values[column]?.number ?? .nan }
        let (suffix, scale) =
            variant.hasPrefix("models ") ? (" (%)", 1.0) : variant.hasPrefix("B ") ? ("", 1.0) : ("", 100.0)
        return PaperResults(
            trainLoss: number("Train Loss"), trainAccuracy: scale * number("Train Acc" + suffix),
            testLoss: number("Test Loss"), testAccuracy: scale * number("Test Acc" + suffix))
    }

    /// The label of a variant's run, as runs.csv names it.
    func runLabel(_ variant: String) -> String {
        report.variants(named: [variant]).first.map { report.request($0, trial: 0, context).label } ?? variant
    }
}
