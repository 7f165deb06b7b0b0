import Backprop
import Foundation

/// Report 003's findings: the fail and n/c rows of Tables 11–14, each with the hypotheses tested
/// by the runs of `Report003Experiments` and the numbers they gave.
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

    func addFindings(_ input: ReportHookInput) {
        guard context.mode == .full, context.data.hasMNIST else { return }
        let (document, results) = (input.document, input.result)
        document.addFinding(sweepTrainLossFinding(results))
        document.addFinding(oneLayerReluFinding(results))
        document.addFinding(zeroLayerFinding(results))
        document.addFinding(smallBatchFinding(results))
        document.addFinding(largeRateFinding(results))
    }

    /// Relative difference in %, as the check tables print it.
    func percent(_ ours: Double, _ paper: Double) -> String { formatted(100 * (ours / paper - 1), 0) + " %" }

    /// The first epoch whose running-mean train loss is at or below `loss`.
    private func firstEpoch(of run: RunResult?, atOrBelow loss: Double) -> EpochRecord? {
        run?.history.epochs.first { $0.trainLoss <= loss }
    }

    // MARK: Tables 12–14: train loss below the paper's

    /// The m 0.0 variants that land within Table 13's gates (train loss ±25 %, test accuracy ±0.5 pp).
    func matchingConventions(_ results: (RunRequest) -> RunResult?) -> [(
        change: String, run: RunResult
    )] {
        guard context.mode == .full else { return [] }
        let paper = paper13[0].results
        return trainLossExperiments().conventions.compactMap { experiment in
            guard let run = results(experiment.request), let last = run.history.last, let test = run.finalTestAccuracy,
                abs(last.trainLoss / paper.trainLoss - 1) <= 0.25, abs(test - paper.testAccuracy) <= 0.005
            else { return nil }
            return (experiment.change, run)
        }
    }

    /// A sweep row whose train loss is gated, with the paper's printed results (accuracies in %).
    private struct GatedTrainLossRow {
        let label: String
        let request: RunRequest
        let paper: PaperResults
    }

    private func sweepRows() -> [GatedTrainLossRow] {
        let percent = { (results: PaperResults) in
            PaperResults(
                trainLoss: results.trainLoss, trainAccuracy: 100 * results.trainAccuracy, testLoss: results.testLoss,
                testAccuracy: 100 * results.testAccuracy)
        }
        let rates = paper12.filter { $0.value == 0.001 }.map {
            GatedTrainLossRow(
                label: "lr \($0.value)", request: request(baseline, rate: $0.value), paper: percent($0.results)
            )
        }
        let momentums = paper13.filter { $0.value <= 0.8 }.map {
            GatedTrainLossRow(
                label: "m \($0.value)", request: request(baseline, momentum: $0.value),
                paper: percent($0.results))
        }
        let batches = paper14.filter { $0.value >= 200 }.map {
            GatedTrainLossRow(
                label: "B \(Int($0.value))", request: request(baseline, batch: Int($0.value)),
                paper: $0.results)
        }
        return rates + momentums + batches
    }

    private func sweepTrainLossFinding(_ results: (RunRequest) -> RunResult?) -> Finding {
        let experiments = trainLossExperiments()
        let slowPaper = paper13[0].results
        let slowTable = results(request(baseline, momentum: 0.0))
        let measured = experiments.measured.map { results($0.experiment.request) }

        let measurementRows: [[String]] = zip(experiments.measured, measured).map { row, run in
            let last = run?.history.last
            return [
                row.tableLabel, formatted(last?.trainLoss, 4),
                formatted(last?.trainEvaluationLoss, 4), formatted(run?.finalParameterSquaredNorm, 1),
                formatted(
                    (last?.trainLoss ?? .nan) + 0.5 * Self.weightDecay * (run?.finalParameterSquaredNorm ?? .nan), 4),
            ]
        }
        let retraced = slowTable?.history.last?.trainLoss == measured[0]?.history.last?.trainLoss
        let withTerms = zip(experiments.measured, measured).map { row, run in
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
            + "\n\nPaper: \(experiments.measured.map { "\($0.name) → \(formatted($0.paper.trainLoss, 4))" }.joined(separator: ", ")). The measured m 0.0 run \(retraced ? "retraces the table's run exactly (same running means)" : "does not retrace the table's run")."

        let conventionRuns = experiments.conventions.map { results($0.request) }
        let labelled =
            [("as gated (the spec's proposals)", slowTable)]
            + zip(experiments.conventions.map(\.change), conventionRuns)
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
            + "\n\nPaper (m 0.0): train loss \(formatted(slowPaper.trainLoss, 4)), train accuracy \(formatted(100 * slowPaper.trainAccuracy)) %, test loss \(formatted(slowPaper.testLoss, 4)), test accuracy \(formatted(100 * slowPaper.testAccuracy)) %."
        let matching = matchingConventions(results).map(\.change)

        var epochRows: [[String]] = []
        var epochs: [Int] = []
        for row in sweepRows() {
            let run = results(row.request)
            let match = firstEpoch(of: run, atOrBelow: row.paper.trainLoss)
            if let match { epochs.append(match.epoch) }
            epochRows.append([
                row.label, formatted(row.paper.trainLoss, 4), formatted(run?.history.last?.trainLoss, 4),
                match.map { "\($0.epoch)" } ?? "—",
                formatted(row.paper.trainAccuracy), formatted(match.map { 100 * $0.trainAccuracy }),
            ])
        }
        var testRows: [[String]] = []
        for (row, run) in zip(experiments.measured, measured) {
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
        let testFits = zip(experiments.measured, measured).allSatisfy { row, run in
            guard let match = firstEpoch(of: run, atOrBelow: row.paper.trainLoss), let accuracy = match.testAccuracy,
                let loss = match.testLoss
            else { return false }
            return abs(100 * accuracy - row.paper.testAccuracy) <= 0.5 && abs(loss / row.paper.testLoss - 1) <= 0.25
        }
        let shorter =
            "Every failing row's printed train loss and train accuracy are ours at epoch \(range) of 100, and at that epoch the two measured runs' test accuracy and loss are \(testFits ? "within" : "not all within") ±0.5 pp and ±25 % of the paper's; but no convention we know of stops the sweeps at about 70 % of the steps while Table 11's slower models (e.g. 1-layer Sigmoid + SCE, 0.1326 = ours at epoch 100) match at epoch 100."
        let conclusion: Finding.Conclusion
        if let convention = matching.first {
            let run = conventionRuns[experiments.conventions.firstIndex { $0.change == convention }!]
            conclusion = .partlyExplained(
                "With \(convention) the m 0.0 run comes within the gates (train loss \(formatted(run?.history.last?.trainLoss, 4)), \(percent(run?.history.last?.trainLoss ?? .nan, slowPaper.trainLoss)); test accuracy \(formatted(100 * (run?.finalTestAccuracy ?? .nan))) %); Table 13 shows it as an extra row beside ours. "
                    + "It does not reproduce the printed value, though, and it is one row of ten. " + shorter
                    + " The gated rows keep the spec's configuration.")
        } else {
            conclusion = .notExplained(
                "None of the conventions tested (measurement after the epoch, the weight-decay term, 50,000 or 55,000 training images, pixels x/255, init std 0.1) reproduces the paper's train losses. "
                    + shorter)
        }
        return Finding(
            id: FindingID.sweepTrainLoss.rawValue,
            title: "Train loss below the paper's in the slowly converging sweep rows (Tables 12–14)",
            tests: [
                Finding.Test(
                    hypothesis:
                        "The paper's train loss is measured differently: after the epoch on the whole training set, or with the weight-decay term ½·wd·Σθ² added (PyTorch-style code adds it to the objective it prints).",
                    experiment:
                        "The m 0.0 and B 400 runs again, evaluating all 60,000 training images after every epoch and recording Σθ² over every weight and bias after training.",
                    numbers: measurementTable,
                    outcome:
                        "Measuring after the epoch lowers the loss further (the wrong direction). The weight-decay term gives "
                        + withTerms.map { "\(percent($0.withTerm, $0.row.paper.trainLoss)) at \($0.row.name)" }
                        .joined(separator: " and ")
                        + " against the paper: it cannot fit both rows, and it leaves the train accuracy (\(formatted(100 * (slowTable?.history.last?.trainAccuracy ?? .nan))) % against the paper's \(formatted(100 * slowPaper.trainAccuracy)) % at m 0.0) untouched."
                ),
                Finding.Test(
                    hypothesis:
                        "The paper trained on a different set-up: 50,000 or 55,000 training images (a held-out split), unscaled-mean pixels x/255, or init std 0.1 (the other std the report names).",
                    experiment: "The m 0.0 row (the largest miss) with one setting changed per run, 100 epochs each.",
                    numbers: conventionTable,
                    outcome: matching.isEmpty
                        ? "No single change brings the train loss within ±25 % while keeping the test accuracy within ±0.5 pp."
                        : "Matches: \(matching.joined(separator: ", "))."),
                Finding.Test(
                    hypothesis: "The paper's sweep runs trained for fewer steps than ours.",
                    experiment:
                        "For every row gated on train loss, the first epoch at which our running mean reaches the printed value (from the table runs' per-epoch means), and for the two measured runs, the test metrics at that epoch.",
                    numbers: epochTable,
                    outcome: epochs.isEmpty
                        ? "No epoch matches."
                        : "Epochs \(epochs.min()!)–\(epochs.max()!) match the printed train loss and train accuracy of every row; the test metrics there are in the table above."
                ),
            ],
            conclusion: conclusion)
    }
}
