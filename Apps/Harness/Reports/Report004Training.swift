import Backprop
import Foundation

/// Report 004's checks of its single-run MNIST figures, which its spec draws: Fig. 4 (SGD, batch
/// 1) overfits, and Fig. 5 (mini-batches of 1,000) falls over its first batches and crosses over.
extension Report004 {
    /// Fig. 4: training loss below validation loss at the end.
    func stochasticChecks(_ input: ReportHookInput, run: RunResult?) throws {
        let records = run?.history.epochs ?? []
        let last = records.last
        input.fill(["epochs": "\(records.count)"])
        try input.check(
            "overfitting",
            .condition(
                (last?.trainLoss ?? .nan) < (last?.testLoss ?? .nan),
                shown: "\(formatted(last?.trainLoss, 4)) vs \(formatted(last?.testLoss, 4))"),
            ["epochs": "\(records.count)"])
    }

    /// Fig. 5: the first batches' losses fall, and the epoch where training accuracy overtakes validation.
    func miniBatchChecks(_ input: ReportHookInput, run: RunResult?) throws {
        let raw = run?.history.iterationLosses ?? []
        let records = run?.history.epochs ?? []
        input.fill(["epochs": "\(records.count)"])
        let decreasing = zip(raw, raw.dropFirst()).filter { $1 < $0 }.count
        try input.check(
            "first batches",
            .condition(
                (raw.last ?? .nan) < (raw.first ?? .nan) && Double(decreasing) >= 0.75 * Double(raw.count - 1),
                shown: "\(decreasing)/\(max(raw.count - 1, 0)), \(formatted(raw.first, 3)) → \(formatted(raw.last, 3))"
            ))
        try crossoverNote(input, records)
    }
}
