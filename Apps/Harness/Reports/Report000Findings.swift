import Backprop
import Foundation

/// Report 000's finding: ANN2's Table 5 row is n/c because the stated N(0, 1) init leaves most runs degenerate.
extension Report000 {
    static let degenerateFinding = "000-ann2-degenerate-runs"

    /// Whether a run ended degenerate (final training accuracy below 80 %).
    static func isDegenerate(_ run: RunResult) -> Bool { (run.finalTrainAccuracy ?? 0) < 0.8 }

    static func addFindings(_ input: ReportHookInput, _ networks: [Network], _ outcomes: [String: [RunResult]]) throws {
        guard let ann2 = networks.first(where: { $0.name == "ANN2" }), let paperError = ann2.paperTestError,
            let xavier = networks.first(where: { !$0.inPaper })
        else { return }
        let testError = { (runs: [RunResult]) in runs.map { 100 * (1 - ($0.finalTestAccuracy ?? 0)) } }
        let faithful = outcomes[ann2.name] ?? []
        let supplementary = outcomes[xavier.name] ?? []
        let healthy = faithful.filter { !Self.isDegenerate($0) }
        let degenerate = faithful.filter(Self.isDegenerate)
        let row = { (label: String, runs: [RunResult]) -> [String] in
            let errors = testError(runs)
            return [
                label, "\(runs.count)", runs.isEmpty ? "—" : meanStd(errors),
                runs.isEmpty ? "—" : formatted(Statistics.median(errors)),
            ]
        }
        let rows = [
            ["paper", "10", formatted(paperError), "—"],
            row("\(ann2.name), N(0, 1), all runs", faithful),
            row("\(ann2.name), N(0, 1), non-degenerate runs", healthy),
            row("\(ann2.name), N(0, 1), degenerate runs", degenerate),
            row("\(xavier.name) (Xavier-normal init, not in the paper)", supplementary),
        ]
        let degenerateAccuracy = degenerate.compactMap(\.finalTrainAccuracy).map { 100 * $0 }
        let healthyMean = Statistics.mean(testError(healthy))
        let xavierMean = Statistics.mean(testError(supplementary))
        let allMean = Statistics.mean(testError(faithful))
        let explained =
            !healthy.isEmpty && abs(healthyMean - paperError) <= 1.0 && abs(xavierMean - paperError) <= 2.5
        try input.addFinding(
            Self.degenerateFinding,
            FindingResult(
                conclusion: explained
                    ? "explained"
                    : healthy.isEmpty || healthyMean >= allMean / 2 ? "not explained" : "partly explained",
                numbers: [
                    markdownTable(["runs", "n", "test error % (mean ± std)", "median"], rows)
                        + "\n\nDegenerate runs end at training accuracy \(degenerateAccuracy.map { formatted($0, 1) }.joined(separator: ", ")) %: the class balance of the disk data, i.e. a constant output."
                ],
                values: [
                    "epochs": "\(ann2.epochs)", "paper": formatted(paperError), "allMean": formatted(allMean),
                    "healthyMean": formatted(healthyMean), "xavierMean": formatted(xavierMean),
                    "lowerMean": formatted(min(healthyMean, xavierMean)),
                    "higherMean": formatted(max(healthyMean, xavierMean)),
                ],
                testCases: [0: healthy.isEmpty ? "all degenerate" : "some trained"]))
    }
}
