import Backprop
import Foundation

/// Report 003's checks of Tables 12–14 (the baseline network with one setting swept), which its
/// spec draws: each row judged as the reproduction spec says.
extension Report003 {
    /// The parameter each of Tables 12–14 varies.
    enum Sweep {
        case learningRate, momentum, batchSize

        /// The sweep whose table is `number` (Tables 12–14).
        init(table number: String) {
            self = number == "12" ? .learningRate : number == "13" ? .momentum : .batchSize
        }

        /// The spec's group, and the prefix of its variants and paper rows ("lr 0.1").
        var group: String { self == .learningRate ? "lr" : self == .momentum ? "m" : "B" }

    }

    /// One printed row of Tables 12–14: its label, the swept value and the paper's results.
    struct SweepRow {
        let label: String
        let value: Double
        let results: PaperResults
    }

    /// A sweep's printed rows in the paper's order, from the spec's paper rows.
    func paper(_ sweep: Sweep) -> [SweepRow] {
        report.variants(named: [sweep.group]).compactMap { variant in
            guard let value = variant.axisValues.first ?? nil else { return nil }
            return SweepRow(
                label: variant.name, value: value,
                results: PaperResults(
                    trainLoss: paperNumber(variant.name, "Train Loss"),
                    trainAccuracy: paperNumber(variant.name, "Train Acc"),
                    testLoss: paperNumber(variant.name, "Test Loss"),
                    testAccuracy: paperNumber(variant.name, "Test Acc")))
        }
    }

    var paper12: [SweepRow] { paper(.learningRate) }
    var paper13: [SweepRow] { paper(.momentum) }
    var paper14: [SweepRow] { paper(.batchSize) }

    /// The swept values this mode runs, with their runs' results.
    func sweepRuns(_ input: ReportHookInput, _ sweep: Sweep) -> [(value: Double, run: RunResult?)] {
        report.variants(named: [sweep.group], in: context.mode).map { variant in
            (variant.axisValues.first.flatMap { $0 } ?? .nan, input.results(variant.name).first ?? nil)
        }
    }

    /// Tables 12–14's checks, for the table the spec draws: each printed row against divergence and
    /// chance, and Table 13's rank correlation.
    func sweepTable(_ input: ReportHookInput, _ sweep: Sweep) throws {
        guard input.dataPresent("mnist") else { return }
        let runs = sweepRuns(input, sweep)
        let paper = paper(sweep)
        for (value, run) in runs {
            guard let printedRow = paper.first(where: { $0.value == value }) else { continue }
            try input.document.requiring([run]) {
                try judge(
                    input, row: printedRow, test: 100 * (run?.finalTestAccuracy ?? .nan),
                    testLoss: run?.finalTestLoss ?? .nan, run: run)
            }
        }
        guard sweep == .momentum else { return }
        let range = runs.filter { $0.value <= 0.9 }
        try input.document.requiring(range.map(\.run)) {
            let rho = Statistics.spearman(range.map(\.value), range.map { $0.run?.finalTestAccuracy ?? .nan })
            try input.check("Spearman", .number(rho, shown: formatted(rho, 3)))
        }
    }

    /// A row's run measured against divergence (loss NaN/inf, or ≥ 2.2 with accuracy ≤ 20 %) and
    /// against chance (accuracy ≤ 50 %, loss ≥ 2.0): the spec checks these where its statistics cannot.
    private func judge(_ input: ReportHookInput, row: SweepRow, test: Double, testLoss: Double, run: RunResult?) throws
    {
        let diverged = run?.history.diverged == true || !testLoss.isFinite
        try input.check(
            "\(row.label) diverges",
            .condition(
                diverged || (testLoss >= 2.2 && test <= 20), shown: "\(formatted(testLoss, 4)) / \(formatted(test))"),
            optional: true)
        try input.check(
            "\(row.label) near chance",
            .condition(test <= 50 && testLoss >= 2.0, shown: "\(formatted(test)) % (loss \(formatted(testLoss, 4)))"),
            optional: true)
    }
}
