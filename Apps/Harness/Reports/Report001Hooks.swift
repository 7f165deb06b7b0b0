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
        "001.scheduler": { try schedulerFigure($0, $0.first(scheduled)) },
        "001.dropout": { input in
            try dropoutFigure(input, dropout: input.first(withDropout), reference: input.first(scheduled))
        },
    ]

    static let firstModelSetup = "relu/pytorch-default/mse/sgd"
    static let scheduled = "scheduler relu/pytorch-default/cross-entropy/adam/plateau"
    static let withDropout = "scheduler relu/pytorch-default/cross-entropy/adam/plateau/dropout 0.1"

    /// Fig. 1's check, for the figure the spec draws: both losses fall.
    private static func firstModel(_ input: ReportHookInput, _ run: RunResult?) throws {
        let train = run?.history.epochs.map { $0.trainEvaluationLoss ?? .nan } ?? []
        let test = run?.history.epochs.map { $0.testLoss ?? .nan } ?? []
        let falls = { (values: [Double]) in (values.last ?? .nan) < 0.5 * (values.first ?? .nan) }
        try input.check(
            "loss falls",
            .condition(
                run == nil ? nil : falls(train) && falls(test),
                shown:
                    "\(formatted(train.first, 4)) → \(formatted(train.last, 4)) / \(formatted(test.first, 4)) → \(formatted(test.last, 4))"
            ))
    }

    /// Fig. 4's checks, for the figure the spec draws: the loss drops after the first rate cut.
    private static func schedulerFigure(_ input: ReportHookInput, _ with: RunResult?) throws {
        let a = with?.history.epochs.map(\.trainLoss) ?? []
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
    }

    /// Fig. 5's check, for the figure the spec draws: dropout in train mode makes the test loss jitter.
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
    }
}
