import Backprop
import Foundation

/// Report 004's single-run MNIST figures: Fig. 4 (SGD, batch 1) and Fig. 5 (mini-batches of 1,000).
extension Report004 {
    /// The two single-run MNIST figures: Fig. 4 (SGD, batch 1) and Fig. 5 (mini-batches of 1,000).
    enum TrainingFigure: String {
        case stochastic = "4"
        case miniBatch = "5"
        var number: String { rawValue }
    }

    func mnistFigure(
        _ document: ReportDocument, _ training: TrainingFigure, title: String, run: RunResult?, stepLabel: String,
        reference: RunResult? = nil
    ) {
        let number = training.number
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
        document.addFigure(
            number: number, title: title,
            caption:
                "784 → Linear(784, 300) → sigmoid → Linear(300, 10) → softmax with cross-entropy, gradients summed over the batch (E004-7), plain SGD, \(training == .stochastic ? "batch 1, lr 1e-2" : "batch 1,000 (55 batches per epoch), lr 1e-3"), \(records.count) epoch(s) on 55,000 standardised images; validation on the last 5,000 training images\(training == .stochastic ? " every 5,000 steps and after each epoch" : " after each of the first 20 batches and each epoch").",
            proposals: [
                "UNSTATED → PROPOSAL (E004-11): w, v ~ N(0, 1/fan_in), b = c = 0; one global mean and std from the 55,000 training images."
            ]
                + (training == .miniBatch
                    ? [
                        "PROPOSAL (E004-9): “1000 batches for each epochs” read as batch size 1,000; the other reading is batch size 55."
                    ] : []),
            figure: figure,
            numbers: [
                "epoch_train_loss": records.map(\.trainLoss),
                "epoch_validation_loss": records.map { $0.testLoss ?? .nan },
                "epoch_validation_accuracy": records.map { $0.testAccuracy ?? .nan },
            ])
    }
}
