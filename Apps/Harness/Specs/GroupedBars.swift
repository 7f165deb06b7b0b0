import Backprop
import Foundation

/// A grouped bar chart: a statistic of one variant per category and series, with its std over
/// the trials as the error bar, and the values with their std and variance as a table for the
/// words ({{table}}).
extension SpecRendering {
    func groupedBars(_ spec: FigureSpec, on figure: Figure) -> FigurePart {
        let statistic = spec.statistic!
        let categories = spec.categories ?? []
        let axes = figure.axes()
        axes.xLabel = spec.xLabel
        axes.yLabel = spec.yLabel ?? statistic.label
        let series = spec.series ?? []
        let cells = series.map { series in
            categories.map { category -> (trials: Int, value: Double, error: Double) in
                let outcomes = series.bars[category].map { runs[$0] ?? [] } ?? []
                return (outcomes.count, statistic.value(outcomes) ?? .nan, statistic.spread(outcomes) ?? 0)
            }
        }
        var numbers: [String: Any] = [:]
        var rows: [[String]] = []
        for (index, category) in categories.enumerated() {
            for (series, cells) in zip(series, cells) {
                let cell = cells[index]
                numbers["\(category) \(series.label)"] = ["value": cell.value, "std": cell.error]
                rows.append([
                    "\(category), \(series.label)", "\(cell.trials)", formatted(cell.value), formatted(cell.error),
                    formatted(cell.error * cell.error),
                ])
            }
        }
        let bars = zip(series, cells).map { series, cells in
            BarSeries(label: series.label, values: cells.map(\.value), errors: cells.map(\.error))
        }
        axes.bar(categories: categories, series: bars)
        let table = markdownTable(["configuration", "trials", statistic.over.rawValue, "std", "variance"], rows)
        return FigurePart(part: "", figure: figure, numbers: numbers, values: ["table": table])
    }
}
