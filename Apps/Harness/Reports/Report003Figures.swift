import Backprop
import Foundation

/// Report 003's training-process figures: Fig. 2 (each model against iteration), Fig. 3 (all
/// models per epoch) and Figs. 4–6 (the sweeps).
extension Report003 {
    /// Iteration axis of 50-iteration windows.
    private func windowX(_ run: RunResult) -> [Double] { run.windowLosses.indices.map { Double(($0 + 1) * 50) } }

    func figure2(_ input: ReportHookInput) throws {
        guard input.dataPresent("mnist") else { return }
        let document = input.document
        let models = models
        let runs = modelRuns(input)
        let parts: [(String, Range<Int>)] = [("a", 0..<4), ("b", 4..<8), ("c", 8..<11)]
        for (part, range) in parts {
            let figure = Figure(rows: range.count, columns: 2, width: 1000, height: 260 * range.count)
            var numbers: [String: Any] = [:]
            for (row, index) in range.enumerated() {
                let model = models[index]
                let lossAxes = figure.axes(row, 0)
                let accuracyAxes = figure.axes(row, 1)
                lossAxes.title = "\(model.name): loss"
                accuracyAxes.title = "\(model.name): accuracy"
                lossAxes.yScale = .logarithmic
                lossAxes.xLabel = row == range.count - 1 ? "iteration" : nil
                accuracyAxes.xLabel = lossAxes.xLabel
                guard let run = runs[index] else { continue }
                lossAxes.plot(
                    x: windowX(run), y: run.windowLosses, label: "train (50-iteration mean)",
                    style: LineStyle(width: 1.2))
                accuracyAxes.plot(
                    x: windowX(run), y: run.windowAccuracies, label: "train (50-iteration mean)",
                    style: LineStyle(color: Color.cycle(1), width: 1.2))
                numbers[model.name] = [
                    "final_window_loss": run.windowLosses.last ?? .nan,
                    "final_window_accuracy": run.windowAccuracies.last ?? .nan,
                ]
            }
            try input.addFigure(
                figure, numbers: numbers, ["continued": part == "a" ? "" : "continued, ", "part": part], part: part)
        }
        if let extra = runs[10] {
            try document.requiring([extra]) {
                try input.check(
                    "flat extra run",
                    .number(extra.windowAccuracies.last ?? 1, shown: formatted(extra.windowAccuracies.last, 4)),
                    item: "Fig. 2c")
            }
        }
    }

    func figure3(_ input: ReportHookInput) throws {
        guard input.dataPresent("mnist") else { return }
        let document = input.document
        let runs = modelRuns(input)
        let (figure, lossAxes, accuracyAxes) = LossAndAccuracyFigure(
            lossTitle: "training loss (log scale; MSE and SCE differ in scale)", accuracyTitle: "training accuracy",
            xLabel: "epoch",
            width: 1300, height: 520
        ).parts
        var early: [String: Double] = [:]
        var epochOne: [(model: Model, accuracy: Double)] = []
        for (index, model) in models.enumerated().prefix(10) {
            guard let run = runs[index] else { continue }
            let perEpoch = 12
            let losses = RunExecutor.windowMeans(run.windowLosses, perEpoch)
            let accuracies = RunExecutor.windowMeans(run.windowAccuracies, perEpoch)
            let style = LineStyle(color: Color.cycle(index), width: 1.4, dash: model.loss == .mse ? [5, 3] : [])
            lossAxes.plot(x: losses.indices.map { Double($0 + 1) }, y: losses, label: model.name, style: style)
            accuracyAxes.plot(x: accuracies.indices.map { Double($0 + 1) }, y: accuracies, style: style)
            early[model.name] = accuracies.first ?? .nan
            epochOne.append((model, accuracies.first ?? .nan))
        }
        let meanAccuracy = { (included: (Model) -> Bool) in
            Statistics.mean(epochOne.filter { included($0.model) }.map(\.accuracy))
        }
        let sce = meanAccuracy { $0.loss == .sce }
        let mse = meanAccuracy { $0.loss == .mse }
        let relu = meanAccuracy { $0.depth > 0 && $0.activation == "relu" }
        let sigmoid = meanAccuracy { $0.depth > 0 && $0.activation == "sigmoid" }
        try document.requiring(Array(runs.prefix(10))) {
            try input.check("SCE faster", .condition(sce > mse, shown: "\(formatted(sce, 4)) vs \(formatted(mse, 4))"))
            try input.check(
                "ReLU faster", .condition(relu > sigmoid, shown: "\(formatted(relu, 4)) vs \(formatted(sigmoid, 4))"))
        }
        try input.addFigure(figure, numbers: ["epoch1_accuracy": early])
    }

    func sweepFigure(_ input: ReportHookInput, _ sweep: Sweep) throws {
        guard input.dataPresent("mnist") else { return }
        let runs = sweepRuns(input, sweep)
        let (figure, lossAxes, accuracyAxes) = LossAndAccuracyFigure(
            lossTitle: "(a) Training Loss against Iteration", accuracyTitle: "(b) Training Accuracy against Iteration",
            xLabel: "iteration",
            width: 1300, height: 500
        ).parts
        if sweep == .batchSize { for axes in [lossAxes, accuracyAxes] { axes.xScale = .logarithmic } }
        var numbers: [String: Any] = [:]
        for (index, (value, run)) in runs.enumerated() {
            let label = sweep == .batchSize ? "B = \(Int(value))" : "\(sweep.rawValue) \(sweep.display(value))"
            if let run {
                // Past the palette's ten colours, curves are dashed so no two share a look.
                let style = LineStyle(
                    color: Color.cycle(index), width: 1.1, dash: index >= Color.palette.count ? [6, 3] : [])
                lossAxes.plot(x: windowX(run), y: run.windowLosses, label: label, style: style)
                accuracyAxes.plot(x: windowX(run), y: run.windowAccuracies, style: style)
            }
            let (trainLoss, trainAccuracy) = lastEpoch(run)
            numbers[label] = [
                "train_loss": trainLoss, "train_accuracy": trainAccuracy, "test_loss": run?.finalTestLoss ?? .nan,
                "test_accuracy": run?.finalTestAccuracy ?? .nan, "diverged": run?.history.diverged ?? false,
            ]
        }
        // A diverging run's finite losses reach 1e27; cap the loss axis at ten times the largest loss of
        // the runs that did not diverge, so theirs stay readable (the diverging curve leaves through the top).
        let finished = runs.compactMap(\.run)
        let settled = finished.filter { !$0.history.diverged }.flatMap(\.windowLosses).filter(\.isFinite)
        var capped = false
        if let largest = settled.max(), let smallest = settled.filter({ $0 > 0 }).min(),
            finished.contains(where: { $0.history.diverged })
        {
            lossAxes.yLimits = smallest / 2...largest * 10
            capped = true
        }
        try input.addFigure(
            figure, numbers: numbers,
            [
                "capped": capped
                    ? ", and the loss axis stops at ten times the largest loss of the runs that did not diverge" : ""
            ])
    }
}
