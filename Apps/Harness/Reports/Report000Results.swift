import Backprop
import Foundation

/// Report 000's figures and table of its runs: Figs. 2-4 (each network's loss and error per
/// epoch, degenerate runs drawn on their own) and Table 5 (error rates, variation and time).
extension Report000 {
    static func performanceFigure(_ input: ReportHookInput, network: Network, runs: [RunResult]) throws {
        let document = input.document
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
        document.gate(
            input.renderedItem.id, "\(network.name): training loss falls (runs whose last epoch < first)",
            paper: "curves decrease and flatten", reproduced: "\(decreasing)/\(runs.count) runs",
            condition: .shape("all healthy runs"), holds: decreasing >= healthy.count && !runs.isEmpty)
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
        let document = input.document
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
            let p = network.paper?.row
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
            guard let (p, gate) = network.paper else { continue }
            let name = network.name
            switch gate {
            case .means:
                let trainMean = Statistics.mean(train)
                let testMean = Statistics.mean(test)
                document.gate(
                    "Table 5", "\(name) mean train error (%)", paper: formatted(p.trainError),
                    expected: p.trainError, measured: trainMean, shown: formatted(trainMean),
                    tolerance: .absolute(0.5, unit: "pp"))
                document.gate(
                    "Table 5", "\(name) mean test error (%)", paper: formatted(p.testError),
                    expected: p.testError, measured: testMean, shown: formatted(testMean),
                    tolerance: .absolute(0.7, unit: "pp"))
                let vTrain = Statistics.variance(train)
                let vTest = Statistics.variance(test)
                document.gate(
                    "Table 5", "\(name) variance train (%²)", paper: "\(p.trainVariation)", expected: p.trainVariation,
                    measured: vTrain, shown: formatted(vTrain), tolerance: .ratio(4))
                document.gate(
                    "Table 5", "\(name) variance test (%²)", paper: "\(p.testVariation)", expected: p.testVariation,
                    measured: vTest, shown: formatted(vTest), tolerance: .ratio(4))
            case .medians:
                let trainMedian = Statistics.median(train)
                let testMedian = Statistics.median(test)
                document.gate(
                    "Table 5", "\(name) median train error (%)", paper: formatted(p.trainError),
                    expected: p.trainError, measured: trainMedian, shown: formatted(trainMedian),
                    tolerance: .absolute(1, unit: "pp"))
                document.gate(
                    "Table 5", "\(name) median test error (%)", paper: formatted(p.testError),
                    expected: p.testError, measured: testMedian, shown: formatted(testMedian),
                    tolerance: .absolute(1, unit: "pp"))
                document.note(
                    "Table 5", "\(name) mean train / test error (%)", paper: "\(p.trainError) / \(p.testError)",
                    reproduced:
                        "\(formatted(Statistics.mean(train))) / \(formatted(Statistics.mean(test))) (\(degenerate) degenerate)",
                    tolerance: .soft("matches only without degenerate runs"))
            case .notComparable:
                document.note(
                    "Table 5", "\(name) mean / median test error (%)", paper: formatted(p.testError),
                    reproduced:
                        "\(formatted(Statistics.mean(test))) / \(formatted(Statistics.median(test))) (\(degenerate) of \(runs.count) degenerate)",
                    tolerance: .notComparable("N(0,1) init saturates the sigmoid output, E000-13"),
                    finding: Self.degenerateFinding)
            }
        }
        let ann3Lowest = (meanTest["ANN3"] ?? .nan) < min(meanTest["ANN1"] ?? .nan, meanTest["ANN2"] ?? .nan)
        document.note(
            "Table 5", "ORDER: ANN3 has the lowest mean test error", paper: "yes",
            reproduced: ann3Lowest ? "yes" : "no", tolerance: .soft())
        let ann2Largest = (variances["ANN2"] ?? .nan) > max(variances["ANN1"] ?? .nan, variances["ANN3"] ?? .nan)
        document.note(
            "Table 5", "ORDER: ANN2 has the largest test variation", paper: "yes",
            reproduced: ann2Largest ? "yes" : "no", tolerance: .soft())
        let ratio = (times["ANN3"] ?? .nan) / (times["ANN1"] ?? .nan)
        document.note(
            "Table 5", "time ratio ANN3 / ANN1", paper: "1.86", reproduced: formatted(ratio), measured: ratio,
            tolerance: .soft("hardware-dependent"))
        try input.addTable(
            markdownTable(
                [
                    "ANN", "Train error % (paper)", "Train error % (ours: mean ± std)", "Test error % (paper)",
                    "Test error % (ours)", "Variation train / test (paper)", "Variance train / test (ours)",
                    "degenerate", "Time s (paper)", "Time s (ours)",
                ], rows), ["epochs": "\(networks.first?.epochs ?? 0)", "trials": "\(networks.first?.trials ?? 0)"])
    }
}
