import Backprop
import Foundation

/// Report 004's Swift hooks ("Submission Assignment #1", VU Amsterdam DL): its spec
/// (`ReportSpecs/004.json`) holds the scalar 2-3-2 network's runs on the synthetic data and the
/// vectorised 784-300-10 network's runs on MNIST (Figs. 4–7, the final model, the rates the text
/// says exploded) as groups; these render the items and judge them as the reproduction spec says.
struct Report004 {
    let report: SpecReport
    let context: ReproductionContext

    /// Every hook by the id the spec names.
    static let hooks: [String: ReportHook] = [
        "004.diagram": { try Report004($0).diagram($0) },
        "004.dry-run": { try Report004($0).dryRun($0) },
        "004.dataset": { try Report004($0).datasetFigure($0) },
        "004.scalar-training": { try Report004($0).scalarTraining($0, $0.results("scalar")) },
        "004.sgd": { input in
            guard input.dataPresent("mnist") else { return }
            try Report004(input).stochasticChecks(input, run: input.first("fig4"))
        },
        "004.mini-batch": { input in
            guard input.dataPresent("mnist") else { return }
            try Report004(input).miniBatchChecks(input, run: input.first("fig5"))
        },
        "004.learning-rates": { try Report004($0).sweep($0, .learningRates) },
        "004.batch-sizes": { try Report004($0).sweep($0, .batchSizes) },
        "004.final-model": { input in
            guard input.dataPresent("mnist") else {
                input.document.addText(
                    "**not run: MNIST not found** under `\(input.context.data.dataDirectory)/mnist` (\(input.context.data.whyMissing("mnist"))): Figs. 4–7 and Text-3. Run `reproduce run` without `--offline` to download it, or set `BACKPROP_DATA`."
                )
                return
            }
            Report004(input).finalModel(input.document, input.first("final"))
        },
        "004.findings": { try Report004($0).addFindings($0) },
    ]

    /// The report with its hooks.
    static var builtIn: SpecReport { BuiltInSpecs.report("004", hooks: hooks) }

    init(report: SpecReport, context: ReproductionContext) { (self.report, self.context) = (report, context) }
    init(_ input: ReportHookInput) { self.init(report: input.report, context: input.context) }

    /// The rates the Fig. 6 text says "exploded", each with its run in Fig. 6's set-up (full mode only).
    func explosionRuns(_ input: ReportHookInput) -> [(rate: Double, run: RunResult?)] {
        report.variants(named: ["exploded"], in: context.mode).map {
            ($0.full.training.optimizer.learningRate, input.first($0.name))
        }
    }
}
