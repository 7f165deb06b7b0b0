import Backprop
import Foundation

/// Report 004's single-run MNIST figures: Fig. 4 (SGD, batch 1) and Fig. 5 (mini-batches of 1,000).
extension Report004 {
    /// The two single-run MNIST figures: Fig. 4 (SGD, batch 1) and Fig. 5 (mini-batches of 1,000).
    enum TrainingFigure {
        case stochastic, miniBatch
    }

    func mnistFigure(
        _ input: ReportHookInput, _ training: TrainingFigure, run: RunResult?, stepLabel: String,
        reference: RunResult? = nil
    ) throws {
        let figure = Figure(columns: 3, width: 1500, height: 430)
        let steps = figure.axes(0, 0)
        let epochsAxes = figure.axes(0, 1)
        let accuracy = figure.axes(0, 2)
        steps.title = training == .stochastic ? "loss against step (first 250,000)" : "loss against batch (first 20)"
        steps.xLabel = stepLabel
        steps.yScale = .logarithmic
        epochsAxes.title = "loss against epoch"
        epochsAxes.xLabel = "epoch"
        accuracy.title = "accuracy against epoch"
        accuracy.xLabel = "epoch"
        guard let run else { return }
        let raw = run.history.iterationLosses
        if training == .stochastic {
            steps.plot(
                x: raw.indices.map { Double($0 + 1) }, y: raw, label: "training (per step)",
                style: LineStyle(color: Color.cycle(0).withAlpha(0.25), width: 0.6))
            let average = stride(from: 0, to: raw.count, by: 1000).map { start in
                Statistics.mean(Array(raw[start..<min(start + 1000, raw.count)]))
            }
            steps.plot(
                x: average.indices.map { Double($0 * 1000 + 500) }, y: average, label: "training (1,000-step mean)",
                style: LineStyle(color: Color.cycle(0)))
        } else {
            steps.plot(
                x: raw.indices.map { Double($0 + 1) }, y: raw, label: "training batch (per-sample mean)",
                style: LineStyle(marker: .circle, markerSize: 4))
        }
        let periodic = run.history.periodicEvaluations.filter { training == .stochastic || $0.iteration <= 20 }
        steps.plot(
            x: periodic.map { Double($0.iteration) }, y: periodic.map(\.loss), label: "validation",
            style: LineStyle(color: Color.cycle(1), marker: .circle, markerSize: 4))
        let records = run.history.epochs
        let x = records.map { Double($0.epoch) }
        epochsAxes.plot(
            x: x, y: records.map(\.trainLoss), label: "training (running mean)", style: LineStyle(marker: .circle))
        epochsAxes.plot(
            x: x, y: records.map { $0.testLoss ?? .nan }, label: "validation (end of epoch)",
            style: LineStyle(marker: .square))
        accuracy.plot(
            x: x, y: records.map(\.trainAccuracy), label: "training (running)", style: LineStyle(marker: .circle))
        accuracy.plot(
            x: x, y: records.map { $0.testAccuracy ?? .nan }, label: "validation", style: LineStyle(marker: .square))
        if training == .stochastic {
            let last = records.last
            try input.check(
                "overfitting",
                .condition(
                    (last?.trainLoss ?? .nan) < (last?.testLoss ?? .nan),
                    shown: "\(formatted(last?.trainLoss, 4)) vs \(formatted(last?.testLoss, 4))"),
                ["epochs": "\(records.count)"])
        } else {
            let decreasing = zip(raw, raw.dropFirst()).filter { $1 < $0 }.count
            try input.check(
                "first batches",
                .condition(
                    (raw.last ?? .nan) < (raw.first ?? .nan) && Double(decreasing) >= 0.75 * Double(raw.count - 1),
                    shown:
                        "\(decreasing)/\(max(raw.count - 1, 0)), \(formatted(raw.first, 3)) → \(formatted(raw.last, 3))"
                ))
            let first = records.first
            try input.check(
                "first epoch",
                .condition(
                    (first?.testLoss ?? .nan) < (first?.trainLoss ?? .nan),
                    shown: "\(formatted(first?.testLoss, 4)) vs \(formatted(first?.trainLoss, 4))"))
            try input.check(
                "final loss",
                .condition(
                    nil,
                    shown:
                        "\(formatted(records.last?.testLoss, 4)) vs \(formatted(reference?.history.last?.testLoss, 4))")
            )
            try crossoverNote(input, records)
        }
        try input.addFigure(
            figure,
            numbers: [
                "epoch_train_loss": records.map(\.trainLoss),
                "epoch_validation_loss": records.map { $0.testLoss ?? .nan },
                "epoch_validation_accuracy": records.map { $0.testAccuracy ?? .nan },
            ], ["epochs": "\(records.count)"])
    }
}
