import Backprop
import Foundation

/// An `architecture` figure: each variant's model, built by the registry, as a chain of layer boxes.
extension SpecRendering {
    func architectureFigure(_ spec: FigureSpec) throws -> FigurePart {
        let variants = chosen(spec.groups)
        let figure = Figure(rows: variants.count, columns: 1, width: spec.width, height: spec.height)
        var numbers: [String: Any] = [:]
        var listings = ""
        for (row, variant) in variants.enumerated() {
            let recipe = variant.recipe(context?.mode ?? .full)
            let registry = context?.registry ?? .standard
            let model = try registry.buildModel(
                recipe.model, inputShape: spec.inputShape, classCount: spec.classes, random: RandomSource(seed: 0)
            ).model
            let layers = try model.layerSummaries(inputShape: spec.inputShape ?? [])
            let title = spec.titles?[variant.name] ?? variant.name
            let axes = figure.axes(row, 0)
            axes.title = title
            Descriptive.drawChain(layers, on: axes)
            numbers[variant.name] = Descriptive.chainNumbers(layers)
            listings += "\n\(title):\n\n```\n\(try model.summary(inputShape: spec.inputShape ?? []))\n```\n"
        }
        return FigurePart(part: "", figure: figure, numbers: numbers, values: ["listings": listings])
    }
}
