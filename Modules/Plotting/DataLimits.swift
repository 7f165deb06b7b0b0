import Foundation

/// Maps data values on one axis to pixels, in linear or log space.
struct AxisMapping {
    let scale: AxisScale
    let lower: Double, upper: Double
    let pixelStart: Double, pixelEnd: Double

    func transform(_ value: Double) -> Double { scale == .logarithmic ? log10(value) : value }

    /// The pixel coordinate of `value` (NaN when it cannot be shown, such as ≤ 0 on a log axis).
    func pixel(_ value: Double) -> Double {
        guard value.isFinite, scale == .linear || value > 0 else { return .nan }
        let a = transform(lower)
        let b = transform(upper)
        return pixelStart + (transform(value) - a) / (b - a) * (pixelEnd - pixelStart)
    }
}

extension Axes {
    /// The x and y ranges the elements need, before margins.
    func dataBounds() -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
        var xs: [Double] = []
        var ys: [Double] = []
        func usable(_ value: Double, _ scale: AxisScale) -> Bool { value.isFinite && (scale == .linear || value > 0) }
        for element in elements {
            switch element {
            case .line(let x, let y, _, _):
                for (a, b) in zip(x, y) where usable(a, xScale) && usable(b, yScale) {
                    xs.append(a)
                    ys.append(b)
                }
            case .scatter(let x, let y, _, _, _):
                for (a, b) in zip(x, y) where usable(a, xScale) && usable(b, yScale) {
                    xs.append(a)
                    ys.append(b)
                }
            case .band(let x, let lower, let upper, _, _):
                xs += x.filter { usable($0, xScale) }
                ys += (lower + upper).filter { usable($0, yScale) }
            case .bars(let categories, let series):
                xs += [-0.5, Double(categories.count) - 0.5]
                ys.append(0)
                for item in series {
                    for (index, value) in item.values.enumerated() where value.isFinite {
                        let error = item.errors?[index] ?? 0
                        ys += [value - (error.isFinite ? error : 0), value + (error.isFinite ? error : 0)]
                    }
                }
            case .heatmap(let x, let y, _, _):
                xs += [x.lowerBound, x.upperBound]
                ys += [y.lowerBound, y.upperBound]
            case .horizontalLine(let y, _, _):
                if usable(y, yScale) { ys.append(y) }
            case .verticalLine(let x, _, _):
                if usable(x, xScale) { xs.append(x) }
            case .text(_, let x, let y, _, _):
                xs.append(x)
                ys.append(y)
            case .rectangle(let x, let y, let width, let height, _, _):
                xs += [x, x + width]
                ys += [y, y + height]
            }
        }
        let x = xs.min().flatMap { low in xs.max().map { low...$0 } }
        let y = ys.min().flatMap { low in ys.max().map { low...$0 } }
        return (x, y)
    }

    /// Limits with a 5 % margin (in log space on log axes); fixed limits are kept as given.
    func resolvedLimits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let bounds = dataBounds()
        let hasHeatmapOrBars = elements.contains {
            if case .heatmap = $0 { return true }
            if case .bars = $0 { return true }
            return false
        }
        let x = xLimits ?? Self.padded(bounds.x, scale: xScale, margin: hasHeatmapOrBars ? 0 : 0.05)
        let y = yLimits ?? Self.padded(bounds.y, scale: yScale, margin: 0.05)
        return (x, y)
    }

    static func padded(_ range: ClosedRange<Double>?, scale: AxisScale, margin: Double) -> ClosedRange<Double> {
        guard let range else { return scale == .logarithmic ? 0.1...10 : 0...1 }
        if scale == .logarithmic {
            var low = log10(range.lowerBound)
            var high = log10(range.upperBound)
            if high - low < 1e-12 { (low, high) = (low - 0.5, high + 0.5) }
            let pad = (high - low) * margin
            return pow(10, low - pad)...pow(10, high + pad)
        }
        var low = range.lowerBound
        var high = range.upperBound
        if high - low < 1e-12 * max(1, abs(high)) {
            (low, high) = (low - max(0.5, abs(low) * 0.1), high + max(0.5, abs(high) * 0.1))
        }
        let pad = (high - low) * margin
        return (low - pad)...(high + pad)
    }
}
