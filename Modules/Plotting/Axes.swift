/// The scale of one axis.
public enum AxisScale: Sendable { case linear, logarithmic }

/// One panel of a figure: its data elements, labels, scales and limits.
///
/// Colours left unset come from the palette in the order series are added. Non-finite values
/// are skipped (a gap in a line); a series with no finite value is flagged in the legend.
public final class Axes {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var xScale: AxisScale = .linear
    public var yScale: AxisScale = .linear
    /// Fixed limits; nil means automatic with a 5 % margin.
    public var xLimits: ClosedRange<Double>?
    public var yLimits: ClosedRange<Double>?
    public var showsGrid = true
    public var showsLegend = true
    /// Ticks, tick labels and the frame; off for diagrams, whose coordinates mean nothing to a reader.
    public var showsAxes = true
    /// Labels for categorical x ticks (bar charts); set by `bar`.
    var categories: [String]?
    var elements: [PlotElement] = []
    private var colorIndex = 0

    public init() {}

    private func nextColor() -> Color {
        defer { colorIndex += 1 }
        return Color.cycle(colorIndex)
    }

    /// A line through (x[i], y[i]).
    public func plot(x: [Double], y: [Double], label: String? = nil, style: LineStyle = LineStyle()) {
        var style = style
        if style.color == nil { style.color = nextColor() }
        elements.append(.line(x: x, y: y, label: label, style: style))
    }

    /// A line through (i, y[i]) for i = 0, 1, …
    public func plot(_ y: [Double], label: String? = nil, style: LineStyle = LineStyle()) {
        plot(x: y.indices.map(Double.init), y: y, label: label, style: style)
    }

    /// Points with one colour each (for example by class).
    public func scatter(x: [Double], y: [Double], colors: [Color]? = nil, label: String? = nil, size: Double = 2.5) {
        let fill = colors ?? Array(repeating: nextColor(), count: x.count)
        elements.append(.scatter(x: x, y: y, colors: fill, label: label, size: size))
    }

    /// Grouped bars: one group per category, one bar per series, with optional ± error bars.
    public func bar(categories: [String], series: [BarSeries]) {
        let coloured = series.map { item -> BarSeries in
            var item = item
            if item.color == nil { item.color = nextColor() }
            return item
        }
        self.categories = categories
        elements.append(.bars(categories: categories, series: coloured))
    }

    /// A shaded band between `lower` and `upper` (mean ± std around a line).
    public func band(x: [Double], lower: [Double], upper: [Double], color: Color? = nil, label: String? = nil) {
        elements.append(
            .band(
                x: x, lower: lower, upper: upper, color: (color ?? Color.cycle(colorIndex)).withAlpha(0.25),
                label: label))
    }

    /// A grid of values over a rectangle, row 0 at the bottom (`values[row][column]`): a heat map or
    /// a filled decision region. `color` maps a value to its colour (viridis over the range by default).
    public func heatmap(
        x: ClosedRange<Double>, y: ClosedRange<Double>, values: [[Double]], color: (@Sendable (Double) -> Color)? = nil
    ) {
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        let map = color ?? { @Sendable value in Color.viridis(high > low ? (value - low) / (high - low) : 0.5) }
        elements.append(.heatmap(x: x, y: y, values: values, color: map))
    }

    /// A horizontal reference line across the panel.
    public func horizontalLine(
        at y: Double, label: String? = nil, style: LineStyle = LineStyle(color: .gray, width: 1, dash: [4, 3])
    ) {
        elements.append(.horizontalLine(y: y, style: style, label: label))
    }

    /// Text centred at a data position (diagrams and annotations).
    public func text(_ string: String, x: Double, y: Double, size: Double = 10, color: Color = .black) {
        elements.append(.text(string, x: x, y: y, size: size, color: color))
    }

    /// A filled, outlined rectangle in data coordinates (block diagrams).
    public func rectangle(x: Double, y: Double, width: Double, height: Double, fill: Color, stroke: Color = .black) {
        elements.append(.rectangle(x: x, y: y, width: width, height: height, fill: fill, stroke: stroke))
    }

    /// A vertical reference line across the panel.
    public func verticalLine(
        at x: Double, label: String? = nil, style: LineStyle = LineStyle(color: .gray, width: 1, dash: [4, 3])
    ) {
        elements.append(.verticalLine(x: x, style: style, label: label))
    }
}
