import Backprop
import Foundation

/// Report 003: "Artificial Neural Network Homework 1" (Tsinghua): MLPs of depth 0–2 on MNIST with
/// Euclidean or softmax cross-entropy loss, then sweeps over learning rate, momentum and batch size.
struct Report003: ReportReproduction {
    let prefix = "003"
    let title = "Artificial Neural Network Homework 1 (Tsinghua): MLPs on MNIST and hyperparameter sweeps"

    var items: [(id: String, description: String, data: String)] {
        [("003 Fig. 1", "a general MLP (diagram)", "none")]
            + (1...10).map { ("003 Table \($0)", "architecture of model \($0) (generated from the model)", "none") }
            + [
                (
                    "003 Table 11", "results of the ten models on MNIST (+ the default-init 2-layer Sigmoid/MSE row)",
                    "MNIST"
                ),
                ("003 Fig. 2", "loss and accuracy against iteration, three parts (fig-2a/2b/2c)", "MNIST"),
                ("003 Fig. 3", "training process of all models in one graph", "MNIST"),
                ("003 Fig. 4", "training process at different learning rates", "MNIST"),
                ("003 Table 12", "results at different learning rates", "MNIST"),
                ("003 Fig. 5", "training process at different momentums", "MNIST"),
                ("003 Table 13", "results at different momentums", "MNIST"),
                ("003 Fig. 6", "training process at different batch sizes", "MNIST"),
                ("003 Table 14", "results at different batch sizes", "MNIST"),
            ]
    }

    /// A row of results as the paper prints it: train loss and accuracy, test loss and accuracy
    /// (accuracies in % in Tables 11 and 14, as fractions in Tables 12 and 13, E003-4).
    struct PaperResults {
        let trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double
    }

    /// The two losses of the report: Euclidean (MSE, after a Sigmoid output) and softmax cross-entropy.
    enum Loss {
        case mse, sce
    }

    /// One of Tables 1–10: the paper's title, and the cells the spec corrects (E003-2, E003-3).
    struct Architecture {
        let title: String
        var correction: String?
    }

    /// One of Table 11's models, with its row of the paper (nil for the spec's extra row).
    struct Model {
        let name: String, depth: Int, activation: String, loss: Loss
        var standardDeviation = 0.01
        /// The paper's Train Time (s) and results.
        var paper: (seconds: Double, results: PaperResults)?
        /// How far our test and train accuracy may be from the paper's, in percentage points.
        var accuracyBand = 0.5
        /// The erratum that makes the train loss not comparable, if any.
        var trainLossErratum: String?
        /// The finding that explains this row's loss checks when they fail or are n/c.
        var lossFinding: FindingID?
        /// The table (1–10) that lists this model's layers; nil for the spec's extra row.
        var architecture: Architecture?
        var inPaper: Bool { paper != nil }
        var spec: ModelSpec {
            .mlp(
                MLPSpec(
                    inputs: 784, hidden: Array([256, 128].prefix(depth)), outputs: 10, activation: activation,
                    outputActivation: loss == .mse ? "sigmoid" : nil,
                    initializer: InitializerSpec(name: "normal", ["standardDeviation": .number(standardDeviation)])))
        }
    }

    static let models: [Model] = [
        Model(
            name: "0-layer + MSE", depth: 0, activation: "sigmoid", loss: .mse,
            paper: (
                seconds: 168,
                results: PaperResults(trainLoss: 0.0968, trainAccuracy: 90.52, testLoss: 0.0926, testAccuracy: 91.09)
            ),
            architecture: Architecture(
                title: "No-hidden-layer Network with Euclidean Loss",
                correction:
                    "Corrected cell (E003-2): the paper lists layer 2 as “Sigmoid 256 → 256”; it is Sigmoid 10 → 10.")),
        Model(
            name: "0-layer + SCE", depth: 0, activation: "sigmoid", loss: .sce,
            paper: (
                seconds: 161,
                results: PaperResults(trainLoss: 0.2732, trainAccuracy: 92.32, testLoss: 0.2732, testAccuracy: 92.34)
            ),
            trainLossErratum: "E003-5", lossFinding: .zeroLayerTrainLoss,
            architecture: Architecture(title: "No-hidden-layer Network with Softmax Cross Entropy Loss")),
        Model(
            name: "1-layer + Sigmoid + MSE", depth: 1, activation: "sigmoid", loss: .mse,
            paper: (
                seconds: 706,
                results: PaperResults(trainLoss: 0.0913, trainAccuracy: 91.13, testLoss: 0.0857, testAccuracy: 91.8)
            ),
            accuracyBand: 1.0,
            architecture: Architecture(title: "One-hidden-layer Network with Sigmoid and Euclidean Loss")),
        Model(
            name: "1-layer + Relu + MSE", depth: 1, activation: "relu", loss: .mse,
            paper: (
                seconds: 666,
                results: PaperResults(trainLoss: 0.0351, trainAccuracy: 97.1, testLoss: 0.0357, testAccuracy: 97.04)
            ),
            architecture: Architecture(title: "One-hidden-layer Network with Relu and Euclidean Loss")),
        Model(
            name: "1-layer + Sigmoid + SCE", depth: 1, activation: "sigmoid", loss: .sce,
            paper: (
                seconds: 723,
                results: PaperResults(trainLoss: 0.1326, trainAccuracy: 96.67, testLoss: 0.1336, testAccuracy: 96.49)
            ),
            architecture: Architecture(title: "One-hidden-layer Network with Sigmoid and Softmax Cross Entropy Loss")),
        Model(
            name: "1-layer + Relu + SCE", depth: 1, activation: "relu", loss: .sce,
            paper: (
                seconds: 688,
                results: PaperResults(trainLoss: 0.132, trainAccuracy: 99.34, testLoss: 0.153, testAccuracy: 98.18)
            ),
            trainLossErratum: "E003-6", lossFinding: .oneLayerReluLosses,
            architecture: Architecture(title: "One-hidden-layer Network with Relu and Softmax Cross Entropy Loss")),
        Model(
            name: "2-layer + Sigmoid + MSE (std 0.1)", depth: 2, activation: "sigmoid", loss: .mse,
            standardDeviation: 0.1,
            paper: (
                seconds: 814,
                results: PaperResults(trainLoss: 0.097, trainAccuracy: 90.69, testLoss: 0.0911, testAccuracy: 91.34)
            ),
            accuracyBand: 1.5,
            architecture: Architecture(title: "Two-hidden-layer Network with Sigmoid and Euclidean Loss")),
        Model(
            name: "2-layer + Relu + MSE", depth: 2, activation: "relu", loss: .mse,
            paper: (
                seconds: 796,
                results: PaperResults(trainLoss: 0.0222, trainAccuracy: 98.23, testLoss: 0.0243, testAccuracy: 97.84)
            ),
            architecture: Architecture(title: "Two-hidden-layer Network with Relu and Euclidean Loss")),
        Model(
            name: "2-layer + Sigmoid + SCE", depth: 2, activation: "sigmoid", loss: .sce,
            paper: (
                seconds: 813,
                results: PaperResults(trainLoss: 0.1219, trainAccuracy: 96.88, testLoss: 0.1191, testAccuracy: 96.79)
            ),
            architecture: Architecture(
                title: "Two-hidden-layer Network with Sigmoid and Softmax Cross Entropy Loss",
                correction:
                    "Corrected cells (E003-3): the paper lists layer 4 as “Sigmoid 128 → 10” and layer 5 as “Linear 10 → 10”; they are Sigmoid 128 → 128 and Linear 128 → 10."
            )),
        Model(
            name: "2-layer + Relu + SCE", depth: 2, activation: "relu", loss: .sce,
            paper: (
                seconds: 781,
                results: PaperResults(trainLoss: 0.0174, trainAccuracy: 99.72, testLoss: 0.0541, testAccuracy: 98.34)
            ),
            architecture: Architecture(title: "Two-hidden-layer Network with Relu with Softmax Cross Entropy Loss")),
        Model(name: "2-layer + Sigmoid + MSE (default std 0.01)", depth: 2, activation: "sigmoid", loss: .mse),
    ]

    /// The parameter each of Tables 12–14 varies; the raw value is how the report names it.
    enum Sweep: String {
        case learningRate = "learning rate"
        case momentum
        case batchSize = "batch size"

        var plural: String {
            switch self {
            case .learningRate: return "Learning Rates"
            case .momentum: return "Momentums"
            case .batchSize: return "Batch Sizes"
            }
        }

        /// A swept value as the tables print it (batch sizes as integers).
        func display(_ value: Double) -> String { self == .batchSize ? "\(Int(value))" : "\(value)" }
    }

    /// How a sweep row's test metrics are gated (the spec's tolerance for that row).
    enum SweepGate {
        /// Test accuracy within ± `band` percentage points.
        case testAccuracy(band: Double)
        /// The run diverges: loss NaN/inf, or ≥ 2.2 with accuracy ≤ 20 %.
        case diverges
        /// The run stays near chance: accuracy ≤ 50 % and loss ≥ 2.0.
        case nearChance
    }

    /// One printed row of Tables 12–14: the swept value, the paper's results and how the row is gated.
    struct SweepRow {
        let value: Double
        let results: PaperResults
        var gate = SweepGate.testAccuracy(band: 0.5)
        /// Whether the train loss is gated too (the spec gates it for the rows that converge).
        var trainLossGated = true
    }

    /// Table 12 as printed, one row per learning rate.
    static let paper12: [SweepRow] = [
        SweepRow(
            value: 1.0,
            results: PaperResults(trainLoss: 2.3244, trainAccuracy: 0.1025, testLoss: 2.3037, testAccuracy: 0.1135),
            gate: .diverges, trainLossGated: false),
        SweepRow(
            value: 0.1,
            results: PaperResults(trainLoss: 0.1023, trainAccuracy: 0.9674, testLoss: 0.0853, testAccuracy: 0.9742),
            gate: .testAccuracy(band: 1.0)),
        SweepRow(
            value: 0.01,
            results: PaperResults(trainLoss: 0.0174, trainAccuracy: 0.9972, testLoss: 0.0541, testAccuracy: 0.9834)),
        SweepRow(
            value: 0.001,
            results: PaperResults(trainLoss: 0.0792, trainAccuracy: 0.9782, testLoss: 0.0864, testAccuracy: 0.9738)),
        SweepRow(
            value: 0.0001,
            results: PaperResults(trainLoss: 0.5686, trainAccuracy: 0.8287, testLoss: 0.4174, testAccuracy: 0.8769),
            gate: .testAccuracy(band: 3.0), trainLossGated: false),
        SweepRow(
            value: 0.00001,
            results: PaperResults(trainLoss: 2.2999, trainAccuracy: 0.1124, testLoss: 2.2988, testAccuracy: 0.1606),
            gate: .nearChance, trainLossGated: false),
    ]
    /// Table 13 as printed, one row per momentum.
    static let paper13: [SweepRow] = [
        SweepRow(
            value: 0.0,
            results: PaperResults(trainLoss: 0.0791, trainAccuracy: 0.9781, testLoss: 0.0848, testAccuracy: 0.9736)),
        SweepRow(
            value: 0.1,
            results: PaperResults(trainLoss: 0.0706, trainAccuracy: 0.9807, testLoss: 0.0807, testAccuracy: 0.9753)),
        SweepRow(
            value: 0.2,
            results: PaperResults(trainLoss: 0.0621, trainAccuracy: 0.9832, testLoss: 0.0772, testAccuracy: 0.9760)),
        SweepRow(
            value: 0.3,
            results: PaperResults(trainLoss: 0.0537, trainAccuracy: 0.9858, testLoss: 0.0747, testAccuracy: 0.9770)),
        SweepRow(
            value: 0.4,
            results: PaperResults(trainLoss: 0.0452, trainAccuracy: 0.9885, testLoss: 0.0727, testAccuracy: 0.9780)),
        SweepRow(
            value: 0.5,
            results: PaperResults(trainLoss: 0.0371, trainAccuracy: 0.9911, testLoss: 0.0703, testAccuracy: 0.9787)),
        SweepRow(
            value: 0.6,
            results: PaperResults(trainLoss: 0.0298, trainAccuracy: 0.9935, testLoss: 0.0674, testAccuracy: 0.9795)),
        SweepRow(
            value: 0.7,
            results: PaperResults(trainLoss: 0.0233, trainAccuracy: 0.9957, testLoss: 0.0650, testAccuracy: 0.9807)),
        SweepRow(
            value: 0.8,
            results: PaperResults(trainLoss: 0.0183, trainAccuracy: 0.9973, testLoss: 0.0605, testAccuracy: 0.9823)),
        SweepRow(
            value: 0.9,
            results: PaperResults(trainLoss: 0.0174, trainAccuracy: 0.9972, testLoss: 0.0541, testAccuracy: 0.9834)),
        SweepRow(
            value: 1.0,
            results: PaperResults(trainLoss: .nan, trainAccuracy: 0.0987, testLoss: .nan, testAccuracy: 0.0980),
            gate: .diverges, trainLossGated: false),
    ]
    /// Table 14 as printed, one row per batch size.
    static let paper14: [SweepRow] = [
        SweepRow(
            value: 10,
            results: PaperResults(trainLoss: 0.0837, trainAccuracy: 97.32, testLoss: 0.0763, testAccuracy: 97.72)),
        SweepRow(
            value: 20,
            results: PaperResults(trainLoss: 0.0452, trainAccuracy: 98.56, testLoss: 0.0603, testAccuracy: 98.26)),
        SweepRow(
            value: 30,
            results: PaperResults(trainLoss: 0.0327, trainAccuracy: 99.01, testLoss: 0.0511, testAccuracy: 98.51)),
        SweepRow(
            value: 40,
            results: PaperResults(trainLoss: 0.0259, trainAccuracy: 99.29, testLoss: 0.0525, testAccuracy: 98.33)),
        SweepRow(
            value: 50,
            results: PaperResults(trainLoss: 0.0224, trainAccuracy: 99.45, testLoss: 0.0539, testAccuracy: 98.28)),
        SweepRow(
            value: 60,
            results: PaperResults(trainLoss: 0.0204, trainAccuracy: 99.55, testLoss: 0.0518, testAccuracy: 98.29)),
        SweepRow(
            value: 100,
            results: PaperResults(trainLoss: 0.0174, trainAccuracy: 99.72, testLoss: 0.0541, testAccuracy: 98.34)),
        SweepRow(
            value: 200,
            results: PaperResults(trainLoss: 0.0183, trainAccuracy: 99.73, testLoss: 0.0605, testAccuracy: 98.23)),
        SweepRow(
            value: 300,
            results: PaperResults(trainLoss: 0.0233, trainAccuracy: 99.57, testLoss: 0.0623, testAccuracy: 98.18)),
        SweepRow(
            value: 400,
            results: PaperResults(trainLoss: 0.0297, trainAccuracy: 99.36, testLoss: 0.0662, testAccuracy: 98.07)),
    ]

    func learningRates(_ context: ReproductionContext) -> [Double] {
        context.value(full: Self.paper12.map(\.value), quick: [0.1, 0.01, 0.001])
    }
    func momentums(_ context: ReproductionContext) -> [Double] {
        context.value(full: Self.paper13.map(\.value), quick: [0.0, 0.5, 0.9])
    }
    func batchSizes(_ context: ReproductionContext) -> [Int] {
        context.value(full: Self.paper14.map { Int($0.value) }, quick: [50, 100, 200])
    }

    /// Every 003 run shares one seed, so the baseline (2-layer ReLU SCE, lr 0.01, m 0.9, B 100) is one run in all four tables.
    func request(
        _ model: Model, rate: Double = 0.01, momentum: Double = 0.9, batch: Int = 100, _ context: ReproductionContext
    ) -> RunRequest {
        var recording = RecordingSpec()
        recording.iterationWindow = 50
        recording.evaluateEveryEpoch = false
        return RunRequest(
            kind: .sharedLoop, label: "003 \(model.name) lr \(rate) m \(momentum) B \(batch)",
            dataset: DatasetSpec(name: "mnist", ["preprocessing": "centered"]), model: model.spec,
            training: TrainingSpec(
                epochs: context.value(full: 100, quick: 3), batchSize: batch,
                loss: LossSpec(name: model.loss == .mse ? "euclidean" : "softmax-cross-entropy"),
                optimizer: OptimizerSpec(
                    name: "sgd", learningRate: rate, ["momentum": .number(momentum), "weightDecay": 5e-4])),
            recording: recording, seed: context.seed("003", trial: 0))
    }

    var baseline: Model { Self.models[9] }

    func requests(_ context: ReproductionContext) -> [RunRequest] {
        guard context.data.hasMNIST else { return [] }
        return Self.models.map { request($0, context) }
            + learningRates(context).map { request(baseline, rate: $0, context) }
            + momentums(context).map { request(baseline, momentum: $0, context) }
            + batchSizes(context).map { request(baseline, batch: $0, context) }
            + experimentRequests(context)
    }

    func render(_ context: ReproductionContext, results: (RunRequest) -> RunResult?) throws -> ReportDocument {
        let document = ReportDocument(prefix: prefix, title: title, context: context)
        for run in requests(context) { document.addRun(run, results(run)) }
        try architectures(document, context)
        guard context.data.hasMNIST else {
            for item in items.dropFirst(11) {
                document.notRun(
                    item.id.replacingOccurrences(of: "003 ", with: ""), "all", paper: "see spec",
                    because: context.data.whyMissing("mnist"))
            }
            document.addText(
                "**not run: MNIST not found** under `\(context.data.dataDirectory)/mnist`: \(context.data.whyMissing("mnist")). Run `reproduce run` without `--offline` to download it, or point `BACKPROP_DATA` at a folder with `mnist/`."
            )
            return document
        }
        let modelRuns = Self.models.map { results(request($0, context)) }
        table11(document, modelRuns, context)
        figure2(document, modelRuns)
        figure3(document, modelRuns)
        sweep(
            document, table: "12", figure: "4", sweep: .learningRate, values: learningRates(context),
            paper: Self.paper12,
            runs: learningRates(context).map { results(request(baseline, rate: $0, context)) }, percentColumns: false,
            context)
        sweep(
            document, table: "13", figure: "5", sweep: .momentum, values: momentums(context), paper: Self.paper13,
            runs: momentums(context).map { results(request(baseline, momentum: $0, context)) }, percentColumns: false,
            variants: matchingConventions(context, results: results).map {
                (value: 0.0, change: $0.change, run: $0.run)
            }, context)
        sweep(
            document, table: "14", figure: "6", sweep: .batchSize, values: batchSizes(context).map(Double.init),
            paper: Self.paper14,
            runs: batchSizes(context).map { results(request(baseline, batch: $0, context)) }, percentColumns: true,
            context)
        addFindings(document, context, results: results)
        return document
    }

    private func architectures(_ document: ReportDocument, _ context: ReproductionContext) throws {
        let random = RandomSource(seed: 0)
        let generic = try context.registry.makeModel(Self.models[9].spec, random: random)
        let figure = Figure(width: 900, height: 240)
        Descriptive.drawChain(try generic.layerSummaries(inputShape: [784]), on: figure.axes())
        figure.axes().title = "x → Linear → activation → … → Linear → y (the 2-layer ReLU network)"
        document.addFigure(
            number: "1", title: "A General MLP",
            caption: "Rendered from the 2-layer model object; every network of Tables 1–10 is such a chain.",
            figure: figure, numbers: ["layers": Descriptive.chainNumbers(try generic.layerSummaries(inputShape: [784]))]
        )
        for (table, model) in Self.models.enumerated() {
            guard let architecture = model.architecture else { continue }
            let layers = try context.registry.makeModel(model.spec, random: random).layerSummaries(inputShape: [784])
            let chains = zip(layers, layers.dropFirst()).allSatisfy { $0.outputShape == $1.inputShape }
            let rows = layers.map {
                [
                    "\($0.index)", $0.type == "ReLU" ? "Relu" : $0.type, "\($0.inputShape.last ?? 0)",
                    "\($0.outputShape.last ?? 0)",
                ]
            }
            var caption =
                "Generated from the model object (`layerSummaries`); loss: \(model.loss == .mse ? "Euclidean, (1/2N)Σ‖x − t‖² on one-hot targets" : "softmax cross-entropy on the logits")."
            if let correction = architecture.correction { caption += " " + correction }
            document.requiring([]) {
                document.gate(
                    "Table \(table + 1)", "layers chain (each Out equals the next In)",
                    paper: architecture.correction == nil ? "yes" : "no (E003-2/3)", reproduced: chains ? "yes" : "no",
                    condition: .exact, holds: chains)
            }
            document.addTable(
                number: "\(table + 1)", title: architecture.title, caption: caption,
                markdown: markdownTable(["Layer", "Type", "In", "Out"], rows))
        }
    }

    /// Training loss and accuracy over the last epoch (running means), as the course's `train_net` reports them.
    /// A table cell of ours: the value, or "no result" when the run failed or was not run (never a NaN that reads as divergence).
    private func ours(_ run: RunResult?, _ text: String) -> String { run == nil ? "no result" : text }

    private func lastEpoch(_ run: RunResult?) -> (loss: Double, accuracy: Double) {
        (run?.history.last?.trainLoss ?? .nan, run?.history.last?.trainAccuracy ?? .nan)
    }

    private func table11(_ document: ReportDocument, _ runs: [RunResult?], _ context: ReproductionContext) {
        var rows: [[String]] = []
        var testAccuracy: [String: Double] = [:]
        for (model, run) in zip(Self.models, runs) {
            let (trainLoss, trainAccuracy) = lastEpoch(run)
            let testLoss = run?.finalTestLoss ?? .nan
            let test = 100 * (run?.finalTestAccuracy ?? .nan)
            testAccuracy[model.name] = test
            let p = model.paper
            rows.append([
                model.inPaper ? model.name : "\(model.name) — not in the paper",
                p.map { "\(Int($0.seconds))" } ?? "—", ours(run, formatted(run?.seconds, 0)),
                p.map { formatted($0.results.trainLoss, 4) } ?? "—", ours(run, formatted(trainLoss, 4)),
                p.map { formatted($0.results.trainAccuracy) } ?? "—", ours(run, formatted(100 * trainAccuracy)),
                p.map { formatted($0.results.testLoss, 4) } ?? "—", ours(run, formatted(testLoss, 4)),
                p.map { formatted($0.results.testAccuracy) } ?? "—", ours(run, formatted(test)),
            ])
            document.requiring([run]) {
                table11Gates(
                    document, model: model, run: run, test: test, testLoss: testLoss, trainLoss: trainLoss,
                    trainAccuracy: trainAccuracy)
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: zip(Self.models.map(\.name), runs))
        let pairs = [
            ("0-layer + SCE", "0-layer + MSE"), ("1-layer + Sigmoid + SCE", "1-layer + Sigmoid + MSE"),
            ("1-layer + Relu + SCE", "1-layer + Relu + MSE"),
            ("2-layer + Sigmoid + SCE", "2-layer + Sigmoid + MSE (std 0.1)"),
            ("2-layer + Relu + SCE", "2-layer + Relu + MSE"),
        ]
        for (better, worse) in pairs {
            let a = testAccuracy[better] ?? .nan
            let b = testAccuracy[worse] ?? .nan
            document.requiring([byName[better] ?? nil, byName[worse] ?? nil]) {
                document.gate(
                    "Table 11", "ORDER: \(better) > \(worse)", paper: "SCE better",
                    reproduced: "\(formatted(a)) vs \(formatted(b))", condition: .order, holds: a > b)
            }
        }
        for (better, worse) in [
            ("1-layer + Relu + MSE", "1-layer + Sigmoid + MSE"), ("1-layer + Relu + SCE", "1-layer + Sigmoid + SCE"),
            ("2-layer + Relu + MSE", "2-layer + Sigmoid + MSE (std 0.1)"),
            ("2-layer + Relu + SCE", "2-layer + Sigmoid + SCE"),
        ] {
            let a = testAccuracy[better] ?? .nan
            let b = testAccuracy[worse] ?? .nan
            document.requiring([byName[better] ?? nil, byName[worse] ?? nil]) {
                document.gate(
                    "Table 11", "ORDER: \(better) > \(worse)", paper: "ReLU better",
                    reproduced: "\(formatted(a)) vs \(formatted(b))", condition: .order, holds: a > b)
            }
        }
        table11Markdown(document, rows, context)
    }

    /// Table 11's checks of one model's row.
    private func table11Gates(
        _ document: ReportDocument, model: Model, run: RunResult?, test: Double, testLoss: Double, trainLoss: Double,
        trainAccuracy: Double
    ) {
        guard let (seconds, p) = model.paper else {
            document.gate(
                "Table 11", "extra row: test accuracy (%) stays at chance", paper: "“performs poorly” (§3.1)",
                measured: run == nil ? nil : test, shown: formatted(test), tolerance: .atMost(20, unit: "%"))
            return
        }
        let band = model.accuracyBand
        document.gate(
            "Table 11", "\(model.name): test accuracy (%)", paper: formatted(p.testAccuracy), expected: p.testAccuracy,
            measured: run == nil ? nil : test, shown: formatted(test), tolerance: .absolute(band, unit: "pp"))
        document.gate(
            "Table 11", "\(model.name): train accuracy (%)", paper: formatted(p.trainAccuracy),
            expected: p.trainAccuracy, measured: run == nil ? nil : 100 * trainAccuracy,
            shown: formatted(100 * trainAccuracy), tolerance: .absolute(band, unit: "pp"))
        if let erratum = model.trainLossErratum {
            document.note(
                "Table 11", "\(model.name): train loss", paper: formatted(p.trainLoss, 4),
                reproduced: formatted(trainLoss, 4), measured: trainLoss, tolerance: .notComparable(erratum),
                finding: model.lossFinding?.rawValue)
        } else {
            document.gate(
                "Table 11", "\(model.name): train loss", paper: formatted(p.trainLoss, 4), expected: p.trainLoss,
                measured: run == nil ? nil : trainLoss, shown: formatted(trainLoss, 4),
                tolerance: .relative(percent: 25), finding: model.lossFinding?.rawValue)
        }
        document.gate(
            "Table 11", "\(model.name): test loss", paper: formatted(p.testLoss, 4), expected: p.testLoss,
            measured: run == nil ? nil : testLoss, shown: formatted(testLoss, 4), tolerance: .relative(percent: 25),
            finding: model.lossFinding?.rawValue)
        document.note(
            "Table 11", "\(model.name): train time (s)", paper: "\(Int(seconds))",
            reproduced: formatted(run?.seconds, 0), measured: run?.seconds, tolerance: .soft("hardware, E003-12"))
    }

    private func table11Markdown(_ document: ReportDocument, _ rows: [[String]], _ context: ReproductionContext) {
        document.addTable(
            number: "11", title: "Experimental Results on MNIST",
            caption:
                "Train loss / accuracy are the running means over the last epoch's iterations (as the course's `train_net` prints them); test metrics are on the 10,000 test images after the last epoch; Train Time is wall-clock seconds on this machine. SGD lr 0.01, momentum 0.9, weight decay 5e-4 (PyTorch form), batch 100, \(context.value(full: 100, quick: 3)) epochs, reshuffled each epoch; pixels (x − 128)/255; weights N(0, 0.01²), biases 0 (std 0.1 for the 2-layer Sigmoid/MSE row, as the report says). The last row is the spec's extra row (not in the paper) showing the default init fails for that network.",
            proposals: [
                "UNSTATED → PROPOSAL: init std 0.01 (course starter code, E003-8); preprocessing (x − 128)/255; momentum and weight decay as in PyTorch SGD; one run per row."
            ],
            markdown: markdownTable(
                [
                    "Model", "Train Time(s) paper", "ours", "Train Loss paper", "ours", "Train Acc(%) paper", "ours",
                    "Test Loss paper", "ours", "Test Acc(%) paper", "ours",
                ], rows))
    }

    /// Iteration axis of 50-iteration windows.
    private func windowX(_ run: RunResult) -> [Double] { run.windowLosses.indices.map { Double(($0 + 1) * 50) } }

    private func figure2(_ document: ReportDocument, _ runs: [RunResult?]) {
        let parts: [(String, Range<Int>)] = [("2a", 0..<4), ("2b", 4..<8), ("2c", 8..<11)]
        for (number, range) in parts {
            let figure = Figure(rows: range.count, columns: 2, width: 1000, height: 260 * range.count)
            var numbers: [String: Any] = [:]
            for (row, index) in range.enumerated() {
                let model = Self.models[index]
                let lossAxes = figure.axes(row, 0)
                let accuracyAxes = figure.axes(row, 1)
                lossAxes.title = "\(model.name): loss"
                accuracyAxes.title = "\(model.name): accuracy"
                lossAxes.yScale = .logarithmic
                lossAxes.xLabel = row == range.count - 1 ? "iteration" : nil
                accuracyAxes.xLabel = lossAxes.xLabel
                guard let run = runs[index] else { continue }
                lossAxes.plot(
                    x: windowX(run), y: run.windowLosses, label: "train (50-iteration mean)",
                    style: LineStyle(width: 1.2))
                accuracyAxes.plot(
                    x: windowX(run), y: run.windowAccuracies, label: "train (50-iteration mean)",
                    style: LineStyle(color: Color.cycle(1), width: 1.2))
                numbers[model.name] = [
                    "final_window_loss": run.windowLosses.last ?? .nan,
                    "final_window_accuracy": run.windowAccuracies.last ?? .nan,
                ]
            }
            document.addFigure(
                number: number,
                title:
                    "Loss and Accuracy against Iteration (\(number.last == "a" ? "" : "continued, ")part \(number.last!))",
                caption:
                    "Training loss and accuracy per 50-iteration window (the course's `disp_freq`), the same runs as Table 11, in its row order.",
                proposals: [
                    "PROPOSAL (E003-9): three figures mirroring the three parts; the extra default-init row is in part c."
                ],
                figure: figure, numbers: numbers)
        }
        if let extra = runs[10] {
            document.requiring([extra]) {
                document.gate(
                    "Fig. 2c", "extra std-0.01 Sigmoid/MSE run stays flat (final window accuracy)",
                    paper: "vanishing gradients", measured: extra.windowAccuracies.last ?? 1,
                    shown: formatted(extra.windowAccuracies.last, 4), tolerance: .atMost(0.2))
            }
        }
    }

    private func figure3(_ document: ReportDocument, _ runs: [RunResult?]) {
        let (figure, lossAxes, accuracyAxes) = LossAndAccuracyFigure(
            lossTitle: "training loss (log scale; MSE and SCE differ in scale)", accuracyTitle: "training accuracy",
            xLabel: "epoch",
            width: 1300, height: 520
        ).parts
        var early: [String: Double] = [:]
        var epochOne: [(model: Model, accuracy: Double)] = []
        for (index, model) in Self.models.enumerated().prefix(10) {
            guard let run = runs[index] else { continue }
            let perEpoch = 12
            let losses = RunExecutor.windowMeans(run.windowLosses, perEpoch)
            let accuracies = RunExecutor.windowMeans(run.windowAccuracies, perEpoch)
            let style = LineStyle(color: Color.cycle(index), width: 1.4, dash: model.loss == .mse ? [5, 3] : [])
            lossAxes.plot(x: losses.indices.map { Double($0 + 1) }, y: losses, label: model.name, style: style)
            accuracyAxes.plot(x: accuracies.indices.map { Double($0 + 1) }, y: accuracies, style: style)
            early[model.name] = accuracies.first ?? .nan
            epochOne.append((model, accuracies.first ?? .nan))
        }
        let meanAccuracy = { (included: (Model) -> Bool) in
            Statistics.mean(epochOne.filter { included($0.model) }.map(\.accuracy))
        }
        let sce = meanAccuracy { $0.loss == .sce }
        let mse = meanAccuracy { $0.loss == .mse }
        let relu = meanAccuracy { $0.depth > 0 && $0.activation == "relu" }
        let sigmoid = meanAccuracy { $0.depth > 0 && $0.activation == "sigmoid" }
        document.requiring(Array(runs.prefix(10))) {
            document.gate(
                "Fig. 3", "SCE converges faster than MSE (mean epoch-1 accuracy)", paper: "SCE faster",
                reproduced: "\(formatted(sce, 4)) vs \(formatted(mse, 4))", condition: .shape(), holds: sce > mse)
            document.gate(
                "Fig. 3", "ReLU converges faster than Sigmoid (mean epoch-1 accuracy)", paper: "ReLU faster",
                reproduced: "\(formatted(relu, 4)) vs \(formatted(sigmoid, 4))", condition: .shape(),
                holds: relu > sigmoid)
        }
        document.addFigure(
            number: "3", title: "Training Process of Different Models",
            caption:
                "All ten Table 11 models, down-sampled to one point per epoch (600 iterations); dashed lines are Euclidean-loss (MSE) models.",
            figure: figure, numbers: ["epoch1_accuracy": early])
    }

    private func sweep(
        _ document: ReportDocument, table: String, figure number: String, sweep: Sweep, values: [Double],
        paper: [SweepRow],
        runs: [RunResult?], percentColumns: Bool, variants: [(value: Double, change: String, run: RunResult)] = [],
        _ context: ReproductionContext
    ) {
        let name = sweep.rawValue
        let (figure, lossAxes, accuracyAxes) = LossAndAccuracyFigure(
            lossTitle: "(a) Training Loss against Iteration", accuracyTitle: "(b) Training Accuracy against Iteration",
            xLabel: "iteration",
            width: 1300, height: 500
        ).parts
        if sweep == .batchSize { for axes in [lossAxes, accuracyAxes] { axes.xScale = .logarithmic } }
        var rows: [[String]] = []
        var tests: [Double] = []
        var trainLosses: [Double] = []
        var numbers: [String: Any] = [:]
        for (index, value) in values.enumerated() {
            let run = runs[index]
            let label = sweep == .batchSize ? "B = \(Int(value))" : "\(name) \(sweep.display(value))"
            if let run {
                // Past the palette's ten colours, curves are dashed so no two share a look.
                let style = LineStyle(
                    color: Color.cycle(index), width: 1.1, dash: index >= Color.palette.count ? [6, 3] : [])
                lossAxes.plot(x: windowX(run), y: run.windowLosses, label: label, style: style)
                accuracyAxes.plot(x: windowX(run), y: run.windowAccuracies, style: style)
            }
            let (trainLoss, trainAccuracy) = lastEpoch(run)
            let testLoss = run?.finalTestLoss ?? .nan
            let test = run?.finalTestAccuracy ?? .nan
            tests.append(test)
            trainLosses.append(trainLoss)
            numbers[label] = [
                "train_loss": trainLoss, "train_accuracy": trainAccuracy, "test_loss": testLoss, "test_accuracy": test,
                "diverged": run?.history.diverged ?? false,
            ]
            let printedRow = paper.first { $0.value == value }
            let printed = printedRow?.results
            let scale = percentColumns ? 1.0 : 100.0
            rows.append([
                sweep.display(value),
                printed.map { formatted($0.trainLoss, 4) } ?? "—", ours(run, formatted(trainLoss, 4)),
                printed.map { formatted($0.trainAccuracy, percentColumns ? 2 : 4) } ?? "—",
                ours(run, formatted(100 * trainAccuracy)),
                printed.map { formatted($0.testLoss, 4) } ?? "—", ours(run, formatted(testLoss, 4)),
                printed.map { formatted($0.testAccuracy, percentColumns ? 2 : 4) } ?? "—",
                ours(run, formatted(100 * test)),
            ])
            guard let printedRow else { continue }
            document.requiring([run]) {
                gateRow(
                    document, table: table, sweep: sweep, row: printedRow, scale: scale, test: 100 * test,
                    testLoss: testLoss, trainLoss: trainLoss, run: run)
            }
        }
        for variant in variants.reversed() {
            guard let index = values.firstIndex(of: variant.value), let last = variant.run.history.last else {
                continue
            }
            rows.insert(
                [
                    "\(sweep.display(variant.value)), \(variant.change) (not the spec's configuration; see Findings)",
                    "", formatted(last.trainLoss, 4), "",
                    formatted(100 * last.trainAccuracy), "", formatted(variant.run.finalTestLoss, 4), "",
                    formatted(100 * (variant.run.finalTestAccuracy ?? .nan)),
                ], at: index + 1)
        }
        // A diverging run's finite losses reach 1e27; cap the loss axis at ten times the largest loss of
        // the runs that did not diverge, so theirs stay readable (the diverging curve leaves through the top).
        let settled = runs.compactMap { $0 }.filter { !$0.history.diverged }.flatMap(\.windowLosses).filter(\.isFinite)
        var capped = false
        if let largest = settled.max(), let smallest = settled.filter({ $0 > 0 }).min(),
            runs.contains(where: { $0?.history.diverged == true })
        {
            lossAxes.yLimits = smallest / 2...largest * 10
            capped = true
        }
        document.requiring(runs) {
            orderGates(document, table: table, sweep: sweep, values: values, tests: tests, trainLosses: trainLosses)
        }
        document.addFigure(
            number: number, title: "Training Process with Different \(sweep.plural)",
            caption:
                "The Table 10 network with the common configuration except the \(name); curves are 50-iteration means; a curve ends at its first non-finite loss (diverged runs)\(capped ? ", and the loss axis stops at ten times the largest loss of the runs that did not diverge" : "").\(sweep == .batchSize ? " Runs differ in length (iterations = epochs × 60,000 / B), hence the log x axis." : "")",
            proposals: sweep == .batchSize
                ? ["PROPOSAL: log-x iteration axis; learning rate fixed at 0.01 with the loss averaged over the batch."]
                : [],
            figure: figure, numbers: numbers)
        document.addTable(
            number: table, title: "Experimental Results with Different \(sweep.plural)",
            caption:
                "Paper values exactly as printed\(percentColumns ? "" : " (its accuracy columns are headed (%) but hold fractions, E003-4)"); ours in %. The baseline row (lr 0.01, momentum 0.9, batch 100) is the same run as Table 11's last model.\(sweep == .batchSize ? " Rows B = 200, 300 and 400 nearly duplicate Table 13's m = 0.8, 0.7, 0.6 rows (E003-7); each row is gated on its own." : "")",
            markdown: markdownTable(
                [
                    name, "Train Loss paper", "ours", "Train Acc paper", "ours (%)", "Test Loss paper", "ours",
                    "Test Acc paper", "ours (%)",
                ], rows))
    }

    /// The checks of one sweep row, as `row.gate` says; `scale` turns the paper's accuracies into %.
    private func gateRow(
        _ document: ReportDocument, table: String, sweep: Sweep, row: SweepRow, scale: Double, test: Double,
        testLoss: Double, trainLoss: Double, run: RunResult?
    ) {
        let id = "Table \(table)"
        let name = "\(sweep.rawValue) \(sweep.display(row.value))"
        let printed = row.results
        let paperTest = printed.testAccuracy * scale
        switch row.gate {
        case .diverges:
            let diverged = run?.history.diverged == true || !testLoss.isFinite
            document.gate(
                id, "\(name): diverges", paper: "\(formatted(printed.testLoss, 4)) / \(formatted(paperTest)) %",
                reproduced: "\(formatted(testLoss, 4)) / \(formatted(test))",
                condition: .shape("loss NaN/inf or ≥ 2.2 with accuracy ≤ 20 %"),
                holds: diverged || (testLoss >= 2.2 && test <= 20))
        case .nearChance:
            document.gate(
                id, "\(name): near chance", paper: "\(formatted(paperTest)) %",
                reproduced: "\(formatted(test)) % (loss \(formatted(testLoss, 4)))",
                condition: .shape("accuracy ≤ 50 %, loss ≥ 2.0"), holds: test <= 50 && testLoss >= 2.0)
        case .testAccuracy(let band):
            document.gate(
                id, "\(name): test accuracy (%)", paper: formatted(paperTest), expected: paperTest,
                measured: run == nil ? nil : test, shown: formatted(test), tolerance: .absolute(band, unit: "pp"),
                finding: sweep == .batchSize
                    ? FindingID.smallBatchTestAccuracy.rawValue
                    : sweep == .learningRate && row.value == 0.1 ? FindingID.largeRateTestAccuracy.rawValue : nil)
        }
        guard row.trainLossGated else { return }
        document.gate(
            id, "\(name): train loss", paper: formatted(printed.trainLoss, 4), expected: printed.trainLoss,
            measured: run == nil ? nil : trainLoss, shown: formatted(trainLoss, 4),
            tolerance: .relative(percent: sweep == .batchSize ? 30 : 25), finding: FindingID.sweepTrainLoss.rawValue)
    }

    private func orderGates(
        _ document: ReportDocument, table: String, sweep: Sweep, values: [Double], tests: [Double],
        trainLosses: [Double]
    ) {
        let id = "Table \(table)"
        switch sweep {
        case .learningRate:
            let best = values[
                tests.indices.max { (tests[$0].isNaN ? -1 : tests[$0]) < (tests[$1].isNaN ? -1 : tests[$1]) } ?? 0]
            document.gate(
                id, "ORDER: lr 0.01 gives the best test accuracy", paper: "0.01", reproduced: "\(best)",
                condition: .order, holds: best == 0.01)
        case .momentum:
            let range = values.indices.filter { values[$0] <= 0.9 }
            let rho = Statistics.spearman(range.map { values[$0] }, range.map { tests[$0] })
            document.gate(
                id, "ORDER: Spearman ρ(m, test accuracy) over m ∈ [0, 0.9]", paper: "1.0",
                measured: rho, shown: formatted(rho, 3), tolerance: .atLeast(0.9))
            let upTo08 = values.indices.filter { values[$0] <= 0.8 }.map { trainLosses[$0] }
            let nonIncreasing = zip(upTo08, upTo08.dropFirst()).allSatisfy { $1 <= $0 }
            document.gate(
                id, "ORDER: train loss non-increasing in m over [0, 0.8]", paper: "yes",
                reproduced: nonIncreasing ? "yes" : "no", condition: .order, holds: nonIncreasing)
        case .batchSize:
            let lowest = values[trainLosses.indices.min { trainLosses[$0] < trainLosses[$1] } ?? 0]
            document.note(
                id, "training loss U-shaped, minimum at B ∈ {60, 100, 200}", paper: "minimum at B = 100",
                reproduced: "minimum at B = \(Int(lowest))", tolerance: .soft())
        }
    }
}
