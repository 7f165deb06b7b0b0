import Backprop
import Foundation

/// Report 003's checks of Tables 12–14 (the baseline network with one setting swept) that its
/// statistics cannot state: each printed row against divergence and chance, and Table 13's rank
/// correlation.
extension Report003 {
    /// The checks of the table the spec draws, for the swept settings this mode runs.
    func sweepTable(_ input: ReportHookInput) throws {
        guard input.dataPresent("mnist"), let group = input.item?.table?.groups.first else { return }
        let variants = report.variants(named: [group], in: context.mode)
        for variant in variants {
            let run = input.first(variant.name)
            try input.document.requiring([run]) { try judge(input, row: variant.name, run: run) }
        }
        guard group == "m" else { return }
        let range = variants.compactMap { variant in
            (variant.axisValues.first ?? nil).flatMap { $0 <= 0.9 ? ($0, input.first(variant.name)) : nil }
        }
        try input.document.requiring(range.map(\.1)) {
            let rho = Statistics.spearman(range.map(\.0), range.map { $0.1?.finalTestAccuracy ?? .nan })
            try input.check("Spearman", .number(rho, shown: formatted(rho, 3)))
        }
    }

    /// A row's run measured against divergence (loss NaN/inf, or ≥ 2.2 with accuracy ≤ 20 %) and
    /// against chance (accuracy ≤ 50 %, loss ≥ 2.0): the spec checks these where its statistics cannot.
    private func judge(_ input: ReportHookInput, row: String, run: RunResult?) throws {
        let test = 100 * (run?.finalTestAccuracy ?? .nan)
        let testLoss = run?.finalTestLoss ?? .nan
        let diverged = run?.history.diverged == true || !testLoss.isFinite
        try input.check(
            "\(row) diverges",
            .condition(
                diverged || (testLoss >= 2.2 && test <= 20), shown: "\(formatted(testLoss, 4)) / \(formatted(test))"),
            optional: true)
        try input.check(
            "\(row) near chance",
            .condition(test <= 50 && testLoss >= 2.0, shown: "\(formatted(test)) % (loss \(formatted(testLoss, 4)))"),
            optional: true)
    }
}
