import Foundation

/// Lays out and draws one `Axes` inside its cell: ticks and labels first (they set the margins),
/// then grid, data (clipped to the plot area), frame, titles and the legend.
struct AxesRenderer {
    let axes: Axes
    let canvas: Canvas
    let scale: Double

    private var tickSize: Double { 10 * scale }
    private var labelSize: Double { 11 * scale }
    private var titleSize: Double { 12 * scale }

    func draw(in cell: Rect) {
        let limits = axes.resolvedLimits()
        let noTicks: (values: [Double], labels: [String]) = ([], [])
        let yTicks = axes.showsAxes ? ticks(limits.y, scale: axes.yScale, categories: nil) : noTicks
        let yTickWidth = yTicks.labels.map { canvas.measure($0, size: tickSize).width }.max() ?? 0
        let left = cell.x + 12 * scale + yTickWidth + 6 * scale + (axes.yLabel == nil ? 0 : labelSize + 8 * scale)
        let title = axes.title.map { FittedTitle($0, width: cell.width - 16 * scale, size: titleSize, canvas: canvas) }
        let top = cell.y + (title.map { titleSize + 22 * scale + $0.extraHeight } ?? 14 * scale)
        let bottom = cell.maxY - (tickSize + 14 * scale + (axes.xLabel == nil ? 0 : labelSize + 10 * scale))
        var plot = Rect(x: left, y: top, width: max(cell.maxX - 18 * scale - left, 10), height: max(bottom - top, 10))
        // A legend that would cover data wherever it stands inside goes to the right of the axes.
        let legendOutside = axes.showsLegend && legendCoversDataEverywhere(plot: plot, limits: limits)
        if legendOutside, let size = legendSize() { plot.width = max(plot.width - size.width - 8 * scale, 10) }
        let (xMap, yMap) = mappings(plot: plot, limits: limits)
        let xTicks =
            axes.showsAxes
            ? thinned(ticks(limits.x, scale: axes.xScale, categories: axes.categories), map: xMap, width: plot.width)
            : noTicks

        if axes.showsGrid {
            for value in xTicks.values {
                let px = xMap.pixel(value)
                canvas.strokePolyline([(px, plot.y), (px, plot.maxY)], color: .lightGray, width: 0.8 * scale)
            }
            for value in yTicks.values {
                let py = yMap.pixel(value)
                canvas.strokePolyline([(plot.x, py), (plot.maxX, py)], color: .lightGray, width: 0.8 * scale)
            }
        }
        canvas.clip(x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        var occupied: [(Double, Double)] = []
        for element in axes.elements { drawElement(element, xMap: xMap, yMap: yMap, plot: plot, occupied: &occupied) }
        canvas.unclip()
        if axes.showsAxes {
            canvas.strokeRectangle(
                x: plot.x, y: plot.y, width: plot.width, height: plot.height, color: Color(hex: 0x333333),
                lineWidth: 1 * scale)
        }

        for (value, label) in zip(xTicks.values, xTicks.labels) {
            let px = xMap.pixel(value)
            canvas.strokePolyline(
                [(px, plot.maxY), (px, plot.maxY + 4 * scale)], color: Color(hex: 0x333333), width: 1 * scale)
            canvas.drawText(
                label, x: px, y: plot.maxY + 6 * scale, size: tickSize, color: Color(hex: 0x222222), anchorX: 0.5)
        }
        for (value, label) in zip(yTicks.values, yTicks.labels) {
            let py = yMap.pixel(value)
            canvas.strokePolyline(
                [(plot.x - 4 * scale, py), (plot.x, py)], color: Color(hex: 0x333333), width: 1 * scale)
            canvas.drawText(
                label, x: plot.x - 6 * scale, y: py, size: tickSize, color: Color(hex: 0x222222), anchorX: 1,
                anchorY: 0.5)
        }
        if let xLabel = axes.xLabel {
            canvas.drawText(
                xLabel, x: plot.x + plot.width / 2, y: cell.maxY - 6 * scale, size: labelSize, anchorX: 0.5, anchorY: 1)
        }
        if let yLabel = axes.yLabel {
            canvas.drawText(
                yLabel, x: cell.x + 8 * scale, y: plot.y + plot.height / 2, size: labelSize, anchorX: 0.5, anchorY: 0,
                rotated: true)
        }
        title?.draw(on: canvas, x: plot.x + plot.width / 2, y: cell.y + 8 * scale)
        if axes.showsLegend { drawLegend(plot: plot, occupied: occupied, outside: legendOutside) }
    }

    /// Tick values and labels for one axis.
    private func ticks(_ limits: ClosedRange<Double>, scale: AxisScale, categories: [String]?) -> (
        values: [Double], labels: [String]
    ) {
        if let categories { return (categories.indices.map(Double.init), categories) }
        let values =
            scale == .logarithmic
            ? Ticks.logarithmic(limits.lowerBound, limits.upperBound)
            : Ticks.linear(limits.lowerBound, limits.upperBound)
        return (values, Ticks.labels(values, logarithmic: scale == .logarithmic))
    }

    /// Keeps every k-th tick so that no two labels overlap.
    private func thinned(_ ticks: (values: [Double], labels: [String]), map: AxisMapping, width: Double) -> (
        values: [Double], labels: [String]
    ) {
        guard ticks.values.count > 1 else { return ticks }
        let widest = ticks.labels.map { canvas.measure($0, size: tickSize).width }.max() ?? 0
        let spacing = abs(map.pixel(ticks.values[1]) - map.pixel(ticks.values[0]))
        guard spacing.isFinite, spacing > 0 else { return ticks }
        let every = max(1, Int(ceil((widest + 8 * scale) / spacing)))
        let kept = stride(from: 0, to: ticks.values.count, by: every)
        return (kept.map { ticks.values[$0] }, kept.map { ticks.labels[$0] })
    }

    /// Shortens `text` with an ellipsis until it fits `width`.
    private func drawElement(
        _ element: PlotElement, xMap: AxisMapping, yMap: AxisMapping, plot: Rect, occupied: inout [(Double, Double)]
    ) {
        switch element {
        case .line(let x, let y, _, let style):
            let color = style.color ?? .black
            for run in Downsampling.runs(x: x, y: y, mapX: xMap.pixel, mapY: yMap.pixel) {
                canvas.strokePolyline(
                    run, color: color, width: style.width * scale, dash: style.dash.map { $0 * scale })
                occupied += run.enumerated().filter { $0.offset % max(1, run.count / 400) == 0 }.map(\.element)
                if let marker = style.marker, run.count <= 2000 {
                    for point in run {
                        canvas.drawMarker(marker, x: point.0, y: point.1, size: style.markerSize * scale, color: color)
                    }
                }
            }
        case .scatter(let x, let y, let colors, _, let size):
            for index in x.indices {
                let px = xMap.pixel(x[index])
                let py = yMap.pixel(y[index])
                guard px.isFinite, py.isFinite else { continue }
                canvas.drawMarker(
                    .circle, x: px, y: py, size: size * scale, color: colors[index % max(colors.count, 1)])
                if index % max(1, x.count / 500) == 0 { occupied.append((px, py)) }
            }
        case .band(let x, let lower, let upper, let color, _):
            var top: [(Double, Double)] = []
            var bottom: [(Double, Double)] = []
            for index in x.indices where index < lower.count && index < upper.count {
                let px = xMap.pixel(x[index])
                let low = yMap.pixel(lower[index])
                let high = yMap.pixel(upper[index])
                guard px.isFinite, low.isFinite, high.isFinite else { continue }
                top.append((px, high))
                bottom.append((px, low))
            }
            canvas.fillPolygon(top + bottom.reversed(), color: color)
        case .bars(let categories, let series):
            let groupWidth = 0.8
            let barWidth = groupWidth / Double(max(series.count, 1))
            for (seriesIndex, item) in series.enumerated() {
                for category in categories.indices where category < item.values.count && item.values[category].isFinite
                {
                    let center = Double(category) - groupWidth / 2 + barWidth * (Double(seriesIndex) + 0.5)
                    let x0 = xMap.pixel(center - barWidth * 0.45)
                    let x1 = xMap.pixel(center + barWidth * 0.45)
                    let y0 = yMap.pixel(0)
                    let y1 = yMap.pixel(item.values[category])
                    canvas.fillRectangle(
                        x: x0, y: min(y0, y1), width: x1 - x0, height: abs(y1 - y0), color: item.color ?? .gray)
                    occupied += [(x0, y1), (x1, y1), ((x0 + x1) / 2, (y0 + y1) / 2)]
                    if let error = item.errors?[category], error.isFinite, error > 0 {
                        let px = xMap.pixel(center)
                        let low = yMap.pixel(item.values[category] - error)
                        let high = yMap.pixel(item.values[category] + error)
                        let cap = (x1 - x0) * 0.25
                        canvas.strokePolyline([(px, low), (px, high)], color: .black, width: 1.2 * scale)
                        canvas.strokePolyline([(px - cap, low), (px + cap, low)], color: .black, width: 1.2 * scale)
                        canvas.strokePolyline([(px - cap, high), (px + cap, high)], color: .black, width: 1.2 * scale)
                        occupied.append((px, high))
                    }
                }
            }
        case .heatmap(let xRange, let yRange, let values, let color):
            let rowsCount = values.count
            let columnsCount = values.first?.count ?? 0
            guard rowsCount > 0, columnsCount > 0 else { return }
            let dx = (xRange.upperBound - xRange.lowerBound) / Double(columnsCount)
            let dy = (yRange.upperBound - yRange.lowerBound) / Double(rowsCount)
            for row in 0..<rowsCount {
                for column in 0..<min(columnsCount, values[row].count) where values[row][column].isFinite {
                    let x0 = xMap.pixel(xRange.lowerBound + Double(column) * dx)
                    let x1 = xMap.pixel(xRange.lowerBound + Double(column + 1) * dx)
                    let y0 = yMap.pixel(yRange.lowerBound + Double(row) * dy)
                    let y1 = yMap.pixel(yRange.lowerBound + Double(row + 1) * dy)
                    // Cells are made opaque (blended onto white) and overlap by half a pixel, which hides seams.
                    canvas.fillRectangle(
                        x: x0 - 0.25, y: y1 - 0.25, width: x1 - x0 + 0.5, height: y0 - y1 + 0.5,
                        color: color(values[row][column]).onWhite)
                }
            }
        case .horizontalLine(let y, let style, _):
            let py = yMap.pixel(y)
            if py.isFinite {
                canvas.strokePolyline(
                    [(plot.x, py), (plot.maxX, py)], color: style.color ?? .gray, width: style.width * scale,
                    dash: style.dash.map { $0 * scale })
            }
        case .verticalLine(let x, let style, _):
            let px = xMap.pixel(x)
            if px.isFinite {
                canvas.strokePolyline(
                    [(px, plot.y), (px, plot.maxY)], color: style.color ?? .gray, width: style.width * scale,
                    dash: style.dash.map { $0 * scale })
            }
        case .text(let string, let x, let y, let size, let color):
            canvas.drawText(
                string, x: xMap.pixel(x), y: yMap.pixel(y), size: size * scale, color: color, anchorX: 0.5, anchorY: 0.5
            )
        case .rectangle(let x, let y, let width, let height, let fill, let stroke):
            let x0 = xMap.pixel(x)
            let x1 = xMap.pixel(x + width)
            let y0 = yMap.pixel(y)
            let y1 = yMap.pixel(y + height)
            canvas.fillRectangle(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0), color: fill)
            canvas.strokeRectangle(
                x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0), color: stroke,
                lineWidth: 1 * scale)
        }
    }

    /// One legend row: its text and how its key is drawn.
    private enum LegendKey {
        case line(LineStyle)
        case patch(Color)
        case marker(Color)
    }

    private func legendEntries() -> [(String, LegendKey)] {
        axes.elements.flatMap { element -> [(String, LegendKey)] in
            switch element {
            case .line(_, let y, let label, let style):
                guard let label else { return [] }
                return [(y.contains(where: \.isFinite) ? label : label + " (no finite values)", .line(style))]
            case .scatter(_, _, let colors, let label, _):
                return label.map { [($0, .marker(colors.first ?? .black))] } ?? []
            case .band(_, _, _, let color, let label):
                return label.map { [($0, .patch(color))] } ?? []
            case .bars(_, let series):
                return series.map { ($0.label, .patch($0.color ?? .gray)) }
            case .heatmap, .text, .rectangle:
                return []
            case .horizontalLine(_, let style, let label), .verticalLine(_, let style, let label):
                return label.map { [($0, .line(style))] } ?? []
            }
        }
    }

    /// Draws the legend in the candidate position that covers the fewest data points.
    private var legendRowHeight: Double { tickSize * 1.45 }
    private var legendKeyWidth: Double { 22 * scale }
    private var legendPadding: Double { 6 * scale }

    /// The legend box's size, or nil when there is nothing to list.
    private func legendSize() -> (width: Double, height: Double)? {
        let entries = legendEntries()
        guard !entries.isEmpty else { return nil }
        let textWidth = entries.map { canvas.measure($0.0, size: tickSize).width }.max() ?? 0
        return (
            legendKeyWidth + 6 * scale + textWidth + 2 * legendPadding,
            Double(entries.count) * legendRowHeight + 2 * legendPadding
        )
    }

    /// Whether every place inside `plot` where the legend could stand covers data points: the data
    /// is laid out once on a scratch canvas to find them. Only when the legend takes under a third
    /// of the width can it move out, so narrow panels keep their plot area.
    /// Data to pixels along each axis of the plot area `plot`.
    private func mappings(plot: Rect, limits: (x: ClosedRange<Double>, y: ClosedRange<Double>)) -> (
        x: AxisMapping, y: AxisMapping
    ) {
        (
            AxisMapping(
                scale: axes.xScale, lower: limits.x.lowerBound, upper: limits.x.upperBound, pixelStart: plot.x,
                pixelEnd: plot.maxX),
            AxisMapping(
                scale: axes.yScale, lower: limits.y.lowerBound, upper: limits.y.upperBound, pixelStart: plot.maxY,
                pixelEnd: plot.y)
        )
    }

    private func legendCoversDataEverywhere(plot: Rect, limits: (x: ClosedRange<Double>, y: ClosedRange<Double>))
        -> Bool
    {
        guard let size = legendSize(), size.width < plot.width / 3 else { return false }
        let scratch = AxesRenderer(axes: axes, canvas: Canvas(width: canvas.width, height: canvas.height), scale: scale)
        let (xMap, yMap) = mappings(plot: plot, limits: limits)
        var occupied: [(Double, Double)] = []
        for element in axes.elements {
            scratch.drawElement(element, xMap: xMap, yMap: yMap, plot: plot, occupied: &occupied)
        }
        let fewest =
            legendCandidates(plot: plot, width: size.width, height: size.height).map { box in
                occupied.filter { box.contains($0.0, $0.1) }.count
            }.min() ?? 0
        return fewest > 0
    }

    /// The places inside the axes a legend box may take, in order of preference.
    private func legendCandidates(plot: Rect, width boxWidth: Double, height boxHeight: Double) -> [Rect] {
        let inset = 6 * scale
        return [
            Rect(x: plot.maxX - boxWidth - inset, y: plot.y + inset, width: boxWidth, height: boxHeight),
            Rect(x: plot.x + inset, y: plot.y + inset, width: boxWidth, height: boxHeight),
            Rect(x: plot.x + inset, y: plot.maxY - boxHeight - inset, width: boxWidth, height: boxHeight),
            Rect(x: plot.maxX - boxWidth - inset, y: plot.maxY - boxHeight - inset, width: boxWidth, height: boxHeight),
            Rect(
                x: plot.maxX - boxWidth - inset, y: plot.y + (plot.height - boxHeight) / 2, width: boxWidth,
                height: boxHeight),
            Rect(x: plot.x + (plot.width - boxWidth) / 2, y: plot.y + inset, width: boxWidth, height: boxHeight),
            Rect(
                x: plot.x + (plot.width - boxWidth) / 2, y: plot.maxY - boxHeight - inset, width: boxWidth,
                height: boxHeight),
        ]
    }

    /// The legend where it covers the fewest data points, or beside the axes (`outside`).
    private func drawLegend(plot: Rect, occupied: [(Double, Double)], outside: Bool) {
        let entries = legendEntries()
        guard let size = legendSize() else { return }
        let (rowHeight, keyWidth, padding) = (legendRowHeight, legendKeyWidth, legendPadding)
        let boxWidth = outside ? size.width : min(size.width, plot.width - 8 * scale)
        let boxHeight = size.height
        let box =
            outside
            ? Rect(x: plot.maxX + 8 * scale, y: plot.y, width: boxWidth, height: boxHeight)
            : legendCandidates(plot: plot, width: boxWidth, height: boxHeight).min { a, b in
                occupied.filter { a.contains($0.0, $0.1) }.count < occupied.filter { b.contains($0.0, $0.1) }.count
            }!
        canvas.fillRectangle(
            x: box.x, y: box.y, width: box.width, height: box.height, color: Color.white.withAlpha(0.85))
        canvas.strokeRectangle(
            x: box.x, y: box.y, width: box.width, height: box.height, color: Color(hex: 0xcccccc), lineWidth: 1 * scale)
        for (index, (label, key)) in entries.enumerated() {
            let centerY = box.y + padding + rowHeight * (Double(index) + 0.5)
            let keyX = box.x + padding
            switch key {
            case .line(let style):
                canvas.strokePolyline(
                    [(keyX, centerY), (keyX + keyWidth, centerY)], color: style.color ?? .black,
                    width: style.width * scale, dash: style.dash.map { $0 * scale })
                if let marker = style.marker {
                    canvas.drawMarker(
                        marker, x: keyX + keyWidth / 2, y: centerY, size: style.markerSize * scale,
                        color: style.color ?? .black)
                }
            case .patch(let color):
                canvas.fillRectangle(
                    x: keyX, y: centerY - rowHeight * 0.3, width: keyWidth, height: rowHeight * 0.6,
                    color: color.alpha < 0.5 ? color.withAlpha(0.5) : color)
            case .marker(let color):
                canvas.drawMarker(.circle, x: keyX + keyWidth / 2, y: centerY, size: 7 * scale, color: color)
            }
            canvas.drawText(label, x: keyX + keyWidth + 6 * scale, y: centerY, size: tickSize, anchorY: 0.5)
        }
    }
}
