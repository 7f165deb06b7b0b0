import Backprop
import Foundation

/// One image of a figure: its part letter ("" for a figure of one image), the drawing, its numbers
/// and what the engine fills in its words ({{listings}}).
struct FigurePart {
    let part: String
    let figure: Figure
    let numbers: [String: Any]
    var values: [String: String] = [:]
}

/// A `panels` figure drawn from its spec: one row of axes, or a row per variant split into parts.
extension SpecRendering {
    func panelFigures(_ spec: FigureSpec) -> [FigurePart] {
        let panels = spec.panels ?? []
        guard spec.rowPerVariant == true else {
            let figure = Figure(columns: panels.count, width: spec.width, height: spec.height)
            var numbers: [String: Any] = [:]
            for (column, panel) in panels.enumerated() {
                let axes = figure.axes(0, column)
                let lines = draw(panel, on: axes, spec.groups)
                numbers[axes.title ?? "panel \(column + 1)"] = lines
            }
            return [FigurePart(part: "", figure: figure, numbers: numbers)]
        }
        let variants = chosen(spec.groups)
        let size = max(spec.rowsPerPart ?? variants.count, 1)
        let starts = Array(stride(from: 0, to: variants.count, by: size))
        return starts.enumerated().map { index, start in
            let rows = variants[start..<min(start + size, variants.count)]
            let figure = Figure(
                rows: rows.count, columns: panels.count, width: spec.width, height: spec.height.map { $0 * rows.count })
            var numbers: [String: Any] = [:]
            for (row, variant) in rows.enumerated() {
                var drawn: [String: Any] = [:]
                for (column, panel) in panels.enumerated() {
                    let axes = figure.axes(row, column)
                    let lines = draw(panel, on: axes, [variant.name], row: variant)
                    drawn[axes.title ?? "panel \(column + 1)"] = lines
                    if row < rows.count - 1 { axes.xLabel = nil }
                }
                numbers[variant.name] = drawn
            }
            let part = starts.count > 1 ? String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index % 26))) : ""
            return FigurePart(part: part, figure: figure, numbers: numbers)
        }
    }

    /// Draws `panel`'s series of the variants of `groups` (only `row`'s in a row per variant) and
    /// returns each line's numbers by its label.
    private func draw(_ panel: PanelSpec, on axes: Axes, _ groups: [String], row: SpecVariant? = nil) -> [String: Any] {
        axes.title = panel.title.map { row?.naming($0) ?? $0 }
        (axes.xLabel, axes.yLabel) = (panel.xLabel, panel.yLabel)
        if panel.logX == true { axes.xScale = .logarithmic }
        if panel.logY == true { axes.yScale = .logarithmic }
        var numbers: [String: Any] = [:]
        var settled: [Double] = []
        var diverged = false
        var line = 0
        for series in panel.series {
            for variant in row.map({ [$0] }) ?? chosen(series.groups ?? groups) {
                defer { line += 1 }
                let trials = results(variant)
                let chosenTrials = series.trial.map { trials.indices.contains($0) ? [trials[$0]] : [] } ?? trials
                let runs = chosenTrials.compactMap { $0 }
                let curves = runs.map { series.points(of: $0, window: variant.recording.iterationWindow ?? 1) }
                guard let first = curves.first else { continue }
                let band = Statistics.clampedBand(curves.map(\.y))
                let (x, lines) = series.averaged(
                    Array(first.x.prefix(band.mean.count)), [band.mean, band.lower, band.upper],
                    epochs: runs[0].history.epochs.count)
                guard !x.isEmpty else { continue }
                let label = variant.naming(series.label ?? variant.name)
                CurveFigures.draw(
                    axes, (lines[0], lines[1], lines[2]), runs: series.bands == true ? curves.count : 1, x: x,
                    label: label, style: series.style.line(line))
                if let marks = series.rateReductions {
                    for (index, epoch) in runs[0].history.rateReductionEpochs.enumerated() {
                        axes.verticalLine(at: Double(epoch), label: index == 0 ? marks : nil)
                    }
                }
                let key = label.isEmpty ? "\(variant.name) \(series.metric.rawValue)" : label
                numbers[key] =
                    series.metric.perEpoch && x.count == band.mean.count
                    ? ["mean": lines[0]] : ["final": lines[0].last ?? .nan, "points": x.count]
                for run in runs where run.history.diverged { diverged = true }
                for (run, curve) in zip(runs, curves) where !run.history.diverged {
                    settled += curve.y.filter(\.isFinite)
                }
            }
        }
        if panel.limitDiverged == true, diverged, let largest = settled.max(),
            let smallest = settled.filter({ $0 > 0 }).min()
        {
            axes.yLimits = smallest / 2...largest * 10
        }
        return numbers
    }
}

extension SpecVariant {
    /// `text` with "{{variant}}" as the variant's name ("models 0-layer + MSE") and "{{label}}" as
    /// its grid labels ("0-layer + MSE").
    func naming(_ text: String) -> String {
        let label = name.hasPrefix(group + " ") ? String(name.dropFirst(group.count + 1)) : name
        return text.replacingOccurrences(of: "{{variant}}", with: name).replacingOccurrences(
            of: "{{label}}", with: label)
    }
}

extension SeriesMetric {
    /// Whether it has one value per epoch.
    var perEpoch: Bool { ![.windowLoss, .windowAccuracy, .iterationLoss, .validationLoss].contains(self) }

    /// The metric's points in `run`; `window` is the run's iteration window.
    func points(of run: RunResult, window: Int) -> (x: [Double], y: [Double]) {
        let history = run.history
        let epochs = history.epochs
        let epochValue: ((EpochRecord) -> Double?)? =
            switch self {
            case .trainLoss: { $0.trainLoss }
            case .trainAccuracy: { $0.trainAccuracy }
            case .testLoss: { $0.testLoss }
            case .testAccuracy: { $0.testAccuracy }
            case .trainEvaluationLoss: { $0.trainEvaluationLoss }
            case .trainEvaluationAccuracy: { $0.trainEvaluationAccuracy }
            case .testLossInTrainingMode: { $0.testLossInTrainingMode }
            default: nil
            }
        if let epochValue { return (epochs.map { Double($0.epoch) }, epochs.map { epochValue($0) ?? .nan }) }
        switch self {
        case .windowLoss, .windowAccuracy:
            let values = self == .windowLoss ? run.windowLosses : run.windowAccuracies
            return (values.indices.map { Double(($0 + 1) * window) }, values)
        case .validationLoss:
            return (history.periodicEvaluations.map { Double($0.iteration) }, history.periodicEvaluations.map(\.loss))
        default:
            return (history.iterationLosses.indices.map { Double($0 + 1) }, history.iterationLosses)
        }
    }
}

extension SeriesSpec {
    /// The series' points in `run`: the metric, transformed and cut at `upTo`.
    func points(of run: RunResult, window recorded: Int) -> (x: [Double], y: [Double]) {
        var (x, y) = metric.points(of: run, window: recorded)
        y = y.map { (complement == true ? 1 - $0 : $0) * (scale ?? 1) }
        if let upTo, let end = x.firstIndex(where: { $0 > upTo }) { (x, y) = (Array(x[..<end]), Array(y[..<end])) }
        return (x, y)
    }

    /// `x` and each of `lines` averaged down as the series says (`window` or `pointsPerEpoch` over
    /// runs of `epochs` epochs that recorded every iteration).
    func averaged(_ x: [Double], _ lines: [[Double]], epochs: Int) -> (x: [Double], lines: [[Double]]) {
        if let pointsPerEpoch, epochs > 0 {
            let perEpoch = Double(x.count) / Double(epochs)
            let size = max(1, Int(perEpoch) / pointsPerEpoch)
            let means = lines.map { RunExecutor.windowMeans($0, size) }
            return (means[0].indices.map { Double(($0 + 1) * size) / perEpoch }, means)
        }
        guard let window, window > 1 else { return (x, lines) }
        let ends = stride(from: 0, to: x.count, by: window).map { x[min($0 + window, x.count) - 1] }
        return (ends, lines.map { RunExecutor.windowMeans($0, window) })
    }
}

extension Optional where Wrapped == StyleSpec {
    /// The line style of the panel's `line`-th line (its palette colour unless the spec names one).
    func line(_ line: Int) -> LineStyle {
        let color = Color.cycle(self?.color ?? line)
        return LineStyle(
            color: self?.alpha.map(color.withAlpha) ?? color, width: self?.width ?? 1.8, dash: self?.dash ?? [],
            marker: self?.marker.map { [.circle: .circle, .square: .square, .triangle: .triangle][$0]! },
            markerSize: self?.markerSize ?? 5)
    }
}
