import Backprop
import Foundation

/// Report 003's findings on single rows: Table 11's 1-layer ReLU + SCE losses and 0-layer SCE
/// train loss (E003-5), and Table 14's small-batch test accuracy.
extension Report003 {
    // MARK: Table 11: 1-layer ReLU + SCE losses

    func oneLayerReluFinding(_ input: ReportHookInput) -> FindingResult {
        let paper = paper("models 1-layer + Relu + SCE")
        let above = self.paper("models 1-layer + Sigmoid + SCE")
        let table = input.first("models 1-layer + Relu + SCE")
        let measured = input.experiment("1-layer ReLU SCE measured")
        let withoutDecay = input.experiment("1-layer ReLU SCE without weight decay")
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
        return FindingResult(
            conclusion: termMatches ? "term matches" : "not explained", numbers: [numbers],
            values: [
                "withTermTrain": formatted(withTermTrain, 4), "withTermTest": formatted(withTermTest, 4),
                "paperTrain": formatted(paper.trainLoss, 4), "paperTest": formatted(paper.testLoss, 4),
                "paperTrainAccuracy": formatted(paper.trainAccuracy),
                "paperTestAccuracy": formatted(paper.testAccuracy),
                "trainAccuracy": formatted(100 * (table?.history.last?.trainAccuracy ?? .nan)),
                "testAccuracy": formatted(100 * (table?.finalTestAccuracy ?? .nan)),
                "trainPercent": percent(withTermTrain, paper.trainLoss),
                "testPercent": percent(withTermTest, paper.testLoss),
                "nearEpochs": nearEpochs.map { "\($0.epoch)" }.joined(separator: ", "),
                "nearAccuracy": formatted(100 * (nearEpochs.map(\.trainAccuracy).max() ?? .nan)),
            ],
            testCases: [0: termMatches ? "term matches" : nearEpochs.isEmpty ? "no epoch near" : "epochs near"])
    }

    // MARK: Table 11: 0-layer SCE train loss (E003-5)

    func zeroLayerFinding(_ input: ReportHookInput) -> FindingResult {
        let paper = paper("models 0-layer + SCE")
        let run = input.experiment("0-layer SCE measured")
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
        return FindingResult(
            conclusion: sameAsOurs ? "same" : "differs",
            numbers: [
                markdownTable(
                    ["", "train loss (running mean)", "train loss (all 60,000 after the epoch)", "test loss"], rows)
            ],
            values: [
                "testPercent": percent(run?.finalTestLoss ?? .nan, paper.testLoss),
                "testLoss": formatted(run?.finalTestLoss, 4),
            ])
    }

    // MARK: Table 14: small-batch test accuracy

    func smallBatchFinding(_ input: ReportHookInput) -> FindingResult {
        var rows: [[String]] = []
        var missesEverySeed = true
        var seedWithinAtEveryBatch = true
        var meanWithinBand = true
        for batch in [10, 30] {
            let paper = paper("B \(batch)")
            let seeds =
                [input.first("B \(batch)")]
                + (1...2).map { input.experiment("B \(batch) seed \($0)") }
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
        return FindingResult(
            conclusion: meanWithinBand
                ? "mean within" : missesEverySeed || !seedWithinAtEveryBatch ? "every seed misses" : "seed within",
            numbers: [
                markdownTable(
                    [
                        "row", "paper test acc (%)", "ours, seeds 0, 1, 2 (%)", "mean ± std",
                        "best epoch of seeds 1, 2 (%)",
                    ], rows)
            ],
            testCases: [0: seedWithinAtEveryBatch ? "seed within" : "every seed misses"])
    }
}
