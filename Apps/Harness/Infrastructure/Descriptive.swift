import Backprop
import Foundation

/// Helpers for the descriptive items, built from the framework's own components.
enum Descriptive {
    /// The largest relative error between an activation layer's backward and central differences
    /// (Double, h = 1e-6), on a fixed input spanning both signs and a fixed upstream gradient.
    static func gradientCheckError(_ module: some Module<Double>) throws -> Double {
        let input = try Tensor<Double>(shape: [4, 5], scalars: (0..<20).map { Double($0) / 4 - 2.4 })
        let upstream = try Tensor<Double>(shape: [4, 5], scalars: (0..<20).map { sin(Double($0)) })
        return try GradientCheck.check(module, input: input, upstream: upstream).worst
    }

    /// Draws a left-to-right block diagram of a layer chain on `axes`: one box per layer with its sizes.
    static func drawChain(_ rows: [LayerSummary], on axes: Axes) {
        axes.showsGrid = false
        axes.showsLegend = false
        axes.showsAxes = false
        axes.xLimits = -0.6...(Double(rows.count) - 0.4)
        axes.yLimits = 0...1
        for (index, row) in rows.enumerated() {
            let x = Double(index)
            let isLinear = row.type == "Linear"
            axes.rectangle(
                x: x - 0.4, y: 0.3, width: 0.8, height: 0.4,
                fill: (isLinear ? Color.cycle(0) : Color.cycle(1)).withAlpha(0.25).onWhite)
            axes.text(row.type, x: x, y: 0.56, size: 10)
            axes.text("\(row.inputShape.last ?? 0) → \(row.outputShape.last ?? 0)", x: x, y: 0.42, size: 9)
            if index > 0 {
                axes.plot(x: [x - 0.6, x - 0.4], y: [0.5, 0.5], style: LineStyle(color: .black, width: 1.5))
            }
        }
    }

    /// Numbers of a layer chain for JSON.
    static func chainNumbers(_ rows: [LayerSummary]) -> [[String: Any]] {
        rows.map {
            [
                "layer": $0.index, "type": $0.type, "in": $0.inputShape.last ?? 0, "out": $0.outputShape.last ?? 0,
                "parameters": $0.parameterCount,
            ]
        }
    }
}

/// Figures of curves over trials.
enum CurveFigures {
    /// Draws mean ± 1 std of `series` (one array per trial) against 1-based indices. The band never
    /// leaves the range the runs span at that index: an error rate's band stays above 0, and a
    /// log axis never gets a band reaching down to zero from a few runs far below the mean.
    static func band(_ axes: Axes, _ series: [[Double]], label: String, color: Color, x: [Double]? = nil) {
        let band = Statistics.clampedBand(series)
        let xs = x ?? band.mean.indices.map { Double($0 + 1) }
        draw(axes, band, runs: series.count, x: xs, label: label, style: LineStyle(color: color))
    }

    /// Draws a computed band (shaded when over several runs) and its mean's line.
    static func draw(
        _ axes: Axes, _ band: (mean: [Double], lower: [Double], upper: [Double]), runs: Int, x: [Double],
        label: String, style: LineStyle
    ) {
        if runs > 1 { axes.band(x: x, lower: band.lower, upper: band.upper, color: style.color) }
        let shown = runs > 1 ? "\(label) (mean ± std, \(runs) runs)" : label
        axes.plot(x: x, y: band.mean, label: label.isEmpty ? nil : shown, style: style)
    }
}
