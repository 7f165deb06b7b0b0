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
        let document = input.document
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
            document.gate(
                "Fig. 4", "ORDER: training loss < validation loss at the last epoch (\(records.count))",
                paper: "overfitting after two epochs",
                reproduced: "\(formatted(last?.trainLoss, 4)) vs \(formatted(last?.testLoss, 4))", condition: .order,
                holds: (last?.trainLoss ?? .nan) < (last?.testLoss ?? .nan))
        } else {
            let decreasing = zip(raw, raw.dropFirst()).filter { $1 < $0 }.count
            document.gate(
                "Fig. 5", "loss over the first 20 batches decreases (steps that decrease)", paper: "decreases smoothly",
                reproduced:
                    "\(decreasing)/\(max(raw.count - 1, 0)), \(formatted(raw.first, 3)) → \(formatted(raw.last, 3))",
                condition: .shape("last < first, ≥ 75 % of steps"),
                holds: (raw.last ?? .nan) < (raw.first ?? .nan) && Double(decreasing) >= 0.75 * Double(raw.count - 1))
            let first = records.first
            document.gate(
                "Fig. 5", "ORDER: validation loss < running training loss at epoch 1",
                paper: "validation significantly smaller",
                reproduced: "\(formatted(first?.testLoss, 4)) vs \(formatted(first?.trainLoss, 4))", condition: .order,
                holds: (first?.testLoss ?? .nan) < (first?.trainLoss ?? .nan))
            document.note(
                "Fig. 5", "final validation loss > Fig. 4's", paper: "larger than SGD's",
                reproduced:
                    "\(formatted(records.last?.testLoss, 4)) vs \(formatted(reference?.history.last?.testLoss, 4))",
                tolerance: .soft())
            crossoverNote(document, records)
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
