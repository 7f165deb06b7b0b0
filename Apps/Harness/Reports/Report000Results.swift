import Backprop
import Foundation

/// Report 000's figures and table of its runs: Figs. 2-4 (each network's loss and error per
/// epoch, degenerate runs drawn on their own) and Table 5 (error rates, variation and time).
extension Report000 {
    static func performanceFigure(_ input: ReportHookInput, network: Network, runs: [RunResult]) throws {
        let figure = Figure(columns: 2)
        let loss = figure.axes(0, 0)
        let error = figure.axes(0, 1)
        loss.title = "(a) training loss"
        loss.xLabel = "epoch"
        loss.yLabel = network.lossName
        loss.yScale = .logarithmic
        error.title = "(b) error rate"
        error.xLabel = "epoch"
        error.yLabel = "error (%)"
        let degenerate = runs.filter(Self.isDegenerate)
        let healthy = runs.filter { !Self.isDegenerate($0) }
        let lossSeries = runs.map { $0.history.epochs.map(\.trainLoss) }
        // The bands summarise the runs that trained; a degenerate run (a constant output) is drawn on its own,
        // since averaging it in would describe no run at all.
        let banded = healthy.isEmpty ? runs : healthy
        let which = degenerate.isEmpty || healthy.isEmpty ? "" : "non-degenerate "
        CurveFigures.band(
            loss, banded.map { $0.history.epochs.map(\.trainLoss) }, label: "\(which)training loss",
            color: Color.cycle(0))
        CurveFigures.band(
            error, banded.map { $0.history.epochs.map { 100 * (1 - ($0.trainEvaluationAccuracy ?? .nan)) } },
            label: "\(which)train", color: Color.cycle(0))
        CurveFigures.band(
            error, banded.map { $0.history.epochs.map { 100 * (1 - ($0.testAccuracy ?? .nan)) } },
            label: "\(which)test", color: Color.cycle(1))
        for (index, run) in degenerate.enumerated() where !healthy.isEmpty {
            let style = LineStyle(color: .gray, width: 0.8)
            loss.plot(run.history.epochs.map(\.trainLoss), label: index == 0 ? "degenerate runs" : nil, style: style)
            error.plot(
                run.history.epochs.map { 100 * (1 - ($0.testAccuracy ?? .nan)) },
                label: index == 0 ? "degenerate runs (test)" : nil, style: style)
        }
        let finalTest = runs.compactMap(\.finalTestAccuracy).map { 100 * (1 - $0) }
        let finalFirst = lossSeries.compactMap(\.first)
        let finalLast = lossSeries.compactMap(\.last)
        let decreasing = zip(finalFirst, finalLast).filter { $1 < $0 }.count
        try input.check(
            "loss falls",
            .condition(decreasing >= healthy.count && !runs.isEmpty, shown: "\(decreasing)/\(runs.count) runs"))
        try input.addFigure(
            figure,
            numbers: [
                "final_test_error_percent": finalTest, "degenerate_runs": degenerate.count,
                "epochs": runs.first?.history.epochs.count ?? 0,
            ],
            [
                "runs": degenerate.isEmpty || healthy.isEmpty
                    ? "\(runs.count) runs" : "the \(healthy.count) of \(runs.count) runs that trained"
            ])
    }

    static func resultsTable(_ input: ReportHookInput, _ networks: [Network], _ outcomes: [String: [RunResult]]) throws
    {
        var rows: [[String]] = []
        var meanTest: [String: Double] = [:]
        var variances: [String: Double] = [:]
        var times: [String: Double] = [:]
        for network in networks {
            let runs = outcomes[network.name] ?? []
            let train = runs.map { 100 * (1 - ($0.finalTrainAccuracy ?? 0)) }
            let test = runs.map { 100 * (1 - ($0.finalTestAccuracy ?? 0)) }
            let degenerate = runs.filter(Self.isDegenerate).count
            let time = Statistics.mean(runs.map(\.seconds))
            (meanTest[network.name], variances[network.name], times[network.name]) = (
                Statistics.mean(test), Statistics.variance(test), time
            )
            let p = network.paper
            rows.append([
                network.inPaper ? network.name : "\(network.name) (not in the paper)",
                p.map { formatted($0.trainError) } ?? "—",
                "\(meanStd(train)) (median \(formatted(Statistics.median(train))))",
                p.map { formatted($0.testError) } ?? "—",
                "\(meanStd(test)) (median \(formatted(Statistics.median(test))))",
                p.map { "\(formatted($0.trainVariation)) / \(formatted($0.testVariation))" } ?? "—",
                "\(formatted(Statistics.variance(train))) / \(formatted(Statistics.variance(test)))",
                "\(degenerate)/\(runs.count)", p.map { formatted($0.seconds) } ?? "—", formatted(time, 3),
            ])
            guard network.inPaper else { continue }
            let name = network.name
            let (trainMean, testMean) = (Statistics.mean(train), Statistics.mean(test))
            let (trainMedian, testMedian) = (Statistics.median(train), Statistics.median(test))
            let (trainVariance, testVariance) = (Statistics.variance(train), Statistics.variance(test))
            let measured: [(String, HookMeasurement)] = [
                ("mean train error", .number(trainMean, shown: formatted(trainMean))),
                ("mean test error", .number(testMean, shown: formatted(testMean))),
                ("train variance", .number(trainVariance, shown: formatted(trainVariance))),
                ("test variance", .number(testVariance, shown: formatted(testVariance))),
                ("median train error", .number(trainMedian, shown: formatted(trainMedian))),
                ("median test error", .number(testMedian, shown: formatted(testMedian))),
                (
                    "mean errors",
                    .condition(
                        nil, shown: "\(formatted(trainMean)) / \(formatted(testMean)) (\(degenerate) degenerate)")
                ),
                (
                    "test errors",
                    .condition(
                        nil,
                        shown:
                            "\(formatted(testMean)) / \(formatted(testMedian)) (\(degenerate) of \(runs.count) degenerate)"
                    )
                ),
            ]
            for (quantity, measurement) in measured {
                try input.check("\(name) \(quantity)", measurement, optional: true)
            }
        }
        let ann3Lowest = (meanTest["ANN3"] ?? .nan) < min(meanTest["ANN1"] ?? .nan, meanTest["ANN2"] ?? .nan)
        try input.check("ANN3 lowest", .condition(nil, shown: ann3Lowest ? "yes" : "no"))
        let ann2Largest = (variances["ANN2"] ?? .nan) > max(variances["ANN1"] ?? .nan, variances["ANN3"] ?? .nan)
        try input.check("ANN2 largest variation", .condition(nil, shown: ann2Largest ? "yes" : "no"))
        let ratio = (times["ANN3"] ?? .nan) / (times["ANN1"] ?? .nan)
        try input.check("time ratio", .number(ratio, shown: formatted(ratio)))
        try input.addTable(
            markdownTable(
                [
                    "ANN", "Train error % (paper)", "Train error % (ours: mean ± std)", "Test error % (paper)",
                    "Test error % (ours)", "Variation train / test (paper)", "Variance train / test (ours)",
                    "degenerate", "Time s (paper)", "Time s (ours)",
                ], rows), ["epochs": "\(networks.first?.epochs ?? 0)", "trials": "\(networks.first?.trials ?? 0)"])
    }
}
