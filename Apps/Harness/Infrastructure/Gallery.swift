import Backprop
import Foundation

/// One figure of each kind the reports need, drawn from deterministic synthetic curves:
/// `reproduce gallery` writes them to Reports/gallery/ so a person can judge the plotting.
public enum Gallery {
    /// The gallery's figures by file name (without extension).
    public static func figures(pointsPerSeries: Int = 500_000) -> [(name: String, figure: Figure)] {
        [
            ("lines", lines()), ("log-scale", logScale()), ("band", band()), ("bars", bars()),
            ("scatter", scatter()), ("decision-boundary", decisionBoundary()), ("nan-gaps", gaps()),
            ("long-series", longSeries(points: pointsPerSeries)),
        ]
    }

    /// Writes the gallery into `folder`; returns the files written.
    @discardableResult
    public static func write(to folder: URL, pointsPerSeries: Int = 500_000) throws -> [URL] {
        try figures(pointsPerSeries: pointsPerSeries).map { name, figure in
            let url = folder.appendingPathComponent("\(name).png")
            try figure.save(to: url)
            return url
        }
    }

    /// A fixed pseudo-random sequence in [0, 1) (a linear congruential generator), so the gallery needs no RNG module.
    static func noise(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 ^ 0xD1B5_4A32_D192_ED03
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(UInt64(1) << 53)
        }
    }

    static func lines() -> Figure {
        let figure = Figure()
        let axes = figure.axes()
        axes.title = "Training and test loss"
        axes.xLabel = "epoch"
        axes.yLabel = "loss"
        let epochs = (1...40).map(Double.init)
        axes.plot(
            x: epochs, y: epochs.map { 0.1 + 2 * exp(-$0 / 8) }, label: "train",
            style: LineStyle(marker: .circle, markerSize: 4))
        axes.plot(
            x: epochs, y: epochs.map { 0.15 + 2 * exp(-$0 / 9) }, label: "test",
            style: LineStyle(dash: [6, 3], marker: .square, markerSize: 4))
        axes.horizontalLine(at: 0.1, label: "floor")
        axes.verticalLine(at: 20, label: "rate reduced")
        return figure
    }

    static func logScale() -> Figure {
        let figure = Figure()
        figure.title = "Learning rates (log scale)"
        let axes = figure.axes()
        axes.yScale = .logarithmic
        axes.xLabel = "iteration"
        axes.yLabel = "training loss"
        let steps = (0..<600).map(Double.init)
        for (index, rate) in [1e-3, 1e-4, 1e-5, 1e-6].enumerated() {
            let jitter = noise(600, seed: UInt64(index + 1))
            axes.plot(
                x: steps, y: zip(steps, jitter).map { 2.3 * exp(-$0.0 * rate * 8) + 1e-3 + 0.02 * $0.1 },
                label: "lr \(rate)")
        }
        return figure
    }

    static func band() -> Figure {
        let figure = Figure()
        let axes = figure.axes()
        axes.title = "Mean ± 1 std over 5 runs"
        axes.xLabel = "epoch"
        axes.yLabel = "accuracy"
        let x = (1...50).map(Double.init)
        let mean = x.map { 0.98 - 0.5 * exp(-$0 / 6) }
        let spread = x.map { 0.06 * exp(-$0 / 15) + 0.005 }
        axes.band(x: x, lower: zip(mean, spread).map(-), upper: zip(mean, spread).map(+), label: "± 1 std")
        axes.plot(x: x, y: mean, label: "mean")
        return figure
    }

    static func bars() -> Figure {
        let figure = Figure()
        let axes = figure.axes()
        axes.title = "Test error by activation and initialisation"
        axes.yLabel = "test error (%)"
        axes.bar(
            categories: ["ReLU", "Tanh"],
            series: [
                BarSeries(label: "default", values: [4.01, 3.59], errors: [1.57, 1.61]),
                BarSeries(label: "xavier", values: [3.16, 3.26], errors: [1.09, 0.87]),
                BarSeries(label: "he", values: [3.87, 3.06], errors: [1.96, 0.84]),
            ])
        return figure
    }

    static func diskPoints(_ count: Int, seed: UInt64) -> (x: [Double], y: [Double], inside: [Bool]) {
        let x = noise(count, seed: 2 * seed + 11)
        let y = noise(count, seed: 2 * seed + 12)
        let inside = zip(x, y).map { pow($0 - 0.5, 2) + pow($1 - 0.5, 2) < 1 / (2 * Double.pi) }
        return (x, y, inside)
    }

    static func scatter() -> Figure {
        let figure = Figure(columns: 2)
        figure.title = "Disk dataset"
        for (column, name) in ["training set", "test set"].enumerated() {
            let points = diskPoints(1000, seed: UInt64(column))
            let axes = figure.axes(0, column)
            axes.title = name
            axes.xLabel = "x₁"
            axes.yLabel = "x₂"
            let colors = points.inside.map { Color.cycle($0 ? 1 : 0) }
            axes.scatter(x: points.x, y: points.y, colors: colors)
            axes.showsLegend = false
        }
        return figure
    }

    static func decisionBoundary() -> Figure {
        let figure = Figure()
        let axes = figure.axes()
        axes.title = "Decision regions and data"
        axes.xLabel = "x₁"
        axes.yLabel = "x₂"
        let grid = (0..<120).map { row in
            (0..<120).map { column -> Double in
                let x = (Double(column) + 0.5) / 120
                let y = (Double(row) + 0.5) / 120
                return 1 / (1 + exp(-40 * (0.16 - pow(x - 0.5, 2) - pow(y - 0.5, 2))))
            }
        }
        axes.heatmap(x: 0...1, y: 0...1, values: grid) { p in
            p > 0.5 ? Color.cycle(1).withAlpha(0.25) : Color.cycle(0).withAlpha(0.25)
        }
        let points = diskPoints(400, seed: 5)
        axes.scatter(
            x: points.x.enumerated().filter { points.inside[$0.offset] }.map(\.element),
            y: points.y.enumerated().filter { points.inside[$0.offset] }.map(\.element), colors: [Color.cycle(1)],
            label: "class 1")
        axes.scatter(
            x: points.x.enumerated().filter { !points.inside[$0.offset] }.map(\.element),
            y: points.y.enumerated().filter { !points.inside[$0.offset] }.map(\.element), colors: [Color.cycle(0)],
            label: "class 0")
        return figure
    }

    static func gaps() -> Figure {
        let figure = Figure()
        let axes = figure.axes()
        axes.title = "Non-finite values leave gaps"
        axes.xLabel = "iteration"
        axes.yLabel = "loss"
        let values = (0..<60).map { i -> Double in
            (20..<25).contains(i) ? .nan : (i == 40 ? .infinity : 2 * exp(-Double(i) / 20))
        }
        axes.plot(values, label: "momentum 0.9")
        axes.plot([Double](repeating: .nan, count: 60), label: "momentum 1.0")
        return figure
    }

    static func longSeries(points: Int) -> Figure {
        let figure = Figure(rows: 1, columns: 3)
        figure.title = "\(points) points per series, drawn as per-pixel min/max"
        for panel in 0..<3 {
            let axes = figure.axes(0, panel)
            axes.title = "run \(panel + 1)"
            axes.xLabel = "iteration"
            axes.yLabel = "loss"
            axes.yScale = .logarithmic
            let jitter = noise(points, seed: UInt64(panel + 20))
            let y = (0..<points).map { i -> Double in
                let base = 2.3 * exp(-Double(i) / Double(points) * 6) + 0.01
                return i % (points / 7 + 1) == 0 ? base * 8 : base * (0.7 + 0.6 * jitter[i])
            }
            axes.plot(y, label: "batch loss", style: LineStyle(width: 1))
        }
        return figure
    }
}
