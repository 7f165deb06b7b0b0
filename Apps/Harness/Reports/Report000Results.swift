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

    /// Table 5's checks that no statistic states (the degenerate runs' share), for the table the spec draws.
    static func resultsTable(_ input: ReportHookInput, _ networks: [Network], _ outcomes: [String: [RunResult]]) throws
    {
        for network in networks where network.inPaper {
            let runs = outcomes[network.name] ?? []
            let train = runs.map { 100 * (1 - ($0.finalTrainAccuracy ?? 0)) }
            let test = runs.map { 100 * (1 - ($0.finalTestAccuracy ?? 0)) }
            let degenerate = runs.filter(Self.isDegenerate).count
            let (trainMean, testMean) = (formatted(Statistics.mean(train)), formatted(Statistics.mean(test)))
            let testMedian = formatted(Statistics.median(test))
            try input.check(
                "\(network.name) mean errors",
                .condition(nil, shown: "\(trainMean) / \(testMean) (\(degenerate) degenerate)"), optional: true)
            try input.check(
                "\(network.name) test errors",
                .condition(nil, shown: "\(testMean) / \(testMedian) (\(degenerate) of \(runs.count) degenerate)"),
                optional: true)
        }
        input.fill(["epochs": "\(networks.first?.epochs ?? 0)", "trials": "\(networks.first?.trials ?? 0)"])
    }
}
