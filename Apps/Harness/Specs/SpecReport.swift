import Backprop
import Foundation

/// A report read from a spec file, rendered by the one engine: its runs are the variants of its
/// groups times their trials, and its tables, figures and checks are computed from them as the
/// spec describes. `reproduce run PATH` and `reproduce list PATH` take it beside the built-ins.
struct SpecReport: ReportReproduction {
    let spec: ReportSpec
    /// The spec's file, for errors and for the report's source line.
    let file: String
    /// Every variant of every group, in the spec's order.
    let variants: [SpecVariant]
    /// The Swift hooks its items may name (built-in reports only).
    var hooks: [String: ReportHook] = [:]

    var prefix: String { spec.id }
    var title: String { spec.title }
    var items: [(id: String, description: String, data: String)] {
        spec.items.map { ("\(spec.id) \($0.id)", $0.description, $0.data) }
    }

    /// The runs of one variant, one per trial.
    func requests(_ variant: SpecVariant, _ context: ReproductionContext) -> [RunRequest] {
        let recipe = variant.recipe(context.mode)
        return (0..<context.trials(full: variant.trials.full, quick: variant.trials.quick)).map { trial in
            RunRequest(
                kind: .sharedLoop, label: "\(spec.id) \(variant.name) trial \(trial)", dataset: recipe.dataset,
                model: recipe.model, training: recipe.training, recording: variant.recording,
                seed: context.seed(variant.seedName, trial: trial))
        }
    }

    func requests(_ context: ReproductionContext) -> [RunRequest] {
        variants.flatMap { requests($0, context) }
    }

    /// The variants a table, figure or statistic names: a variant by its name, or every variant of a group.
    func variants(named names: [String]) -> [SpecVariant] {
        names.flatMap { name in variants.filter { $0.name == name || $0.group == name } }
    }

    func render(_ context: ReproductionContext, results: (RunRequest) -> RunResult?) throws -> ReportDocument {
        let document = ReportDocument(prefix: spec.id, title: spec.title, context: context)
        var runs: [String: [RunResult?]] = [:]
        for variant in variants {
            let requests = requests(variant, context)
            let outcomes = requests.map(results)
            for (request, result) in zip(requests, outcomes) { document.addRun(request, result) }
            runs[variant.name] = outcomes
        }
        let rendering = SpecRendering(report: self, runs: runs)
        document.addText("Source: \(spec.source). Spec: `\(URL(fileURLWithPath: file).lastPathComponent)`.")
        let hookInput = ReportHookInput(report: self, context: context, document: document, runs: runs)
        for item in spec.items {
            let number = String(item.id.split(separator: " ").last ?? "")
            if let hook = item.hook.flatMap({ hooks[$0] }) {
                try hook(hookInput)
            } else if let table = item.table {
                document.addTable(
                    number: number, title: item.description, caption: "Data: \(item.data).",
                    markdown: rendering.markdown(table))
            } else if let figure = item.figure {
                let (plot, numbers) = rendering.figure(figure)
                document.addFigure(
                    number: number, title: item.description, caption: "Data: \(item.data).", figure: plot,
                    numbers: numbers)
            }
        }
        for check in spec.checks ?? [] { rendering.add(check, to: document) }
        return document
    }
}
