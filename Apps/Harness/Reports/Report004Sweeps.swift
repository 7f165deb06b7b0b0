import Backprop
import Foundation

/// Report 004's MNIST sweeps (Figs. 6 and 7) and the final model (Text-3).
extension Report004 {
    /// The two MNIST sweeps: Fig. 6 varies the learning rate at B = 100, Fig. 7 the batch size at lr 1e-3.
    enum Sweep {
        case learningRates, batchSizes

        /// The spec's group of its runs.
        var group: String { self == .learningRates ? "lr" : "B" }

        /// How the figure names a setting of the group's grid ("lr 1e-05", "B = 250").
        func setting(_ gridLabel: Substring) -> String {
            self == .learningRates ? "lr \(gridLabel)" : "B = \(gridLabel)"
        }
    }

    /// Fig. 6 or 7 from the runs of its group, each setting with its finished runs and batch size.
    func sweep(_ input: ReportHookInput, _ sweep: Sweep) throws {
        guard input.dataPresent("mnist") else { return }
        let groups = report.variants(named: [sweep.group]).map { variant in
            (
                sweep.setting(variant.name.dropFirst(sweep.group.count + 1)),
                input.results(variant.name).compactMap { $0 }, variant.recipe(context.mode).training.batchSize
            )
        }
        try sweepFigure(
            input, sweep, groups: groups,
            explosion: sweep == .learningRates ? explosionSummary(input.result) : "")
    }

    /// One setting's final means over its simulations and the widths of its ±1 std bands: the
    /// loss band's mean half-width over every batch, the accuracy band's over every epoch.
    struct SweepFinal {
        let setting: String, trainLoss: Double, trainAccuracy: Double, validationAccuracy: Double
        let lossBand: Double, accuracyBand: Double
    }

    /// `explosion` is what lr 0.1 and 0.01 did (Fig. 6's explosion check).
    private func sweepFigure(
        _ input: ReportHookInput, _ sweep: Sweep, groups: [(String, [RunResult], Int)], explosion: String = ""
    ) throws {
        let (figure, lossAxes, accuracyAxes) = LossAndAccuracyFigure(
            lossTitle: "training loss per batch (per-sample mean)",
            accuracyTitle: "training accuracy per epoch (running)", xLabel: "epoch",
            width: 1300, height: 480
        ).parts
        var finals: [SweepFinal] = []
        for (index, (label, runs, batch)) in groups.enumerated() {
            let color = Color.cycle(index)
            let perBatch = runs.map { $0.history.iterationLosses }
            let (mean, std) = Statistics.band(perBatch)
            // Smooth each curve over ~1 % of an epoch so bands stay readable.
            let width = max(1, 550 / max(batch / 100, 1) / 10)
            let smoothMean = RunExecutor.windowMeans(mean, width)
            let smoothStd = RunExecutor.windowMeans(std, width)
            let x = smoothMean.indices.map { Double(($0 + 1) * width * batch) / 55000 }
            if runs.count > 1 {
                lossAxes.band(
                    x: x, lower: zip(smoothMean, smoothStd).map { max($0 - $1, 1e-6) },
                    upper: zip(smoothMean, smoothStd).map(+), color: color)
            }
            lossAxes.plot(
                x: x, y: smoothMean, label: "\(label) (\(runs.count) runs)", style: LineStyle(color: color, width: 1.3))
            CurveFigures.band(
                accuracyAxes, runs.map { $0.history.epochs.map(\.trainAccuracy) }, label: label, color: color)
            let finalLoss = Statistics.mean(runs.compactMap { $0.history.last?.trainLoss })
            let finalAccuracy = Statistics.mean(runs.compactMap { $0.history.last?.trainAccuracy })
            let validation = Statistics.mean(runs.compactMap { $0.history.last?.testAccuracy })
            let accuracyBand = Statistics.band(runs.map { $0.history.epochs.map(\.trainAccuracy) }).std
            finals.append(
                SweepFinal(
                    setting: label, trainLoss: finalLoss, trainAccuracy: finalAccuracy, validationAccuracy: validation,
                    lossBand: Statistics.mean(std), accuracyBand: Statistics.mean(accuracyBand)))
        }
        let losses = finals.map(\.trainLoss)
        let accuracies = finals.map(\.trainAccuracy)
        switch sweep {
        case .learningRates:
            let settings = finals.map(\.setting)
            try input.check("loss order", .ordered(losses, groups: settings))
            try input.check("accuracy order", .ordered(accuracies, groups: settings))
            try bandNotes(input, finals)
            try input.check("explosion", .condition(nil, shown: explosion))
        case .batchSizes:
            let converged = finals.allSatisfy { $0.validationAccuracy > 0.9 }
            try input.check(
                "convergence",
                .condition(
                    converged,
                    shown: finals.map { "\($0.setting): \(formatted($0.validationAccuracy, 3))" }.joined(
                        separator: ", ")))
            let worst = finals.min { $0.trainAccuracy < $1.trainAccuracy }?.setting ?? "—"
            try input.check("lowest accuracy", .condition(nil, shown: "lowest: \(worst)"))
            try batchNotes(input, finals)
        }
        let table = markdownTable(
            ["setting", "final train loss (mean)", "final train accuracy", "final validation accuracy"],
            finals.map {
                [
                    $0.setting, formatted($0.trainLoss, 4), formatted($0.trainAccuracy, 4),
                    formatted($0.validationAccuracy, 4),
                ]
            })
        try input.addFigure(
            figure,
            numbers: [
                "finals": finals.map {
                    [
                        "setting": $0.setting, "train_loss": $0.trainLoss, "train_accuracy": $0.trainAccuracy,
                        "validation_accuracy": $0.validationAccuracy,
                    ]
                }
            ],
            [
                "epochs": "\(groups.first?.1.first?.history.epochs.count ?? 0)",
                "simulations": "\(groups.first?.1.count ?? 0)", "table": table,
            ])
    }

    /// Text-3's paragraph; the spec's check judges its accuracy.
    func finalModel(_ document: ReportDocument, _ run: RunResult?) {
        let accuracy = 100 * (run?.finalTestAccuracy ?? .nan)
        let printed = report.spec.paper?.first { $0.label == "Text-3" }?.values["test accuracy (%)"]?.number
        document.addText(
            "### Text-3: final model\n\nlr 1e-3, batch 500, \(run?.history.epochs.count ?? 0) epochs on all 60,000 training images (standardised with their own statistics), tested on the 10,000 test images: **\(formatted(accuracy)) %** (paper \(formatted(printed)) %).\n",
            checksOf: "Text-3")
    }
}
