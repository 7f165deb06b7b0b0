import Backprop
import Foundation

/// Report 003's Swift hooks ("Artificial Neural Network Homework 1", Tsinghua): its spec
/// (`ReportSpecs/003.json`) holds the eleven MLPs on MNIST and the three sweeps of the 2-layer
/// ReLU network as groups, and the printed rows of Tables 11–14 as paper rows; these render the
/// items, judge each row as the reproduction spec says and write the findings.
struct Report003 {
    let report: SpecReport
    let context: ReproductionContext

    /// Every hook by the id the spec names (the spec's checks judge the rows of Tables 11–14).
    static let hooks: [String: ReportHook] = [
        "003.architecture": { try Report003($0).architecture($0, table: Int($0.itemNumber) ?? 0) },
        "003.results": { try Report003($0).table11($0) },
        "003.iterations": { try Report003($0).figure2($0) },
        "003.all-models": { try Report003($0).figure3($0) },
        "003.sweep-table": { input in try Report003(input).sweepTable(input, Sweep(table: input.itemNumber)) },
        "003.findings": { try Report003($0).addFindings($0) },
    ]

    /// The report with its hooks.
    static var builtIn: SpecReport { BuiltInSpecs.report("003", hooks: hooks) }

    init(report: SpecReport, context: ReproductionContext) { (self.report, self.context) = (report, context) }
    init(_ input: ReportHookInput) { self.init(report: input.report, context: input.context) }

    /// A row of results as the paper prints it: train loss and accuracy, test loss and accuracy
    /// (accuracies in % in Tables 11 and 14, as fractions in Tables 12 and 13, E003-4).
    struct PaperResults {
        let trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double
    }

    /// The two losses of the report: Euclidean (MSE, after a Sigmoid output) and softmax cross-entropy.
    enum Loss {
        case mse, sce
    }

    /// One of Table 11's models as its spec variant runs it, with its row of the paper (nil for the spec's extra row).
    struct Model {
        let name: String, depth: Int, activation: String, loss: Loss, standardDeviation: Double
        /// The variant's model in the mode being rendered.
        let spec: ModelSpec
        /// The paper's Train Time (s) and results.
        var paper: (seconds: Double, results: PaperResults)?
        /// The title of the table (1–10) that lists this model's layers; nil for the spec's extra row.
        var architecture: String?
    }

    /// A paper row's number (NaN where it prints none).
    func paperNumber(_ row: String, _ column: String) -> Double {
        report.spec.paper?.first { $0.label == row }?.values[column]?.number ?? .nan
    }

    /// Table 11's models in the spec's order, read from the variants of its group "models".
    var models: [Model] {
        report.variants(named: ["models"]).map { variant in
            let name = String(variant.name.dropFirst("models ".count))
            let recipe = variant.recipe(context.mode)
            guard case .mlp(let mlp) = recipe.model else { preconditionFailure("report 003's \(name) is not an MLP") }
            let row = "models \(name)"
            let paperRow = report.spec.paper?.first { $0.label == row }
            var architecture: String?
            if case .text(let title) = paperRow?.values["architecture"] { architecture = title }
            return Model(
                name: name, depth: mlp.hidden.count, activation: mlp.activation,
                loss: recipe.training.loss.name == "euclidean" ? .mse : .sce,
                standardDeviation: mlp.initializer.settings["standardDeviation"]?.number ?? .nan, spec: recipe.model,
                paper: paperRow.map { _ in
                    (
                        seconds: paperNumber(row, "Train Time (s)"),
                        results: PaperResults(
                            trainLoss: paperNumber(row, "Train Loss"), trainAccuracy: paperNumber(row, "Train Acc (%)"),
                            testLoss: paperNumber(row, "Test Loss"), testAccuracy: paperNumber(row, "Test Acc (%)"))
                    )
                }, architecture: architecture)
        }
    }

    /// The network every sweep varies (Table 10's, lr 0.01, momentum 0.9, batch 100).
    var baseline: Model { models[9] }

    /// The run of `model` with one of the sweeps' settings changed (every 003 run shares one seed,
    /// so the baseline is one run in all four tables).
    func request(_ model: Model, rate: Double = 0.01, momentum: Double = 0.9, batch: Int = 100) -> RunRequest {
        let name =
            rate != 0.01
            ? "lr \(rate)" : momentum != 0.9 ? "m \(momentum)" : batch != 100 ? "B \(batch)" : "models \(model.name)"
        guard let variant = report.variants(named: [name]).first else {
            preconditionFailure("report 003's spec has no variant \"\(name)\"")
        }
        var request = report.request(variant, trial: 0, context)
        request.model = model.spec
        return request
    }
}
