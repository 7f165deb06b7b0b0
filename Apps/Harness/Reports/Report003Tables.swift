import Backprop
import Foundation

/// Report 003's Tables 1–10 (generated from the model objects) and Table 11's words (the eleven models on MNIST).
extension Report003 {
    /// Table `table` (1–10): the layers of the model it lists, as the model object reports them.
    func architecture(_ input: ReportHookInput, table: Int) throws {
        let variant = report.variants(named: ["models"])[table - 1]
        guard
            case .text(let title) = report.spec.paper?.first(where: { $0.label == variant.name })?.values[
                "architecture"]
        else { return }
        let layers = try context.registry.makeModel(variant.recipe(context.mode).model, random: RandomSource(seed: 0))
            .layerSummaries(inputShape: [784])
        let chains = zip(layers, layers.dropFirst()).allSatisfy { $0.outputShape == $1.inputShape }
        let rows = layers.map {
            [
                "\($0.index)", $0.type == "ReLU" ? "Relu" : $0.type, "\($0.inputShape.last ?? 0)",
                "\($0.outputShape.last ?? 0)",
            ]
        }
        try input.document.requiring([]) {
            try input.check("layers chain", .condition(chains, shown: chains ? "yes" : "no"))
        }
        try input.addTable(markdownTable(["Layer", "Type", "In", "Out"], rows), ["architecture": title])
    }

    /// Table 11's words for the table the spec draws (or, without MNIST, how to get it).
    func table11(_ input: ReportHookInput) throws {
        guard input.dataPresent("mnist") else {
            input.document.addText(
                "**not run: MNIST not found** under `\(context.data.dataDirectory)/mnist`: \(context.data.whyMissing("mnist")). Run `reproduce run` without `--offline` to download it, or point `BACKPROP_DATA` at a folder with `mnist/`."
            )
            return
        }
        input.fill(["epochs": "\(context.value(full: 100, quick: 3))"])
    }
}
