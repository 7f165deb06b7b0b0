import Backprop
import Foundation

/// Report 002's Swift hooks ("Deep Learning 2020, Assignment 2", VU Amsterdam, vugrad): its spec
/// (`ReportSpecs/002.json`) holds the synthetic runs (sigmoid and ReLU, five seeds) and the CIFAR-10
/// runs (one per learning rate and momentum) as groups, and Table 1's rows and the printed logs as
/// paper rows; these render the items and judge them as the reproduction spec says.
struct Report002 {
    let report: SpecReport
    let context: ReproductionContext

    /// Every hook by the id the spec names.
    static let hooks: [String: ReportHook] = [
        "002.cifar": { input in try Report002(input).cifarTable(input) },
        "002.relu": { try Report002($0).reluListing($0) },
        "002.synthetic": { input in try Report002(input).syntheticFigure(input, number: input.itemNumber) },
    ]

    /// The report with its hooks.
    static var builtIn: SpecReport { BuiltInSpecs.report("002", hooks: hooks) }

    init(report: SpecReport, context: ReproductionContext) { (self.report, self.context) = (report, context) }
    init(_ input: ReportHookInput) { self.init(report: input.report, context: input.context) }

    /// One printed row of Table 1: its label, the settings and the paper's test accuracy (%); the
    /// spec's check of the label says how it is judged.
    struct CIFARRow {
        let label: String, rate: Double, momentum: Double, epochs: Double, paper: Double
        /// What the epochs cell says when the row is run differently from its printed epochs (E002-6).
        var epochsNote: String? { epochs < 2 ? "\(epochs) (run as 2, E002-6)" : nil }
    }

    /// Table 1 as printed, from the spec's paper rows.
    var cifarRows: [CIFARRow] {
        (report.spec.paper ?? []).filter { $0.values["accuracy (%)"] != nil }.map { row in
            let number = { (key: String) in row.values[key]?.number ?? .nan }
            return CIFARRow(
                label: row.label, rate: number("learning rate"), momentum: number("momentum"), epochs: number("epochs"),
                paper: number("accuracy (%)"))
        }
    }

    /// The CIFAR runs, one per (lr, momentum): rows at the same setting share one run evaluated after every epoch.
    func cifarRequests() -> [RunRequest] {
        report.variants(named: ["CIFAR"]).flatMap { report.requests($0, context) }
    }

    func cifarTable(_ input: ReportHookInput) throws {
        let results = input.result
        let missing = context.data.missingCIFARFiles
        let folder = CIFAR10.folder(dataDirectory: context.data.dataDirectory)
        var rows: [[String]] = []
        var accuracy: [String: Double] = [:]
        for row in cifarRows {
            var reproduced = "not run"
            if missing.isEmpty {
                let runs = cifarRequests().filter {
                    $0.training.optimizer.learningRate == row.rate
                        && $0.training.optimizer.settings["momentum"] == .number(row.momentum)
                }
                let epoch = min(Int(max(row.epochs, 2)), runs.first?.training.epochs ?? 0)
                if let run = runs.first.flatMap(results), epoch >= 1, epoch <= run.history.epochs.count,
                    let value = run.history.epochs[epoch - 1].testAccuracy
                {
                    accuracy[row.label] = 100 * value
                    reproduced = "\(formatted(100 * value, 1)) %"
                    try input.check(row.label, .number(100 * value, shown: reproduced))
                }
            } else {
                try input.check(row.label, .missing("CIFAR-10 is missing"))
            }
            rows.append([
                "\(row.rate)", "\(row.momentum)", row.epochsNote ?? "\(Int(row.epochs))", "\(Int(row.paper))%",
                reproduced,
            ])
        }
        try Self.cifarOrderings(input, accuracy: missing.isEmpty ? accuracy : nil)
        let status =
            missing.isEmpty
            ? "Trained on CIFAR-10 from `\(folder)`; rows with the same (lr, momentum) share one run evaluated after every epoch."
            : "**not run: CIFAR-10 binary files missing** in `\(folder)` (expected \(missing.joined(separator: ", ")); \(context.data.whyMissing("cifar10"))). `reproduce run` downloads them unless `--offline` is given; \(CIFAR10.downloadHint)"
        try input.addTable(
            markdownTable(["learning_rate", "momentum", "epoch", "accuracy (paper)", "accuracy (ours)"], rows),
            ["status": status])
    }

    /// Table 1's text claims, the spec's orderings of its rows (lr 0.001 beats 0.0001, accuracy rises
    /// with the epochs, momentum 0.9 beats 0.7), on the reproduced accuracies (%) by paper row; not
    /// run without CIFAR-10 (`accuracy` nil).
    static func cifarOrderings(_ input: ReportHookInput, accuracy: [String: Double]?) throws {
        for ordering in ["rate order", "epoch order", "momentum order"] {
            try input.check(ordering, accuracy.map { .rows($0) } ?? .missing("CIFAR-10 is missing"))
        }
    }

    func reluListing(_ input: ReportHookInput) throws {
        let x = TensorNode(Tensor<Double>([-1, 0, 2]))
        let y = try? x.relu()
        if let y { try? (y * TensorNode(Tensor([1, 1, 1]))).sum().backward() }
        let forward = y?.value.scalars ?? []
        let derivative = x.grad?.scalars ?? []
        try input.document.requiring([]) {
            try input.check(
                "relu",
                .condition(forward == [0, 0, 2], shown: forward.map { formatted($0, 0) }.joined(separator: ", ")))
            try input.check(
                "derivative",
                .condition(derivative == [0, 0, 1], shown: derivative.map { formatted($0, 0) }.joined(separator: ", ")))
        }
        let figure = Figure(width: 560, height: 360)
        let axes = figure.axes()
        axes.xLabel = "x"
        let xs = stride(from: -2.0, through: 2.0, by: 0.01).map { $0 }
        axes.plot(x: xs, y: xs.map { max(0, $0) }, label: "relu(x) = max(0, x)")
        axes.plot(
            x: xs, y: xs.map { $0 > 0 ? 1 : 0 }, label: "relu′(x): 1 for x > 0, else 0", style: LineStyle(dash: [5, 3]))
        var values: [String: String] = [:]
        for index in 0..<3 {
            values["relu\(index + 1)"] = formatted(forward.count == 3 ? forward[index] : nil, 0)
            values["derivative\(index + 1)"] = formatted(derivative.count == 3 ? derivative[index] : nil, 0)
        }
        try input.addFigure(figure, numbers: ["x": [-1, 0, 2], "relu": forward, "derivative": derivative], values)
    }
}
