/// How a data line is drawn.
public struct LineStyle: Sendable {
    public var color: Color?
    public var width: Double
    /// Dash pattern in pixels (empty: solid).
    public var dash: [Double]
    public var marker: Marker?
    public var markerSize: Double

    /// - Parameters:
    ///   - color: the palette's next colour when nil.
    ///   - width: line width in pixels.
    ///   - dash: on/off lengths; solid when empty.
    ///   - marker: a symbol at every point, or none.
    ///   - markerSize: the symbol's size in pixels.
    public init(
        color: Color? = nil, width: Double = 1.8, dash: [Double] = [], marker: Marker? = nil, markerSize: Double = 5
    ) {
        (self.color, self.width, self.dash, self.marker, self.markerSize) = (color, width, dash, marker, markerSize)
    }
}

/// Point markers.
public enum Marker: Sendable { case circle, square, triangle }

/// One group of bars in a grouped bar chart: a value (and optional ± error) per category.
public struct BarSeries: Sendable {
    public var label: String
    public var values: [Double]
    public var errors: [Double]?
    public var color: Color?

    /// - Parameters:
    ///   - label: the legend entry.
    ///   - values: one bar per category.
    ///   - errors: ± error bars, one per bar.
    ///   - color: the palette's next colour when nil.
    public init(label: String, values: [Double], errors: [Double]? = nil, color: Color? = nil) {
        (self.label, self.values, self.errors, self.color) = (label, values, errors, color)
    }
}

/// Everything an `Axes` can hold, in drawing order.
enum PlotElement {
    case line(x: [Double], y: [Double], label: String?, style: LineStyle)
    case scatter(x: [Double], y: [Double], colors: [Color], label: String?, size: Double)
    case bars(categories: [String], series: [BarSeries])
    case band(x: [Double], lower: [Double], upper: [Double], color: Color, label: String?)
    case heatmap(x: ClosedRange<Double>, y: ClosedRange<Double>, values: [[Double]], color: @Sendable (Double) -> Color)
    case horizontalLine(y: Double, style: LineStyle, label: String?)
    case verticalLine(x: Double, style: LineStyle, label: String?)
    case text(String, x: Double, y: Double, size: Double, color: Color)
    case rectangle(x: Double, y: Double, width: Double, height: Double, fill: Color, stroke: Color)
}
