import Backprop

/// Report 003 Table 12's lr 0.1 row: its test accuracy was within ±1 pp of the paper's with
/// OpenBLAS's SkylakeX kernels (96.76 %) and is 1.32 pp below it with the Haswell kernels (96.10 %),
/// the same run under the same cache key. The finding runs two more seeds to tell a reading at
/// the edge of the band from a real gap.
extension Report003 {
    func largeRateFinding(_ results: (RunRequest) -> RunResult?) -> Finding {
        let row = paper12.first { $0.value == 0.1 }!
        let paper = row.results
        let quantity = "learning rate 0.1: test accuracy (%)"
        guard let band = report.spec.checks?.first(where: { $0.quantity == quantity })?.tolerance.amount else {
            preconditionFailure("report 003's spec has no check \"\(quantity)\"")
        }
        let seeds =
            [results(request(baseline, rate: 0.1))]
            + rateSeedExperiments().map {
                results($0.request)
            }
        let tests = seeds.compactMap(\.?.finalTestAccuracy).map { 100 * $0 }
        let paperTest = 100 * paper.testAccuracy
        let within = tests.filter { abs($0 - paperTest) <= band }.count
        let meanWithin = abs(Statistics.mean(tests) - paperTest) <= band
        let conclusion: Finding.Conclusion =
            meanWithin
            ? .explained(
                "The row sits at the edge of its band: lr 0.1 is the largest rate that still trains, and its final accuracy moves by about a point with the seed and with the last bits of every product (the kernel family changes them). The mean of three seeds is within ±1 pp; the gated row keeps seed 0."
            )
            : .notExplained(
                "The three-seed mean, \(formatted(Statistics.mean(tests))) %, misses the paper's \(formatted(paperTest)) % by more than \(formatted(band, 0)) pp, so the miss is not one unlucky run: at lr 0.1 our network ends about a point below the paper's. The earlier pass (96.76 % with SkylakeX kernels) was a reading at the top of this spread."
            )
        return Finding(
            id: FindingID.largeRateTestAccuracy.rawValue,
            title: "Table 12, lr 0.1: test accuracy about 1.3 pp below the paper's",
            tests: [
                Finding.Test(
                    hypothesis:
                        "One run at the largest stable rate: the miss is seed-to-seed and rounding variation, not a different method (with SkylakeX kernels the same run gave 96.76 %, a pass).",
                    experiment: "The row with two more seeds (100 epochs each).",
                    numbers: markdownTable(
                        ["row", "paper test acc (%)", "ours, seeds 0, 1, 2 (%)", "mean ± std", "seeds within ±1 pp"],
                        [
                            [
                                "lr 0.1", formatted(paperTest), tests.map { formatted($0) }.joined(separator: ", "),
                                meanStd(tests), "\(within) of \(tests.count)",
                            ]
                        ]),
                    outcome: meanWithin
                        ? "The three-seed mean is within ±1 pp of the paper."
                        : "The three-seed mean misses by more than 1 pp.")
            ],
            conclusion: conclusion)
    }
}
