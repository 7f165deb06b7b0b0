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

    /// The runs of one variant, one per trial; none when its data is published but missing (its
    /// items show "not run"), unless `evenIfMissing` (for `reproduce list`'s time estimates).
    func requests(_ variant: SpecVariant, _ context: ReproductionContext, evenIfMissing: Bool = false) -> [RunRequest] {
        let recipe = variant.recipe(context.mode)
        let name = recipe.dataset.name
        guard context.mode == .full || variant.runsInQuickMode else { return [] }
        guard evenIfMissing || !context.data.isMissing(name) else { return [] }
        let identity = evenIfMissing ? nil : context.data.identity(of: name)
        return (0..<context.trials(full: variant.trials.full, quick: variant.trials.quick)).map { trial in
            var request = self.request(variant, trial: trial, context)
            request.dataIdentity = identity
            return request
        }
    }

    /// The run of one variant's trial in the context's mode, whether that mode runs it or not.
    func request(_ variant: SpecVariant, trial: Int, _ context: ReproductionContext) -> RunRequest {
        let recipe = variant.recipe(context.mode)
        let label =
            variant.runLabel?.replacingOccurrences(of: "{trial}", with: "\(trial)") ?? "\(variant.name) trial \(trial)"
        return RunRequest(
            kind: variant.runner, label: "\(spec.id) \(label)", dataset: recipe.dataset,
            model: variant.runner == .sharedLoop ? recipe.model : nil,
            training: recipe.training, recording: variant.recording, seed: context.seed(variant.seedName, trial: trial))
    }

    func requests(_ context: ReproductionContext) -> [RunRequest] {
        variants.flatMap { requests($0, context) } + experimentRequests(context)
    }

    /// The items that name `timedGroups`, with their groups' runs (present data or not) and their data's shape.
    func timedItems(_ context: ReproductionContext) -> [TimedItem] {
        spec.items.compactMap { item -> TimedItem? in
            guard let groups = item.timedGroups else { return nil }
            let runs = variants(named: groups).flatMap { self.requests($0, context, evenIfMissing: true) }
            guard let dataset = runs.first?.dataset, let shape = TimedItem.StoredShape(dataset.name) else {
                return nil
            }
            return TimedItem(
                id: "\(spec.id) \(item.id)", requests: runs, inputShape: shape.inputShape, classes: shape.classes,
                trainCount: dataset.trainCount ?? shape.trainCount, testCount: dataset.testCount ?? shape.testCount)
        }
    }

    /// The variants a table, figure or statistic names: a variant by its name, or every variant of a group.
    func variants(named names: [String]) -> [SpecVariant] {
        names.flatMap { name in variants.filter { $0.name == name || $0.group == name } }
    }

    /// The variants of `names` that `mode` runs (quick mode may leave some of a sweep out).
    func variants(named names: [String], in mode: Mode) -> [SpecVariant] {
        variants(named: names).filter { mode == .full || $0.runsInQuickMode }
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
        for request in experimentRequests(context) { document.addRun(request, results(request)) }
        let rendering = SpecRendering(report: self, runs: runs, context: context)
        document.addText("Source: \(spec.source). Spec: `\(URL(fileURLWithPath: file).lastPathComponent)`.")
        try withoutActuallyEscaping(results) { results in
            let hookInput = ReportHookInput(
                report: self, context: context, document: document, runs: runs, result: results)
            try renderItems(hookInput, rendering)
            if let hook = spec.findingsHook.flatMap({ hooks[$0] }) { try hook(hookInput) }
        }
        return document
    }

    /// Each item by its hook, table or figure, then the spec's checks. A hook may measure for the
    /// table or figure its item's spec states, which is drawn after it.
    private func renderItems(_ hookInput: ReportHookInput, _ rendering: SpecRendering) throws {
        let document = hookInput.document
        for item in spec.items {
            let number = String(item.id.split(separator: " ").last ?? "")
            let input = hookInput.rendering(item)
            if let hook = item.hook.flatMap({ hooks[$0] }) { try hook(input) }
            let groups = item.table?.groups ?? item.figure.map(rendering.groups) ?? []
            if let missing = rendering.missingDataset(groups) {
                if item.hook == nil { _ = input.dataPresent(missing) }
                continue
            }
            if let markdown = item.table.map(rendering.markdown) ?? (item.hook == nil ? item.markdown : nil) {
                let prose = try item.prose(input.filled.values)
                document.addTable(
                    number: number, title: prose.title, caption: prose.caption, proposals: prose.proposals,
                    markdown: markdown)
            }
            for part in try item.figure.map(rendering.figures) ?? [] {
                let engine = ["part": part.part, "continued": part.part > "a" ? "continued, " : ""]
                let prose = try item.prose(
                    input.filled.values.merging(part.values.merging(engine) { $1 }) { hook, _ in hook })
                document.addFigure(
                    number: number + part.part, title: prose.title, caption: prose.caption,
                    proposals: prose.proposals, figure: part.figure, numbers: part.numbers)
            }
            for text in input.filled.textAfter { document.addText(text.markdown, checksOf: text.checksOf) }
        }
        for check in spec.checks ?? [] { rendering.add(check, to: document) }
    }
}
