/// The figure of every training curve in the project: a loss panel on a log scale beside an
/// accuracy panel, both against the same x axis.
public struct LossAndAccuracyFigure {
    public let figure: Figure
    public let loss: Axes
    public let accuracy: Axes

    /// - Parameters:
    ///   - lossTitle: the left panel's title.
    ///   - accuracyTitle: the right panel's title.
    ///   - xLabel: both panels' x label.
    ///   - width: pixels, or the default.
    ///   - height: pixels, or the default.
    public init(lossTitle: String, accuracyTitle: String, xLabel: String, width: Int? = nil, height: Int? = nil) {
        figure = Figure(columns: 2, width: width, height: height)
        (loss, accuracy) = (figure.axes(0, 0), figure.axes(0, 1))
        loss.title = lossTitle
        loss.yScale = .logarithmic
        accuracy.title = accuracyTitle
        for axes in [loss, accuracy] { axes.xLabel = xLabel }
    }
}

extension LossAndAccuracyFigure {
    /// The figure and its two panels, for destructuring.
    public var parts: (figure: Figure, loss: Axes, accuracy: Axes) { (figure, loss, accuracy) }
}
