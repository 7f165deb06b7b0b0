import Backprop
import Foundation

/// Report 003's Tables 12–14: the baseline network with one setting swept, each row beside the
/// paper's and judged as the reproduction spec says.
extension Report003 {
    /// The parameter each of Tables 12–14 varies; the raw value is how the report names it.
    enum Sweep: String {
        case learningRate = "learning rate"
        case momentum
        case batchSize = "batch size"

        /// The sweep whose table is `number` (Tables 12–14).
        init(table number: String) {
            self = number == "12" ? .learningRate : number == "13" ? .momentum : .batchSize
        }

        var table: String { self == .learningRate ? "12" : self == .momentum ? "13" : "14" }

        /// The spec's group, and the prefix of its variants and paper rows ("lr 0.1").
        var group: String { self == .learningRate ? "lr" : self == .momentum ? "m" : "B" }

        /// Whether the paper prints its accuracies in % (Table 14) rather than as fractions (E003-4).
        var percentColumns: Bool { self == .batchSize }

        /// A swept value as the tables print it (batch sizes as integers).
        func display(_ value: Double) -> String { self == .batchSize ? "\(Int(value))" : "\(value)" }
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

    /// A table cell of ours: the value, or "no result" when the run failed or was not run (never a NaN that reads as divergence).
    func ours(_ run: RunResult?, _ text: String) -> String { run == nil ? "no result" : text }

    /// Training loss and accuracy over the last epoch (running means), as the course's `train_net` reports them.
    func lastEpoch(_ run: RunResult?) -> (loss: Double, accuracy: Double) {
        (run?.history.last?.trainLoss ?? .nan, run?.history.last?.trainAccuracy ?? .nan)
    }

    func sweepTable(_ input: ReportHookInput, _ sweep: Sweep) throws {
        let document = input.document
        guard input.dataPresent("mnist") else { return }
        let runs = sweepRuns(input, sweep)
        let paper = paper(sweep)
        var rows: [[String]] = []
        for (value, run) in runs {
            let (trainLoss, trainAccuracy) = lastEpoch(run)
            let testLoss = run?.finalTestLoss ?? .nan
            let test = run?.finalTestAccuracy ?? .nan
            let printedRow = paper.first { $0.value == value }
            let printed = printedRow?.results
            rows.append([
                sweep.display(value),
                printed.map { formatted($0.trainLoss, 4) } ?? "—", ours(run, formatted(trainLoss, 4)),
                printed.map { formatted($0.trainAccuracy, sweep.percentColumns ? 2 : 4) } ?? "—",
                ours(run, formatted(100 * trainAccuracy)),
                printed.map { formatted($0.testLoss, 4) } ?? "—", ours(run, formatted(testLoss, 4)),
                printed.map { formatted($0.testAccuracy, sweep.percentColumns ? 2 : 4) } ?? "—",
                ours(run, formatted(100 * test)),
            ])
            guard let printedRow else { continue }
            try document.requiring([run]) {
                try judge(input, row: printedRow, test: 100 * test, testLoss: testLoss, run: run)
            }
        }
        if sweep == .momentum { insertConventionRows(&rows, values: runs.map(\.value), input) }
        try document.requiring(runs.map(\.run)) {
            try orderGates(
                input, sweep: sweep, values: runs.map(\.value),
                tests: runs.map { $0.run?.finalTestAccuracy ?? .nan },
                trainLosses: runs.map { lastEpoch($0.run).loss })
        }
        try input.addTable(
            markdownTable(
                [
                    sweep.rawValue, "Train Loss paper", "ours", "Train Acc paper", "ours (%)", "Test Loss paper",
                    "ours",
                    "Test Acc paper", "ours (%)",
                ], rows))
    }

    /// Table 13's extra rows: the m 0.0 variants of the findings that land within its gates.
    private func insertConventionRows(_ rows: inout [[String]], values: [Double], _ input: ReportHookInput) {
        for variant in matchingConventions(input).reversed() {
            guard let index = values.firstIndex(of: 0.0), let last = variant.run.history.last else { continue }
            rows.insert(
                [
                    "0.0, \(variant.change) (not the spec's configuration; see Findings)",
                    "", formatted(last.trainLoss, 4), "",
                    formatted(100 * last.trainAccuracy), "", formatted(variant.run.finalTestLoss, 4), "",
                    formatted(100 * (variant.run.finalTestAccuracy ?? .nan)),
                ], at: index + 1)
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

    private func orderGates(
        _ input: ReportHookInput, sweep: Sweep, values: [Double], tests: [Double], trainLosses: [Double]
    ) throws {
        switch sweep {
        case .learningRate:
            let best = values[
                tests.indices.max { (tests[$0].isNaN ? -1 : tests[$0]) < (tests[$1].isNaN ? -1 : tests[$1]) } ?? 0]
            try input.check("best rate", .condition(best == 0.01, shown: "\(best)"))
        case .momentum:
            let range = values.indices.filter { values[$0] <= 0.9 }
            let rho = Statistics.spearman(range.map { values[$0] }, range.map { tests[$0] })
            try input.check("Spearman", .number(rho, shown: formatted(rho, 3)))
            let upTo08 = values.indices.filter { values[$0] <= 0.8 }.map { trainLosses[$0] }
            let nonIncreasing = zip(upTo08, upTo08.dropFirst()).allSatisfy { $1 <= $0 }
            try input.check("train loss order", .condition(nonIncreasing, shown: nonIncreasing ? "yes" : "no"))
        case .batchSize:
            let lowest = values[trainLosses.indices.min { trainLosses[$0] < trainLosses[$1] } ?? 0]
            try input.check("lowest loss", .condition(nil, shown: "minimum at B = \(Int(lowest))"))
        }
    }
}
