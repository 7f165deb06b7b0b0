import Backprop
import Foundation

/// Report 001's Swift hooks ("Project 2 – Mini Deep Learning Framework", EPFL EE-559): its spec
/// (`ReportSpecs/001.json`) holds the runs (activations, initialisations, losses, optimizers, a
/// plateau scheduler and dropout on the disk data) and names these for its tables and figures.
enum Report001Hooks {
    /// Every hook by the id the spec names.
    static let hooks: [String: ReportHook] = [
        "001.first-model": { try firstModel($0, $0.first("fig1 \(firstModelSetup)")) },
        "001.activations": { try activationTable($0) },
        "001.initializations": { try initializationTable($0) },
        "001.activation-grid": { input in
            let means = meanErrors(
                input, groups: ["relu", "tanh"], series: ["pytorch-default", "xavier-normal", "he-normal"]
            ) {
                "\($0)/\($1)/mse/sgd"
            }
            try figure2Gates(input, means)
        },
        "001.loss-grid": { input in
            let means = meanErrors(input, groups: ["mse", "cross-entropy"], series: ["sgd", "adam"]) {
                "relu/pytorch-default/\($0)/\($1)"
            }
            try figure3Gates(input, means, losses: ["MSE", "CE"], optimizers: ["SGD", "Adam"])
        },
        "001.scheduler": { input in
            try schedulerFigure(input, with: input.first(scheduled), without: input.first(unscheduled))
        },
        "001.dropout": { input in
            try dropoutFigure(input, dropout: input.first(withDropout), reference: input.first(scheduled))
        },
    ]

    static let firstModelSetup = "relu/pytorch-default/mse/sgd"
    static let scheduled = "scheduler relu/pytorch-default/cross-entropy/adam/plateau"
    static let unscheduled = "scheduler relu/pytorch-default/cross-entropy/adam"
    static let withDropout = "scheduler relu/pytorch-default/cross-entropy/adam/plateau/dropout 0.1"

    private static func testError(_ run: RunResult) -> Double { 100 * (1 - (run.finalTestAccuracy ?? 0)) }

    /// Fig. 1's checks, for the figure the spec draws: both losses fall, and the final test error.
    private static func firstModel(_ input: ReportHookInput, _ run: RunResult?) throws {
        let train = run?.history.epochs.map { $0.trainEvaluationLoss ?? .nan } ?? []
        let test = run?.history.epochs.map { $0.testLoss ?? .nan } ?? []
        let error = run.map(testError) ?? .nan
        let falls = { (values: [Double]) in (values.last ?? .nan) < 0.5 * (values.first ?? .nan) }
        try input.check(
            "loss falls",
            .condition(
                run == nil ? nil : falls(train) && falls(test),
                shown:
                    "\(formatted(train.first, 4)) → \(formatted(train.last, 4)) / \(formatted(test.first, 4)) → \(formatted(test.last, 4))"
            ))
        try input.check("test error", .number(run.map(testError), shown: formatted(error)))
    }

    /// The mean final test error (%) of each grid variant, by [series][group], for the bar chart the spec draws.
    private static func meanErrors(
        _ input: ReportHookInput, groups: [String], series: [String], setup: (String, String) -> String
    ) -> [[Double]] {
        series.map { series in
            groups.map { group in
                Statistics.mean(input.results("grid \(setup(group, series))").compactMap { $0 }.map(testError))
            }
        }
    }

    /// Fig. 2's checks on the mean test errors, by [initialisation][activation].
    private static func figure2Gates(_ input: ReportHookInput, _ means: [[Double]]) throws {
        let worst = means.flatMap { $0 }.max() ?? .nan
        try input.check("largest error", .number(worst, shown: formatted(worst)))
        let relu = Statistics.mean(means.map { $0[0] })
        let tanh = Statistics.mean(means.map { $0[1] })
        try input.check("ReLU better", .condition(nil, shown: "ReLU \(formatted(relu)) vs Tanh \(formatted(tanh))"))
    }

    /// Fig. 3's checks on the mean test errors, by [optimizer][loss].
    private static func figure3Gates(
        _ input: ReportHookInput, _ means: [[Double]], losses: [String], optimizers: [String]
    ) throws {
        for (g, loss) in losses.enumerated() {
            try input.check(
                "\(loss): Adam better",
                .condition(
                    means[1][g] < means[0][g], shown: "Adam \(formatted(means[1][g])) vs SGD \(formatted(means[0][g]))")
            )
        }
        for (s, optimizer) in optimizers.enumerated() {
            let gap = abs(means[s][0] - means[s][1])
            try input.check("\(optimizer): loss gap", .number(gap, shown: formatted(gap)))
        }
    }

    /// Fig. 4's checks, for the figure the spec draws: the loss drops after the first rate cut.
    private static func schedulerFigure(_ input: ReportHookInput, with: RunResult?, without: RunResult?) throws {
        let a = with?.history.epochs.map(\.trainLoss) ?? []
        let b = without?.history.epochs.map(\.trainLoss) ?? []
        let reductions = with?.history.rateReductionEpochs ?? []
        let drop = reductions.first.map { epoch -> Bool in
            let before = a[max(0, epoch - 5)..<epoch]
            let after = a[min(epoch, a.count)..<min(epoch + 5, a.count)]
            return !after.isEmpty && Statistics.mean(Array(after)) < Statistics.mean(Array(before))
        }
        try input.check(
            "rate reductions",
            .condition(
                with == nil ? nil : (drop ?? false),
                shown:
                    "reductions at epochs \(reductions.map(String.init).joined(separator: ", ")); drop \(drop.map { $0 ? "yes" : "no" } ?? "—")"
            ))
        try input.check("final loss", .condition(nil, shown: "\(formatted(a.last, 5)) vs \(formatted(b.last, 5))"))
    }

    /// Fig. 5's checks, for the figure the spec draws: dropout in train mode makes the test loss jitter.
    private static func dropoutFigure(_ input: ReportHookInput, dropout: RunResult?, reference: RunResult?) throws {
        let trainMode = dropout?.history.epochs.map { $0.testLossInTrainingMode ?? .nan } ?? []
        let none = reference?.history.epochs.map { $0.testLoss ?? .nan } ?? []
        func jitter(_ values: [Double]) -> Double {
            let tail = Array(values.suffix(values.count / 2))
            return Statistics.standardDeviation(zip(tail.dropFirst(), tail).map { $0 - $1 })
        }
        let (j1, j3) = (jitter(trainMode), jitter(none))
        try input.check(
            "fluctuation",
            .condition(dropout == nil ? nil : j1 > j3, shown: "\(formatted(j1, 5)) vs \(formatted(j3, 5))"))
        let gap = abs(testErrorOrNaN(dropout) - testErrorOrNaN(reference))
        try input.check("error gap", .number(gap, shown: formatted(gap)))
    }

    private static func testErrorOrNaN(_ run: RunResult?) -> Double { run.map(testError) ?? .nan }
}
