import Backprop
import Foundation

/// Report 003's findings: the fail and n/c rows of Tables 11–14, each with the hypotheses tested
/// by the spec's experiments and the numbers they gave.
extension Report003 {
    /// The findings a check can name (`Check.finding`).
    enum FindingID: String {
        case sweepTrainLoss = "003-sweep-train-loss"
        case oneLayerReluLosses = "003-1-layer-relu-sce-losses"
        case zeroLayerTrainLoss = "003-0-layer-sce-train-loss"
        case smallBatchTestAccuracy = "003-small-batch-test-accuracy"
        case largeRateTestAccuracy = "003-large-rate-test-accuracy"
    }

    /// The weight decay of every 003 run, for the ½·wd·Σθ² term.
    static let weightDecay = 5e-4

    func addFindings(_ input: ReportHookInput) throws {
        guard context.mode == .full, context.data.hasMNIST else { return }
        try input.addFinding(FindingID.sweepTrainLoss.rawValue, sweepTrainLossFinding(input))
        try input.addFinding(FindingID.oneLayerReluLosses.rawValue, oneLayerReluFinding(input))
        try input.addFinding(FindingID.zeroLayerTrainLoss.rawValue, zeroLayerFinding(input))
        try input.addFinding(FindingID.smallBatchTestAccuracy.rawValue, smallBatchFinding(input))
        try input.addFinding(FindingID.largeRateTestAccuracy.rawValue, largeRateFinding(input))
    }

    /// A sweep row measured again (the spec's experiment "<name> measured"): the table run's label
    /// and the paper's printed results (accuracies in %).
    struct MeasuredRow {
        let name: String, tableLabel: String
        let paper: PaperResults
    }

    /// The momentum-0.0 row (the largest train-loss miss) and the B = 400 row.
    var measuredRows: [MeasuredRow] {
        ["m 0.0", "B 400"].map { MeasuredRow(name: $0, tableLabel: runLabel($0), paper: paper($0)) }
    }

    /// The m 0.0 run with one convention changed (the spec's experiments "m 0.0, <change>").
    static let conventions = ["50,000 training images", "55,000 training images", "pixels x/255", "init std 0.1"]

    /// Relative difference in %, as the check tables print it.
    func percent(_ ours: Double, _ paper: Double) -> String { formatted(100 * (ours / paper - 1), 0) + " %" }

    /// The first epoch whose running-mean train loss is at or below `loss`.
    private func firstEpoch(of run: RunResult?, atOrBelow loss: Double) -> EpochRecord? {
        run?.history.epochs.first { $0.trainLoss <= loss }
    }

    // MARK: Tables 12–14: train loss below the paper's

    /// The m 0.0 variants that land within Table 13's gates (train loss ±25 %, test accuracy ±0.5 pp).
    func matchingConventions(_ input: ReportHookInput) -> [(change: String, run: RunResult)] {
        guard context.mode == .full else { return [] }
        let paper = paper("m 0.0")
        return Self.conventions.compactMap { change in
            guard let run = input.experiment("m 0.0, \(change)"), let last = run.history.last,
                let test = run.finalTestAccuracy, abs(last.trainLoss / paper.trainLoss - 1) <= 0.25,
                abs(100 * test - paper.testAccuracy) <= 0.5
            else { return nil }
            return (change, run)
        }
    }

    /// The sweep rows whose train loss is gated below the paper's: lr 0.001, m ≤ 0.8 and B ≥ 200.
    private var gatedTrainLossRows: [String] {
        ["lr 0.001"]
            + report.variants(named: ["m", "B"]).filter { variant in
                let value = variant.axisValues.first.flatMap { $0 } ?? .nan
                return variant.group == "m" ? value <= 0.8 : value >= 200
            }.map(\.name)
    }

    private func sweepTrainLossFinding(_ input: ReportHookInput) -> FindingResult {
        let measuredRows = self.measuredRows
        let slowPaper = paper("m 0.0")
        let slowTable = input.first("m 0.0")
        let measured = measuredRows.map { input.experiment("\($0.name) measured") }

        let measurementRows: [[String]] = zip(measuredRows, measured).map { row, run in
            let last = run?.history.last
            return [
                row.tableLabel, formatted(last?.trainLoss, 4),
                formatted(last?.trainEvaluationLoss, 4), formatted(run?.finalParameterSquaredNorm, 1),
                formatted(
                    (last?.trainLoss ?? .nan) + 0.5 * Self.weightDecay * (run?.finalParameterSquaredNorm ?? .nan), 4),
            ]
        }
        let retraced = slowTable?.history.last?.trainLoss == measured[0]?.history.last?.trainLoss
        let withTerms = zip(measuredRows, measured).map { row, run in
            (
                row: row,
                withTerm: (run?.history.last?.trainLoss ?? .nan) + 0.5 * Self.weightDecay
                    * (run?.finalParameterSquaredNorm ?? .nan)
            )
        }
        let measurementTable =
            markdownTable(
                [
                    "run", "running mean, last epoch (ours, as gated)", "all 60,000 after the last epoch", "Σθ²",
                    "running mean + ½·wd·Σθ²",
                ], measurementRows)
            + "\n\nPaper: \(measuredRows.map { "\($0.name) → \(formatted($0.paper.trainLoss, 4))" }.joined(separator: ", ")). The measured m 0.0 run \(retraced ? "retraces the table's run exactly (same running means)" : "does not retrace the table's run")."

        let conventionRuns = Self.conventions.map { input.experiment("m 0.0, \($0)") }
        let labelled =
            [("as gated (the spec's proposals)", slowTable)]
            + zip(Self.conventions, conventionRuns)
        let rows: [[String]] = labelled.map { change, run in
            let last = run?.history.last
            return [
                change, formatted(last?.trainLoss, 4), percent(last?.trainLoss ?? .nan, slowPaper.trainLoss),
                formatted(100 * (last?.trainAccuracy ?? .nan)), formatted(run?.finalTestLoss, 4),
                formatted(100 * (run?.finalTestAccuracy ?? .nan)),
            ]
        }
        let conventionTable =
            markdownTable(["m 0.0 run", "train loss", "vs paper", "train acc (%)", "test loss", "test acc (%)"], rows)
            + "\n\nPaper (m 0.0): train loss \(formatted(slowPaper.trainLoss, 4)), train accuracy \(formatted(slowPaper.trainAccuracy)) %, test loss \(formatted(slowPaper.testLoss, 4)), test accuracy \(formatted(slowPaper.testAccuracy)) %."
        let matching = matchingConventions(input).map(\.change)

        var epochRows: [[String]] = []
        var epochs: [Int] = []
        for row in gatedTrainLossRows {
            let (run, paper) = (input.first(row), paper(row))
            let match = firstEpoch(of: run, atOrBelow: paper.trainLoss)
            if let match { epochs.append(match.epoch) }
            epochRows.append([
                row, formatted(paper.trainLoss, 4), formatted(run?.history.last?.trainLoss, 4),
                match.map { "\($0.epoch)" } ?? "—",
                formatted(paper.trainAccuracy), formatted(match.map { 100 * $0.trainAccuracy }),
            ])
        }
        var testRows: [[String]] = []
        for (row, run) in zip(measuredRows, measured) {
            let paper = row.paper
            let match = firstEpoch(of: run, atOrBelow: paper.trainLoss)
            testRows.append([
                row.tableLabel,
                match.map { "\($0.epoch)" } ?? "—",
                formatted(match?.testAccuracy.map { 100 * $0 }), formatted(match?.testLoss, 4),
                formatted(paper.testAccuracy), formatted(paper.testLoss, 4),
                formatted(100 * (run?.finalTestAccuracy ?? .nan)),
            ])
        }
        let epochTable =
            markdownTable(
                [
                    "row", "paper train loss", "ours (epoch 100)", "first epoch ours ≤ paper", "paper train acc (%)",
                    "ours at that epoch (%)",
                ], epochRows)
            + "\n\n"
            + markdownTable(
                [
                    "measured run", "that epoch", "test acc there (%)", "test loss there", "paper test acc (%)",
                    "paper test loss", "ours at epoch 100 (%)",
                ], testRows)

        let range = epochs.isEmpty ? "—" : "\(epochs.min()!)–\(epochs.max()!)"
        let testFits = zip(measuredRows, measured).allSatisfy { row, run in
            guard let match = firstEpoch(of: run, atOrBelow: row.paper.trainLoss), let accuracy = match.testAccuracy,
                let loss = match.testLoss
            else { return false }
            return abs(100 * accuracy - row.paper.testAccuracy) <= 0.5 && abs(loss / row.paper.testLoss - 1) <= 0.25
        }
        var values = [
            "withTerms": withTerms.map { "\(percent($0.withTerm, $0.row.paper.trainLoss)) at \($0.row.name)" }
                .joined(separator: " and "),
            "trainAccuracy": formatted(100 * (slowTable?.history.last?.trainAccuracy ?? .nan)),
            "paperTrainAccuracy": formatted(slowPaper.trainAccuracy),
            "matching": matching.joined(separator: ", "), "epochRange": range,
            "testFits": testFits ? "within" : "not all within",
        ]
        if let convention = matching.first {
            let run = conventionRuns[Self.conventions.firstIndex(of: convention)!]
            values["convention"] = convention
            values["conventionLoss"] = formatted(run?.history.last?.trainLoss, 4)
            values["conventionPercent"] = percent(run?.history.last?.trainLoss ?? .nan, slowPaper.trainLoss)
            values["conventionTest"] = formatted(100 * (run?.finalTestAccuracy ?? .nan))
        }
        return FindingResult(
            conclusion: matching.isEmpty ? "no convention" : "convention matches",
            numbers: [measurementTable, conventionTable, epochTable], values: values,
            testCases: [
                1: matching.isEmpty ? "no convention" : "convention matches", 2: epochs.isEmpty ? "no epoch" : "epochs",
            ])
    }
}
