import Backprop
import Foundation

/// Report 002's Figs. 2 and 3: the synthetic runs' logs beside the paper's printed ones, and their checks.
extension Report002 {
    /// The paper's printed log value of `column` at each epoch (nil where the log is illegible).
    func paperLog(_ column: String) -> [Double?] {
        (report.spec.paper ?? []).filter { $0.label.hasPrefix("log epoch") }.map { $0.values[column]?.number }
    }

    /// The vugrad log convention: "epoch k" shows the accuracy measured before epoch k's training.
    private func log(_ run: RunResult) -> (accuracy: [Double], loss: [Double]) {
        let before =
            [run.history.initialEvaluation?.accuracy ?? .nan] + run.history.epochs.map { $0.testAccuracy ?? .nan }
        return (Array(before.prefix(run.history.epochs.count)), run.history.epochs.map(\.trainLossTotal))
    }

    /// Fig. 2 (sigmoid) or Fig. 3 (ReLU), each with both activations' plotted seeds drawn.
    func syntheticFigure(_ input: ReportHookInput, number: String) throws {
        let (sigmoid, relu) = (input.results("synthetic sigmoid"), input.results("synthetic relu"))
        let activation = number == "2" ? "sigmoid" : "relu"
        let runs = number == "2" ? sigmoid : relu
        let (figure, lossAxes, accuracyAxes) = LossAndAccuracyFigure(
            lossTitle: "running loss (sum over 60,000 instances)",
            accuracyTitle: "validation accuracy (before the epoch)", xLabel: "epoch"
        ).parts
        var logText = ""
        let plotted = runs.first ?? nil
        for (index, (runActivation, run)) in [("sigmoid", sigmoid.first ?? nil), ("relu", relu.first ?? nil)]
            .enumerated()
        {
            guard let run else { continue }
            let (accuracy, loss) = log(run)
            lossAxes.plot(
                x: loss.indices.map(Double.init), y: loss, label: runActivation,
                style: LineStyle(color: Color.cycle(index), marker: .circle, markerSize: 4))
            accuracyAxes.plot(
                x: accuracy.indices.map(Double.init), y: accuracy, label: runActivation,
                style: LineStyle(color: Color.cycle(index), marker: .circle, markerSize: 4))
        }
        let paperLoss = paperLog("\(activation) running loss")
        let paperAccuracy = paperLog("\(activation) accuracy")
        lossAxes.scatter(
            x: paperLoss.indices.compactMap { paperLoss[$0] == nil ? nil : Double($0) },
            y: paperLoss.compactMap { $0 }, colors: [.black], label: "paper (\(activation))", size: 4)
        accuracyAxes.scatter(
            x: paperAccuracy.indices.compactMap { paperAccuracy[$0] == nil ? nil : Double($0) },
            y: paperAccuracy.compactMap { $0 }, colors: [.black], label: "paper (\(activation))", size: 4)
        if let plotted {
            let (accuracy, loss) = log(plotted)
            var lines: [String] = []
            for epoch in accuracy.indices {
                lines.append(
                    String(
                        format: "epoch %03d\n    accuracy: %.4f\n    running loss: %.4g", epoch, accuracy[epoch],
                        loss[epoch]))
            }
            if let final = plotted.finalTestAccuracy {
                lines.append(String(format: "after training\n    accuracy: %.4f", final))
            }
            logText =
                "Log of the plotted seed (same format as the paper; the “after training” line is added, E002-9):\n\n```\n"
                + lines.joined(separator: "\n") + "\n```"
            let plottedRequest = report.request(
                report.variants(named: ["synthetic \(activation)"])[0], trial: 0, context)
            let data = try? context.data.split(
                plottedRequest.dataset, random: RandomSource(seed: plottedRequest.seed))
            let fractions = (
                train: data?.train.classFractions[1] ?? .nan, validation: data?.test.classFractions[1] ?? .nan
            )
            try checks(
                input, activation: activation, plotted: plotted, all: runs.compactMap { $0 },
                sigmoid: sigmoid.first ?? nil, fractions: fractions)
        }
        try input.addFigure(
            figure,
            numbers: [
                "runs": runs.compactMap { $0 }.map {
                    ["accuracy_before_epoch": log($0).accuracy, "running_loss": log($0).loss]
                }
            ], ["activation": activation, "seeds": "\(runs.count)", "log": logText])
    }

    /// The spec's gates for one synthetic figure; `fractions` are the plotted draw's class-1 fractions.
    private func checks(
        _ input: ReportHookInput, activation: String, plotted: RunResult, all: [RunResult], sigmoid: RunResult?,
        fractions: (train: Double, validation: Double)
    ) throws {
        let (accuracy, loss) = log(plotted)
        let seeds = "\(all.count)"
        if activation == "relu" {
            // Numeric gates on the median over the seeds (the spec runs 5 for these checks); the plotted seed is listed too.
            let logs = all.map(log)
            let median = { (values: [Double]) in Statistics.median(values) }
            let values = [
                "seeds": "median of \(all.count) seed(s)", "plotted": formatted(accuracy.last, 4),
                "plottedLoss": String(format: "%.4g", loss.last ?? .nan),
            ]
            let worst = median(logs.map { $0.accuracy.dropFirst(2).min() ?? .nan })
            try input.check("lowest accuracy", .number(worst, shown: formatted(worst, 4)), values)
            let lastAccuracy = median(logs.map { $0.accuracy.last ?? .nan })
            try input.check("final accuracy", .number(lastAccuracy, shown: formatted(lastAccuracy, 4)), values)
            for (name, epoch) in [("final loss", 19), ("second loss", 1), ("first loss", 0)] {
                let value = median(logs.map { $0.loss.count > epoch ? $0.loss[epoch] : .nan })
                try input.check(name, .number(value, shown: String(format: "%.4g", value)), values)
            }
            let decreasing = logs.filter { zip($0.loss, $0.loss.dropFirst()).allSatisfy { $1 < $0 } }.count
            try input.check(
                "decreasing", .condition(decreasing == all.count, shown: "\(decreasing)/\(all.count) seeds"))
            if let sigmoid {
                let holds = zip(accuracy, log(sigmoid).accuracy).dropFirst().allSatisfy { $0 >= $1 }
                try input.check("relu above sigmoid", .condition(holds, shown: holds ? "yes" : "no"))
            }
        } else {
            let majority = max(fractions.validation, 1 - fractions.validation)
            let constantLoss = 60000 * entropy(fractions.train)
            let plateau = zip(accuracy.indices, zip(accuracy, loss)).filter {
                abs($1.0 - majority) <= 0.001 && abs($1.1 / constantLoss - 1) < 0.01
            }.map(\.0)
            let longest = longestRun(plateau)
            try input.check(
                "plateau",
                .number(
                    Double(longest), shown: "\(longest) epochs (\(plateau.map(String.init).joined(separator: ", ")))"),
                ["constantLoss": String(format: "%.4g", constantLoss), "majority": formatted(majority, 4)])
            let medianFinal = Statistics.median(all.map { log($0).accuracy.last ?? .nan })
            try input.check("final accuracy", .number(medianFinal, shown: formatted(medianFinal, 4)), ["seeds": seeds])
            try input.check(
                "plateau end",
                .condition(nil, shown: plateau.isEmpty ? "none" : "\(plateau.first!)–\(plateau.last!)"))
        }
    }

    private func entropy(_ p: Double) -> Double { -(p * Foundation.log(p) + (1 - p) * Foundation.log(1 - p)) }

    private func longestRun(_ indices: [Int]) -> Int {
        var best = 0
        var current = 0
        var previous = Int.min
        for index in indices {
            current = index == previous + 1 ? current + 1 : 1
            best = max(best, current)
            previous = index
        }
        return best
    }
}
