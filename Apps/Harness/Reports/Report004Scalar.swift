import Backprop
import Foundation

/// Report 004's scalar network: Fig. 1 (its diagram), Tables 1–3 (the dry run and the parameters),
/// Fig. 2 (the synthetic data) and Fig. 3 with Text-2 (the scalar network trained on it).
extension Report004 {
    func diagram(_ input: ReportHookInput) throws {
        let figure = Figure(width: 640, height: 420)
        let axes = figure.axes()
        axes.showsGrid = false
        axes.showsLegend = false
        axes.showsAxes = false
        axes.xLimits = -0.5...2.5
        axes.yLimits = -0.5...2.5
        let layers: [[(String, Double)]] = [
            [("x₁", 1.5), ("x₂", 0.5)], [("k₁/h₁", 2), ("k₂/h₂", 1), ("k₃/h₃", 0)], [("z₁/y₁", 1.5), ("z₂/y₂", 0.5)],
        ]
        for (column, nodes) in layers.enumerated() where column < 2 {
            for (_, y) in nodes {
                for (_, next) in layers[column + 1] {
                    axes.plot(
                        x: [Double(column) + 0.2, Double(column) + 0.8], y: [y, next],
                        style: LineStyle(color: .gray, width: 0.8))
                }
            }
        }
        for (column, nodes) in layers.enumerated() {
            for (name, y) in nodes {
                axes.rectangle(
                    x: Double(column) - 0.2, y: y - 0.15, width: 0.4, height: 0.3,
                    fill: Color.cycle(column).withAlpha(0.25).onWhite)
                axes.text(name, x: Double(column), y: y, size: 11)
            }
        }
        axes.text("w (2×3), b", x: 0.5, y: 2.3, size: 10)
        axes.text("v (3×2), c", x: 1.5, y: 2.3, size: 10)
        axes.text("sigmoid", x: 1, y: -0.35, size: 10)
        axes.text("softmax, loss −ln y_c", x: 2, y: -0.35, size: 10)
        try input.addFigure(figure, numbers: ["inputs": 2, "hidden": 3, "outputs": 2])
    }

    func dryRun(_ input: ReportHookInput) throws {
        let document = input.document
        let network = ScalarNetwork(
            w: [[1, 1, 1], [-1, -1, -1]], b: [0, 0, 0], v: [[1, 1], [-1, -1], [-1, -1]], c: [0, 0])
        let g = network.gradients(x: [1, -1], target: [1, 0])
        let round4 = { (value: Double) in (value * 10000).rounded() / 10000 }
        let vRounded = g.v.map { $0.map(round4) }
        try document.requiring([]) {
            try input.check(
                "v gradient", .condition(vRounded.allSatisfy { $0 == [-0.4404, 0.4404] }, shown: "\(vRounded)"))
            try input.check("c gradient", .condition(g.c == [-0.5, 0.5], shown: "\(g.c)"))
            try input.check(
                "w and b gradients",
                .condition(
                    g.w.flatMap { $0 }.allSatisfy { $0 == 0 } && g.b.allSatisfy { $0 == 0 }, shown: "\(g.w), \(g.b)"))
        }
        try input.addTable(
            nil,
            [
                "w": "\(g.w)", "b": "\(g.b)", "v": "\(g.v.map { $0.map { String(format: "%.16f", $0) } })",
                "c": "\(g.c)", "loss": "\(g.loss)",
            ])
    }

    func datasetFigure(_ input: ReportHookInput) throws {
        let document = input.document
        let split = try context.data.split(
            DatasetSpec(name: "syng", trainCount: 60000, testCount: 10000),
            random: RandomSource(seed: context.seed("004-scalar", trial: 0)))
        let figure = Figure(columns: 2)
        for (column, (name, set)) in [
            ("training set (60,000)", split.train), ("test (= validation) set (10,000)", split.test),
        ].enumerated() {
            let axes = figure.axes(0, column)
            axes.title = name
            let shown = min(set.count, 10000)
            let x = (0..<shown).map { Double(set.features.scalars[2 * $0]) }
            let y = (0..<shown).map { Double(set.features.scalars[2 * $0 + 1]) }
            axes.scatter(x: x, y: y, colors: (0..<shown).map { Color.cycle(set.labels[$0]).withAlpha(0.6) }, size: 1.6)
            let boundary = stride(from: 0.0, through: 2 * Double.pi, by: 0.01).map { angle -> (Double, Double) in
                let (c, s) = (cos(angle), sin(angle))
                let r = (SyntheticDataset.threshold / SyntheticDataset.quadratic(c, s, variant: .gist)).squareRoot()
                return (r * c, r * s)
            }
            axes.plot(
                x: boundary.map(\.0), y: boundary.map(\.1), label: "xᵀQx = 0.6",
                style: LineStyle(color: .black, width: 1.5))
            axes.xLabel = "x₁"
            axes.yLabel = "x₂"
        }
        let fraction = split.train.classFractions[1]
        try document.requiring([]) {
            try input.check("class-1 fraction", .number(fraction, shown: formatted(fraction, 4)))
        }
        try input.addFigure(
            figure,
            numbers: ["train_class1_fraction": fraction, "test_class1_fraction": split.test.classFractions[1]])
    }

    /// Fig. 3's checks and Text-2, for the figure the spec draws (the plotted seed is the first).
    func scalarTraining(_ input: ReportHookInput, _ runs: [RunResult?]) throws {
        guard let plotted = runs.first ?? nil else {
            input.fill(["epochs": "—", "updates": "—", "seeds": "\(runs.count)", "final": "—"])
            return
        }
        let epochs = plotted.history.epochs
        let losses = epochs.map { $0.testLoss ?? .nan }
        let total = (losses.first ?? .nan) - (losses.last ?? .nan)
        let before60 = (losses.first ?? .nan) - (losses.count >= 60 ? losses[59] : (losses.last ?? .nan))
        try input.check(
            "convergence",
            .condition(
                total > 0 && before60 / total >= 0.8,
                shown:
                    "\(formatted(100 * before60 / total, 1)) % of \(formatted(losses.first, 4)) → \(formatted(losses.last, 4))"
            ))
        let finals = runs.compactMap { $0?.history.last?.testAccuracy }
        let median = Statistics.median(finals)
        try input.check("final accuracy", .number(median, shown: formatted(median, 4)), ["seeds": "\(finals.count)"])
        let gap = (epochs.last?.testLoss ?? .nan) - (epochs.last?.trainLoss ?? .nan)
        try input.check("overfitting", .number(gap, shown: "gap \(formatted(gap, 4)) at the last epoch"))
        let final = plotted.finalTestAccuracy.map { 100 * $0 }
        try input.check("final accuracy", .number(final, shown: "\(formatted(final ?? .nan)) %"), item: "Text-2")
        input.fill([
            "epochs": "\(epochs.count)", "updates": "\(epochs.count * 60000)", "seeds": "\(runs.count)",
            "final": formatted(100 * (plotted.finalTestAccuracy ?? .nan)),
        ])
        input.addTextAfterItem(
            "### Text-2: final accuracy of the scalar network\n\nThe paper: “the final accuracy is 45.8 %”; ours, the plotted seed after \(epochs.count) epochs: **\(formatted(100 * (plotted.finalTestAccuracy ?? .nan))) %**.\n",
            checksOf: "Text-2")
    }
}
