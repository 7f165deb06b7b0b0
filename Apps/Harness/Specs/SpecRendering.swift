import Backprop
import Foundation

/// A spec report's tables, figures and checks from its runs' results.
struct SpecRendering {
    let report: SpecReport
    /// Each variant's trial results, by variant name (nil for a run that failed or was not run).
    let runs: [String: [RunResult?]]
    /// The reproduction being rendered (nil when a spec is only validated).
    var context: ReproductionContext? = nil

    func results(_ variant: SpecVariant) -> [RunResult?] { runs[variant.name] ?? [] }

    /// The variants of `names` the mode being rendered runs (every one when only validating).
    func chosen(_ names: [String]) -> [SpecVariant] {
        context.map { report.variants(named: names, in: $0.mode) } ?? report.variants(named: names)
    }

    /// The paper row value titled `column` for the row labelled `label`, as text (numbers with
    /// `decimals` when given).
    func paperText(row label: String, column: String, decimals: Int? = nil) -> String {
        guard let value = report.spec.paper?.first(where: { $0.label == label })?.values[column] else { return "—" }
        switch value {
        case .number(let number): return decimals.map { formatted(number, $0) } ?? specNumber(number)
        case .text(let text): return text
        }
    }

    func markdown(_ table: TableSpec) -> String {
        let header =
            [table.rowTitle ?? "configuration"] + (table.trials == false ? [] : ["trials"])
            + table.columns.flatMap { column in
                column.paper == nil ? [column.title] : ["\(column.title), paper", "\(column.title), ours"]
            }
        let rows = chosen(table.groups).map { variant -> [String] in
            let outcomes = results(variant)
            let cells = table.columns.flatMap { column -> [String] in
                let value = column.statistic.value(outcomes)
                let ours = value.map { number in column.decimals.map { formatted(number, $0) } ?? specNumber(number) }
                guard let paper = column.paper else { return [ours ?? "no result"] }
                return [
                    paperText(row: variant.name, column: paper, decimals: column.paperDecimals), ours ?? "no result",
                ]
            }
            return [variant.naming(table.rowLabel ?? "{{variant}}")]
                + (table.trials == false ? [] : ["\(outcomes.count)"])
                + cells
        }
        return markdownTable(header, rows)
    }

    /// The dataset missing here when every variant of `groups` trains on a missing one (an item
    /// with some of its data shows those runs), if any.
    func missingDataset(_ groups: [String]) -> String? {
        guard let context else { return nil }
        let datasets = chosen(groups).map { $0.recipe(context.mode).dataset.name }
        return datasets.allSatisfy(context.data.isMissing) ? datasets.first : nil
    }

    /// The groups whose runs a figure reads: its own, its panels' series' and its table's (an
    /// architecture figure only builds its variants' models).
    func groups(of spec: FigureSpec) -> [String] {
        let drawn =
            spec.kind == .architecture
            ? [] : spec.groups + (spec.panels ?? []).flatMap { $0.series.flatMap { $0.groups ?? [] } }
        return drawn + (spec.table?.groups ?? [])
    }

    /// The figure's images: one, or a `panels` figure's parts.
    func figures(_ spec: FigureSpec) throws -> [FigurePart] {
        var parts =
            spec.kind == .architecture
            ? [try architectureFigure(spec)] : spec.kind == .panels ? panelFigures(spec) : [figure(spec)]
        if let table = spec.table {
            for index in parts.indices { parts[index].values["table"] = markdown(table) }
        }
        return parts
    }

    /// A figure of the kinds with one axes (curves, bands, bars, sweep).
    private func figure(_ spec: FigureSpec) -> FigurePart {
        let figure = Figure()
        let axes = figure.axes()
        (axes.xLabel, axes.yLabel) = (spec.xLabel, spec.yLabel)
        if spec.logX == true { axes.xScale = .logarithmic }
        if spec.logY == true { axes.yScale = .logarithmic }
        var numbers: [String: Any] = [:]
        let chosen = chosen(spec.groups)
        switch spec.kind {
        case .curves, .bands:
            let metric = spec.metric ?? .testAccuracy
            axes.xLabel = spec.xLabel ?? "epoch"
            axes.yLabel = spec.yLabel ?? metric.rawValue
            for variant in chosen {
                let series = results(variant).compactMap { result in
                    result?.history.epochs.compactMap { try? metric.value(in: $0) }
                }
                let (mean, std) = Statistics.band(series)
                let x = mean.indices.map { Double($0 + 1) }
                if spec.kind == .bands, series.count > 1 {
                    axes.band(
                        x: x, lower: zip(mean, std).map { $0 - $1 }, upper: zip(mean, std).map { $0 + $1 })
                }
                axes.plot(x: x, y: mean, label: variant.name)
                numbers[variant.name] = ["epoch": x, "mean": mean, "std": std]
            }
        case .bars where spec.series != nil:
            return groupedBars(spec, on: figure)
        case .bars:
            let statistic = spec.statistic!
            axes.yLabel = spec.yLabel ?? statistic.label
            let values = chosen.map { statistic.value(results($0)) ?? .nan }
            let errors = chosen.map { statistic.spread(results($0)) ?? 0 }
            axes.bar(
                categories: chosen.map(\.name),
                series: [BarSeries(label: statistic.label, values: values, errors: errors)])
            for (variant, (value, error)) in zip(chosen, zip(values, errors)) {
                numbers[variant.name] = ["value": value, "std": error]
            }
        case .sweep:
            let statistic = spec.statistic!
            axes.yLabel = spec.yLabel ?? statistic.label
            let points = chosen.compactMap { variant -> (Double, Double)? in
                guard let x = variant.axisValues.compactMap({ $0 }).first else { return nil }
                return (x, statistic.value(results(variant)) ?? .nan)
            }.sorted { $0.0 < $1.0 }
            axes.plot(
                x: points.map(\.0), y: points.map(\.1), label: statistic.label,
                style: LineStyle(marker: .circle))
            numbers["x"] = points.map(\.0)
            numbers["y"] = points.map(\.1)
        case .panels, .architecture:
            break  // several axes: `panelFigures` and `architectureFigure` draw these
        }
        return FigurePart(part: "", figure: figure, numbers: numbers)
    }
}
