import Backprop
import Foundation

/// Report 003's findings on single rows: Table 11's 1-layer ReLU + SCE losses and 0-layer SCE
/// train loss (E003-5), and Table 14's small-batch test accuracy.
extension Report003 {
    // MARK: Table 11: 1-layer ReLU + SCE losses

    func oneLayerReluFinding(_ results: (RunRequest) -> RunResult?) -> Finding {
        let model = models[5]
        let neighbour = models[4]
        let paper = model.paper!.results
        let above = neighbour.paper!.results
        let table = results(request(model))
        let experiments = oneLayerExperiments()
        let measured = results(experiments.measured.request)
        let withoutDecay = results(experiments.withoutDecay.request)
        let term = 0.5 * Self.weightDecay * (measured?.finalParameterSquaredNorm ?? .nan)
        let testLosses = (measured?.history.epochs ?? []).compactMap(\.testLoss)
        let rows: [[String]] = [
            [
                "paper, this row", formatted(paper.trainLoss, 4), formatted(paper.trainAccuracy),
                formatted(paper.testLoss, 4), formatted(paper.testAccuracy),
            ],
            [
                "paper, the row above (1-layer Sigmoid + SCE)", formatted(above.trainLoss, 4),
                formatted(above.trainAccuracy), formatted(above.testLoss, 4), formatted(above.testAccuracy),
            ],
            [
                "ours, as gated", formatted(table?.history.last?.trainLoss, 4),
                formatted(100 * (table?.history.last?.trainAccuracy ?? .nan)), formatted(table?.finalTestLoss, 4),
                formatted(100 * (table?.finalTestAccuracy ?? .nan)),
            ],
            [
                "ours + ½·wd·Σθ² on both losses (Σθ² = \(formatted(measured?.finalParameterSquaredNorm, 1)))",
                formatted((measured?.history.last?.trainLoss ?? .nan) + term, 4), "",
                formatted((measured?.finalTestLoss ?? .nan) + term, 4), "",
            ],
            [
                "ours without weight decay", formatted(withoutDecay?.history.last?.trainLoss, 4),
                formatted(100 * (withoutDecay?.history.last?.trainAccuracy ?? .nan)),
                formatted(withoutDecay?.finalTestLoss, 4), formatted(100 * (withoutDecay?.finalTestAccuracy ?? .nan)),
            ],
        ]
        let numbers =
            markdownTable(["", "train loss", "train acc (%)", "test loss", "test acc (%)"], rows)
            + "\n\nTest loss of the measured run over its \(testLosses.count) epochs: min \(formatted(testLosses.min(), 4)), max \(formatted(testLosses.max(), 4)) (epoch 1: \(formatted(testLosses.first, 4)))."
        let withTermTrain = (measured?.history.last?.trainLoss ?? .nan) + term
        let withTermTest = (measured?.finalTestLoss ?? .nan) + term
        let termMatches =
            abs(withTermTrain / paper.trainLoss - 1) <= 0.25 && abs(withTermTest / paper.testLoss - 1) <= 0.25
        let nearEpochs = (measured?.history.epochs ?? []).filter {
            abs(($0.testLoss ?? .nan) / paper.testLoss - 1) <= 0.25
        }
        let conclusion: Finding.Conclusion =
            termMatches
            ? .explained(
                "Adding ½·wd·Σθ² to both losses gives \(formatted(withTermTrain, 4)) / \(formatted(withTermTest, 4)) against the paper's \(formatted(paper.trainLoss, 4)) / \(formatted(paper.testLoss, 4)), within ±25 %: this row's losses were most likely printed with the weight-decay term, while its accuracies (which the term does not touch) match ours."
            )
            : .notExplained(
                "The accuracies match ours (\(formatted(paper.trainAccuracy)) / \(formatted(paper.testAccuracy)) against \(formatted(100 * (table?.history.last?.trainAccuracy ?? .nan))) / \(formatted(100 * (table?.finalTestAccuracy ?? .nan)))), so the network trained as ours did; the losses printed beside them are not produced by the weight-decay term, by training without weight decay, or at any epoch of our run with the printed accuracies. E003-6's transcription reading remains the likeliest."
            )
        return Finding(
            id: FindingID.oneLayerReluLosses.rawValue,
            title: "Table 11, 1-layer ReLU + SCE: train and test loss 2–4× ours at matching accuracies",
            tests: [
                Finding.Test(
                    hypothesis:
                        "The losses are printed with the weight-decay term, or come from a run without weight decay (overconfident errors inflate the test loss), or from another epoch; E003-6 suspects a transcription from the row above.",
                    experiment:
                        "The row's run measured every epoch with Σθ² recorded after training, and the same run without weight decay.",
                    numbers: numbers,
                    outcome: termMatches
                        ? "The weight-decay term reproduces both printed losses."
                        : "Closest is the weight-decay term (\(percent(withTermTrain, paper.trainLoss)) / \(percent(withTermTest, paper.testLoss))), but it misses the train loss beyond ±25 %, and every other row of Table 11 matches without it; without weight decay the losses fall. \(nearEpochs.isEmpty ? "No epoch has a test loss within ±25 % of the printed one." : "The test loss is within ±25 % of the printed one only at epoch(s) \(nearEpochs.map { "\($0.epoch)" }.joined(separator: ", ")), where the train accuracy is at most \(formatted(100 * (nearEpochs.map(\.trainAccuracy).max() ?? .nan))) %, not 99.34 %.")"
                )
            ],
            conclusion: conclusion)
    }

    // MARK: Table 11: 0-layer SCE train loss (E003-5)

    func zeroLayerFinding(_ results: (RunRequest) -> RunResult?) -> Finding {
        let model = models[1]
        let paper = model.paper!.results
        let run = results(zeroLayerExperiment().request)
        let last = run?.history.last
        let rows = [
            ["paper", formatted(paper.trainLoss, 4), "—", formatted(paper.testLoss, 4)],
            [
                "ours (measured run)", formatted(last?.trainLoss, 4), formatted(last?.trainEvaluationLoss, 4),
                formatted(run?.finalTestLoss, 4),
            ],
        ]
        let sameAsOurs =
            ReportDocument.number(last?.trainLoss, digits: 4) == ReportDocument.number(paper.trainLoss, digits: 4)
        return Finding(
            id: FindingID.zeroLayerTrainLoss.rawValue,
            title: "Table 11, 0-layer + SCE: the paper's train loss equals its test loss (E003-5)",
            tests: [
                Finding.Test(
                    hypothesis: "The train-loss cell is a copy of the test-loss cell.",
                    experiment:
                        "The row's run, measured every epoch: running-mean train loss of the last epoch, loss on all 60,000 training images after it, and test loss.",
                    numbers: markdownTable(
                        ["", "train loss (running mean)", "train loss (all 60,000 after the epoch)", "test loss"], rows),
                    outcome: sameAsOurs
                        ? "Our running-mean train loss equals the printed 0.2732 to four decimals; our test loss is \(percent(run?.finalTestLoss ?? .nan, paper.testLoss)) off the printed one."
                        : "Our train loss differs from the printed one.")
            ],
            conclusion: sameAsOurs
                ? .explained(
                    "The train cell is the running-mean train loss, reproduced exactly; if a cell was copied it is the test cell (ours \(formatted(run?.finalTestLoss, 4)), within the ±25 % gate). The row stays N/C as the spec says."
                )
                : .notExplained("Neither loss reading reproduces the printed cell."))
    }

    // MARK: Table 14: small-batch test accuracy

    func smallBatchFinding(_ results: (RunRequest) -> RunResult?) -> Finding {
        var rows: [[String]] = []
        var missesEverySeed = true
        var seedWithinAtEveryBatch = true
        var meanWithinBand = true
        for batch in [10, 30] {
            let paper = paper14.first { Int($0.value) == batch }!.results
            let seeds =
                [results(request(baseline, batch: batch))]
                + batchSeedExperiments().filter { $0.batch == batch }.map { results($0.experiment.request) }
            let tests = seeds.compactMap(\.?.finalTestAccuracy).map { 100 * $0 }
            let best = seeds.dropFirst().compactMap { $0?.history.epochs.compactMap(\.testAccuracy).max() }.map {
                100 * $0
            }
            let within = tests.contains { abs($0 - paper.testAccuracy) <= 0.5 }
            if within { missesEverySeed = false } else { seedWithinAtEveryBatch = false }
            if abs(Statistics.mean(tests) - paper.testAccuracy) > 0.5 { meanWithinBand = false }
            rows.append([
                "B \(batch)", formatted(paper.testAccuracy), tests.map { formatted($0) }.joined(separator: ", "),
                meanStd(tests),
                best.map { formatted($0) }.joined(separator: ", "),
            ])
        }
        let conclusion: Finding.Conclusion =
            meanWithinBand
            ? .explained(
                "The gap is seed-to-seed variation: the mean of three seeds is within ±0.5 pp of the paper at both batch sizes. The gated row keeps seed 0."
            )
            : missesEverySeed || !seedWithinAtEveryBatch
                ? .notExplained(
                    "Seed variation does not explain the gap: at least one batch size misses by more than 0.5 pp with every seed."
                )
                : .partlyExplained(
                    "One run per row cannot be gated at ±0.5 pp here: seeds differ by up to the tolerance, and another seed lands within it at each batch size. The three-seed mean is still more than 0.5 pp below the paper's at one batch size at least, so our small-batch runs are on average slightly worse than the paper's single run; the best-epoch column shows what stopping at each run's best epoch would give. The gated row keeps seed 0."
                )
        return Finding(
            id: FindingID.smallBatchTestAccuracy.rawValue,
            title: "Table 14, B = 10 and 30: test accuracy 0.6–1.0 pp below the paper's",
            tests: [
                Finding.Test(
                    hypothesis:
                        "One run per row: the miss is seed-to-seed variation, or late overfitting that a different stopping point would avoid.",
                    experiment:
                        "Both rows with two more seeds (100 epochs each), the new ones evaluated on the test set after every epoch.",
                    numbers: markdownTable(
                        [
                            "row", "paper test acc (%)", "ours, seeds 0, 1, 2 (%)", "mean ± std",
                            "best epoch of seeds 1, 2 (%)",
                        ], rows),
                    outcome: seedWithinAtEveryBatch
                        ? "At each batch size at least one seed lands within ±0.5 pp of the paper."
                        : "At least one batch size misses by more than 0.5 pp with every seed.")
            ],
            conclusion: conclusion)
    }
}
