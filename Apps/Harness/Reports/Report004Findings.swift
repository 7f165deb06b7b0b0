import Backprop
import Foundation

/// Report 004's findings: the synthetic accuracy of Text-2 (E004-5) and the explosion claimed at
/// lr 0.1 and 0.01 in Fig. 6's text (E004-10).
extension Report004 {
    static let syntheticAccuracyFinding = "004-text-2-accuracy"
    static let explosionFinding = "004-fig-6-explosion"

    /// How one explosion run ended: "diverged at iteration n" or its final loss and validation accuracy.
    private func outcome(_ run: RunResult?) -> String {
        guard let run else { return "no result" }
        if let iteration = run.history.firstNonFiniteIteration {
            return "diverged (non-finite loss at iteration \(iteration))"
        }
        return
            "loss \(formatted(run.history.last?.trainLoss, 4)), validation accuracy \(formatted(run.history.last?.testAccuracy, 4))"
    }

    /// The reproduced cell of the explosion check: what lr 0.1 and 0.01 did here (full mode), or why they were not run.
    func explosionSummary(_ input: ReportHookInput) -> String {
        let runs = explosionRuns(input)
        guard !runs.isEmpty else { return "not run (full mode only)" }
        return runs.map { "lr \($0.rate): \(outcome($0.run))" }.joined(separator: "; ")
    }

    func addFindings(_ input: ReportHookInput) throws {
        try input.addFinding(Self.syntheticAccuracyFinding, syntheticAccuracy(scalarRuns: input.results("scalar")))
        if context.mode == .full, context.data.hasMNIST {
            try input.addFinding(Self.explosionFinding, explosion(input))
        }
    }

    private func syntheticAccuracy(scalarRuns: [RunResult?]) throws -> FindingResult {
        var rows: [[String]] = []
        var minorityRates: [Double] = []
        for (trial, run) in scalarRuns.enumerated() {
            let request = report.request(report.variants(named: ["scalar"])[0], trial: trial, context)
            let split = try context.data.split(request.dataset, random: RandomSource(seed: request.seed))
            let ones = Double(split.test.labels.filter { $0 == 1 }.count) / Double(split.test.count)
            let minority = min(ones, 1 - ones)
            minorityRates.append(minority)
            let epochs = run?.history.epochs ?? []
            rows.append([
                "\(trial)", formatted(100 * minority), formatted(epochs.first?.testAccuracy.map { 100 * $0 }),
                formatted(epochs.compactMap(\.testAccuracy).min().map { 100 * $0 }),
                formatted(run?.finalTestAccuracy.map { 100 * $0 }),
                formatted(run?.finalTestAccuracy.map { 100 * (1 - $0) }),
            ])
        }
        let closest = minorityRates.map { abs(100 * $0 - 45.8) }.min() ?? .nan
        return FindingResult(
            conclusion: closest <= 1.0 ? "minority class" : "no reading",
            numbers: [
                markdownTable(
                    [
                        "seed", "minority class (%)", "accuracy after epoch 1 (%)", "lowest accuracy (%)",
                        "final accuracy (%)", "final error (%)",
                    ], rows)
            ], values: ["closest": formatted(closest, 1)])
    }

    private func explosion(_ input: ReportHookInput) -> FindingResult {
        let explosions = explosionRuns(input)
        let reference = input.first("lr 0.001")
        var rows = explosions.map { rate, run in
            ["\(rate)", "\(rate * 100)", outcome(run), formatted(run?.history.epochs.map(\.trainLoss).max(), 4)]
        }
        rows.append([
            "0.001 (Fig. 6, trial 0)", "0.1", outcome(reference),
            formatted(reference?.history.epochs.map(\.trainLoss).max(), 4),
        ])
        let runs = explosions.map(\.run)
        let exploded = runs.allSatisfy { run in
            run.map { $0.history.diverged || ($0.history.last?.testAccuracy ?? 1) < 0.2 } ?? false
        }
        return FindingResult(
            conclusion: exploded ? "exploded" : "trained",
            numbers: [
                markdownTable(["lr", "mean-rate equivalent", "outcome", "largest epoch train loss (per sample)"], rows)
            ], values: ["trained": "\(runs.filter { !($0?.history.diverged ?? true) }.count)"])
    }
}
