import Backprop
import Foundation

/// Report 001: "Project 2 – Mini Deep Learning Framework" (EPFL EE-559): activations, initialisations,
/// losses, optimizers, a plateau scheduler and dropout on the disk data.
struct Report001: ReportReproduction {
    let prefix = "001"
    let title = "Project 2 – Mini Deep Learning Framework (EPFL EE-559): configurable MLPs on the disk dataset"

    var items: [(id: String, description: String, data: String)] {
        [
            ("001 Fig. 1", "train and test loss of the first model over 200 epochs", "disk (generated)"),
            ("001 Table 1", "activation functions (generated, gradient-checked)", "none"),
            ("001 Table 2", "weight initialisations with empirical spreads", "none"),
            ("001 Fig. 2", "test error by activation × initialisation (10 trials)", "disk (generated)"),
            ("001 Fig. 3", "test error by loss × optimizer (10 trials)", "disk (generated)"),
            ("001 Fig. 4", "training loss with and without the plateau scheduler", "disk (generated)"),
            ("001 Fig. 5", "test loss with dropout (train and eval mode) and without", "disk (generated)"),
        ]
    }

    /// One configuration of the common 2-25-25-25 network.
    struct Setup: Hashable {
        var activation = "relu", initializer = "pytorch-default", loss = "mse", optimizer = "sgd"
        var plateau = false, dropout: Double?
        var name: String {
            "\(activation)/\(initializer)/\(loss)/\(optimizer)\(plateau ? "/plateau" : "")\(dropout.map { "/dropout \($0)" } ?? "")"
        }
    }

    func request(_ setup: Setup, trial: Int, _ context: ReproductionContext, experiment: String) -> RunRequest {
        let outputs = setup.loss == "mse" ? 1 : 2
        let model = ModelSpec.mlp(
            MLPSpec(
                inputs: 2, hidden: [25, 25, 25], outputs: outputs, activation: setup.activation,
                initializer: InitializerSpec(
                    name: setup.initializer, gainFromActivation: setup.initializer != "pytorch-default"),
                dropout: setup.dropout))
        let optimizer =
            setup.optimizer == "sgd"
            ? OptimizerSpec(name: "sgd", learningRate: 0.01, ["momentum": 0.9, "momentumForm": "velocity"])
            : OptimizerSpec(name: "adam", learningRate: 1e-3)
        var recording = RecordingSpec()
        recording.evaluateTrainingSet = true
        recording.evaluateTestInTrainingMode = setup.dropout != nil
        return RunRequest(
            kind: .sharedLoop, label: "001 \(experiment) \(setup.name) trial \(trial)",
            dataset: DatasetSpec(name: "disk", trainCount: 1000, testCount: 1000),
            model: model,
            training: TrainingSpec(
                epochs: context.value(full: 200, quick: 50), batchSize: 100,
                loss: LossSpec(name: setup.loss == "mse" ? "mse" : "softmax-cross-entropy"), optimizer: optimizer,
                schedule: setup.plateau ? ScheduleSpec(name: "plateau") : nil),
            recording: recording, seed: context.seed("001-\(experiment)", trial: trial))
    }

    static let figure2Setups = ["relu", "tanh"].flatMap { activation in
        ["pytorch-default", "xavier-normal", "he-normal"].map { Setup(activation: activation, initializer: $0) }
    }
    static let figure3Setups = ["mse", "cross-entropy"].flatMap { loss in
        ["sgd", "adam"].map { Setup(loss: loss, optimizer: $0) }
    }
    static let withScheduler = Setup(loss: "cross-entropy", optimizer: "adam", plateau: true)
    static let withoutScheduler = Setup(loss: "cross-entropy", optimizer: "adam")
    static let withDropout = Setup(loss: "cross-entropy", optimizer: "adam", plateau: true, dropout: 0.1)

    /// The trial runs of a grid experiment; Fig. 3's (MSE, SGD) shares Fig. 2's (ReLU, default) runs.
    func gridRequests(_ setups: [Setup], _ context: ReproductionContext) -> [Setup: [RunRequest]] {
        Dictionary(
            setups.map { setup in
                (
                    setup,
                    (0..<context.trials(full: 10, quick: 3)).map {
                        request(setup, trial: $0, context, experiment: "grid")
                    }
                )
            }, uniquingKeysWith: { first, _ in first })
    }

    func requests(_ context: ReproductionContext) -> [RunRequest] {
        let single = [
            request(Setup(), trial: 0, context, experiment: "fig1"),
            request(Self.withScheduler, trial: 0, context, experiment: "scheduler"),
            request(Self.withoutScheduler, trial: 0, context, experiment: "scheduler"),
            request(Self.withDropout, trial: 0, context, experiment: "scheduler"),
        ]
        return single
            + gridRequests(Self.figure2Setups + Self.figure3Setups, context).values.flatMap { $0 }.sorted {
                $0.label < $1.label
            }
    }

    func render(_ context: ReproductionContext, results: (RunRequest) -> RunResult?) throws -> ReportDocument {
        let document = ReportDocument(prefix: prefix, title: title, context: context)
        for run in requests(context) { document.addRun(run, results(run)) }
        firstModel(document, results(request(Setup(), trial: 0, context, experiment: "fig1")))
        try activationTable(document)
        initializationTable(document)
        let grid = gridRequests(Self.figure2Setups + Self.figure3Setups, context).mapValues { $0.compactMap(results) }
        let activationMeans = gridFigure(
            document, number: "2",
            title: "Testing error rates for different activation functions and weight initialization",
            setups: Self.figure2Setups, grid: grid, groups: ["ReLU", "Tanh"], series: ["default", "xavier", "he"]
        ) { setup in
            (
                setup.activation == "relu" ? 0 : 1,
                ["pytorch-default": 0, "xavier-normal": 1, "he-normal": 2][setup.initializer]!
            )
        }
        figure2Gates(document, activationMeans)
        let losses = ["MSE", "CE"]
        let optimizers = ["SGD", "Adam"]
        let lossMeans = gridFigure(
            document, number: "3", title: "Testing error rates for different losses and optimizers",
            setups: Self.figure3Setups, grid: grid, groups: losses, series: optimizers
        ) { setup in
            (setup.loss == "mse" ? 0 : 1, setup.optimizer == "sgd" ? 0 : 1)
        }
        figure3Gates(document, lossMeans, losses: losses, optimizers: optimizers)
        let scheduled = results(request(Self.withScheduler, trial: 0, context, experiment: "scheduler"))
        schedulerFigure(
            document, with: scheduled,
            without: results(request(Self.withoutScheduler, trial: 0, context, experiment: "scheduler")))
        dropoutFigure(
            document, dropout: results(request(Self.withDropout, trial: 0, context, experiment: "scheduler")),
            reference: scheduled)
        return document
    }

    private func testError(_ run: RunResult) -> Double { 100 * (1 - (run.finalTestAccuracy ?? 0)) }

    private func firstModel(_ document: ReportDocument, _ run: RunResult?) {
        let figure = Figure()
        let axes = figure.axes()
        axes.xLabel = "epoch"
        axes.yLabel = "MSE loss"
        axes.yScale = .logarithmic
        let train = run?.history.epochs.map { $0.trainEvaluationLoss ?? .nan } ?? []
        let test = run?.history.epochs.map { $0.testLoss ?? .nan } ?? []
        axes.plot(x: train.indices.map { Double($0 + 1) }, y: train, label: "train set")
        axes.plot(x: test.indices.map { Double($0 + 1) }, y: test, label: "test set")
        let error = run.map(testError) ?? .nan
        let falls = { (values: [Double]) in (values.last ?? .nan) < 0.5 * (values.first ?? .nan) }
        document.gate(
            "Fig. 1", "final loss < 50 % of the epoch-1 loss (train / test)", paper: "loss reduced over the epochs",
            reproduced:
                "\(formatted(train.first, 4)) → \(formatted(train.last, 4)) / \(formatted(test.first, 4)) → \(formatted(test.last, 4))",
            condition: .shape(), holds: run == nil ? nil : falls(train) && falls(test))
        document.gate(
            "Fig. 1", "final test error (%)", paper: "—", measured: run.map(testError), shown: formatted(error),
            tolerance: .atMost(10, unit: "%"))
        document.addFigure(
            number: "1", title: "Training session of first model: loss of train set and test set over 200 epochs",
            caption:
                "2 → 25 → 25 → 25 → 1, ReLU, MSE against the 0/1 label, SGD with momentum; the loss of the whole training and test sets after each epoch.",
            proposals: [
                "UNSTATED → PROPOSAL: PyTorch default init, SGD η = 0.01 in report 001's velocity form with γ = 0.9 (E001-4), batch 100, 1,000 + 1,000 points."
            ],
            figure: figure, numbers: ["train_loss": train, "test_loss": test, "final_test_error_percent": error])
    }

    private func activationTable(_ document: ReportDocument) throws {
        var rows: [[String]] = []
        let paper: [String: (formula: String, derivative: String)] = [
            "ReLU": ("f(x) = max(0, x)", "f'(x) = 1 if $x > 0$ and 0 otherwise"),
            "Tanh": (#"$f(x) = \frac{1 - e^{-2x}}{1 + e^{-2x}}$"#, #"$f'(x) = 1 - \tanh(x)^2$"#),
        ]
        for (doc, module) in [
            (ReLUFunction.documentation, ReLU<Double>() as any Module<Double>),
            (TanhFunction.documentation, Tanh<Double>()),
        ] {
            let error = try Descriptive.gradientCheckError(module)
            let printed = paper[doc.name]!
            rows.append([
                doc.name, "$\(doc.formula)$", "$\(doc.derivative)$", printed.formula, printed.derivative,
                String(format: "%.1e", error),
            ])
            document.requiring([]) {
                document.gate(
                    "Table 1", "\(doc.name) backward vs central differences", paper: printed.derivative,
                    measured: error, shown: String(format: "%.1e", error), tolerance: .atMost(1e-6))
            }
        }
        let relu = ReLU<Double>()
        let atZero = (try? relu.forward(Tensor([0.0])), try? relu.backward(Tensor([1.0])))
        document.requiring([]) {
            document.gate(
                "Table 1", "ReLU′(0)", paper: "0 (“0 otherwise”)", expected: 0,
                measured: atZero.1?.scalars.first, shown: formatted(atZero.1?.scalars.first, 0), tolerance: .exact)
        }
        document.addTable(
            number: "1", title: "Activation functions of the framework",
            caption:
                "Generated from Backprop's activation registry, with each layer's backward checked against central differences in Double.",
            markdown: markdownTable(
                [
                    "Name", "Function (Backprop)", "Derivative (Backprop)", "Function (paper)", "Derivative (paper)",
                    "gradient check",
                ], rows))
    }

    private func initializationTable(_ document: ReportDocument) {
        let random = RandomSource(seed: 1)
        let schemes: [(String, String, String, Initializer, String)] = [
            ("Default", "$w_{ij} = Uni(-a, a)$", "$a = 1/\\sqrt{l}$", .pytorchDefault, "U(±1/√l): std a/√3"),
            (
                "Xavier normal", "$w_{ij} = N(0, std^2)$", "$std = gain/\\sqrt{l+m}$", .xavierNormal(gain: 1),
                "N(0, (gain·√(2/(l+m)))²) (E001-8)"
            ),
            ("He", "$w_{ij} = N(0, std^2)$", "$std = gain/\\sqrt{l}$", .heNormal(gain: 1), "N(0, (gain/√l)²)"),
        ]
        var rows: [[String]] = []
        for (name, distribution, parameters, scheme, implemented) in schemes {
            let small: Tensor<Double> = scheme.make([25, 25], fanIn: 25, fanOut: 25, random: random)
            let large: Tensor<Double> = scheme.make([100, 100], fanIn: 25, fanOut: 25, random: random)
            let expected = scheme.expectedStandardDeviation(fanIn: 25, fanOut: 25)!
            let measured = large.variance().squareRoot()
            rows.append([
                name, distribution, parameters, implemented, String(format: "%.4f", expected),
                String(format: "%.4f", small.variance().squareRoot()), String(format: "%.4f", measured),
            ])
            document.requiring([]) {
                document.gate(
                    "Table 2", "\(name): std of 10⁴ draws (l = m = 25, gain 1)", paper: parameters,
                    expected: expected, measured: measured,
                    shown: String(format: "%.4f vs %.4f", measured, expected), tolerance: .relative(percent: 5))
            }
        }
        document.addTable(
            number: "2", title: "Weight initialization",
            caption:
                "l = inputs, m = outputs; gains 1, 5/3 and √2 for none, Tanh and ReLU (PyTorch `calculate_gain`). Backprop implements Xavier normal as Glorot's gain·√(2/(l+m)), as PyTorch's `xavier_normal_` does, not the paper's gain/√(l+m) (E001-8: a factor √2 in the std). The last two columns are the std of one 25×25 draw and of a 10⁴-sample draw with gain 1. (The paper's “Не” is a Cyrillic OCR form of “He”.)",
            proposals: [
                "PROPOSAL (E001-8): standard Glorot form; hidden layers use their activation's gain, the output layer gain 1; biases U(±1/√l) for default, 0 for Xavier and He."
            ],
            markdown: markdownTable(
                [
                    "Name", "Distribution (paper)", "Parameters (paper)", "Implemented", "expected std", "std 25×25",
                    "std 10⁴",
                ], rows))
    }

    private func gridFigure(
        _ document: ReportDocument, number: String, title: String, setups: [Setup], grid: [Setup: [RunResult]],
        groups: [String], series: [String], position: (Setup) -> (group: Int, series: Int)
    ) -> [[Double]] {
        var means = Array(repeating: Array(repeating: Double.nan, count: groups.count), count: series.count)
        var stds = means
        var rows: [[String]] = []
        var numbers: [String: Any] = [:]
        for setup in setups {
            let errors = (grid[setup] ?? []).map(testError)
            let (g, s) = position(setup)
            means[s][g] = Statistics.mean(errors)
            stds[s][g] = Statistics.standardDeviation(errors)
            rows.append([
                "\(groups[g]), \(series[s])", "\(errors.count)", formatted(means[s][g]), formatted(stds[s][g]),
                formatted(Statistics.variance(errors)),
            ])
            numbers["\(groups[g]) \(series[s])"] = errors
        }
        let figure = Figure()
        let axes = figure.axes()
        axes.yLabel = "test error (%)"
        axes.bar(
            categories: groups,
            series: series.indices.map { BarSeries(label: series[$0], values: means[$0], errors: stds[$0]) })
        document.addFigure(
            number: number, title: title,
            caption:
                "Mean test error (%) after the last epoch, error bars ±1 std over the trials; data and weights are redrawn for every trial. MSE networks have one linear output trained against the 0/1 label; CE networks two logits with the softmax inside the loss.\n\n"
                + markdownTable(["configuration", "trials", "mean", "std", "variance"], rows),
            proposals: [
                "UNSTATED → PROPOSAL: SGD η = 0.01, γ = 0.9 (velocity form); Adam η = 1e-3, β = (0.9, 0.999), ε = 1e-8; batch 100; λ = 0 (E001-5)."
            ],
            figure: figure, numbers: numbers)
        return means
    }

    /// Fig. 2's checks on the mean test errors, by [initialisation][activation].
    private func figure2Gates(_ document: ReportDocument, _ means: [[Double]]) {
        let worst = means.flatMap { $0 }.max() ?? .nan
        document.gate(
            "Fig. 2", "largest mean test error over the 6 configurations (%)", paper: "—", measured: worst,
            shown: formatted(worst), tolerance: .atMost(8, unit: "%"))
        let relu = Statistics.mean(means.map { $0[0] })
        let tanh = Statistics.mean(means.map { $0[1] })
        document.note(
            "Fig. 2", "ORDER: ReLU better than Tanh on average", paper: "ReLU better",
            reproduced: "ReLU \(formatted(relu)) vs Tanh \(formatted(tanh))",
            tolerance: .soft("pilot found the reverse"))
    }

    /// Fig. 3's checks on the mean test errors, by [optimizer][loss].
    private func figure3Gates(_ document: ReportDocument, _ means: [[Double]], losses: [String], optimizers: [String]) {
        for (g, loss) in losses.enumerated() {
            document.gate(
                "Fig. 3", "\(loss): Adam's mean test error < SGD's", paper: "Adam better",
                reproduced: "Adam \(formatted(means[1][g])) vs SGD \(formatted(means[0][g]))", condition: .order,
                holds: means[1][g] < means[0][g])
        }
        for (s, optimizer) in optimizers.enumerated() {
            let gap = abs(means[s][0] - means[s][1])
            document.note(
                "Fig. 3", "\(optimizer): |MSE − CE| (pp)", paper: "no evident difference", reproduced: formatted(gap),
                measured: gap, tolerance: .soft("≤ 1.5"))
        }
    }

    private func schedulerFigure(_ document: ReportDocument, with: RunResult?, without: RunResult?) {
        let figure = Figure()
        let axes = figure.axes()
        axes.xLabel = "epoch"
        axes.yLabel = "mean training loss"
        axes.yScale = .logarithmic
        let a = with?.history.epochs.map(\.trainLoss) ?? []
        let b = without?.history.epochs.map(\.trainLoss) ?? []
        axes.plot(x: b.indices.map { Double($0 + 1) }, y: b, label: "without scheduler")
        axes.plot(x: a.indices.map { Double($0 + 1) }, y: a, label: "with ReduceLROnPlateau")
        let reductions = with?.history.rateReductionEpochs ?? []
        for (index, epoch) in reductions.enumerated() {
            axes.verticalLine(at: Double(epoch), label: index == 0 ? "learning rate × 0.1" : nil)
        }
        let drop = reductions.first.map { epoch -> Bool in
            let before = a[max(0, epoch - 5)..<epoch]
            let after = a[min(epoch, a.count)..<min(epoch + 5, a.count)]
            return !after.isEmpty && Statistics.mean(Array(after)) < Statistics.mean(Array(before))
        }
        document.gate(
            "Fig. 4", "rate reductions within the run, loss drops right after the first",
            paper: "steps where the rate is reduced",
            reproduced:
                "reductions at epochs \(reductions.map(String.init).joined(separator: ", ")); drop \(drop.map { $0 ? "yes" : "no" } ?? "—")",
            condition: .shape(), holds: with == nil ? nil : (drop ?? false))
        document.note(
            "Fig. 4", "final training loss with ≤ without scheduler", paper: "scheduler improves final scores",
            reproduced: "\(formatted(a.last, 5)) vs \(formatted(b.last, 5))", tolerance: .soft())
        document.addFigure(
            number: "4", title: "Training loss for model with and without a scheduler",
            caption:
                "ReLU, default init, CE, Adam, the same seed for both runs; dashed lines mark the epochs after which the plateau scheduler cut the rate.",
            proposals: [
                "UNSTATED → PROPOSAL: PyTorch ReduceLROnPlateau defaults (factor 0.1, patience 10, relative threshold 1e-4), fed the epoch's mean training loss once per epoch; no dropout."
            ],
            figure: figure, numbers: ["with_scheduler": a, "without_scheduler": b, "reduction_epochs": reductions])
    }

    private func dropoutFigure(_ document: ReportDocument, dropout: RunResult?, reference: RunResult?) {
        let figure = Figure()
        let axes = figure.axes()
        axes.xLabel = "epoch"
        axes.yLabel = "test loss"
        axes.yScale = .logarithmic
        let trainMode = dropout?.history.epochs.map { $0.testLossInTrainingMode ?? .nan } ?? []
        let evalMode = dropout?.history.epochs.map { $0.testLoss ?? .nan } ?? []
        let none = reference?.history.epochs.map { $0.testLoss ?? .nan } ?? []
        axes.plot(
            x: trainMode.indices.map { Double($0 + 1) }, y: trainMode, label: "dropout 0.1, train() mode (as the paper)"
        )
        axes.plot(x: evalMode.indices.map { Double($0 + 1) }, y: evalMode, label: "dropout 0.1, eval() mode")
        axes.plot(x: none.indices.map { Double($0 + 1) }, y: none, label: "no dropout")
        func jitter(_ values: [Double]) -> Double {
            let tail = Array(values.suffix(values.count / 2))
            return Statistics.standardDeviation(zip(tail.dropFirst(), tail).map { $0 - $1 })
        }
        let (j1, j3) = (jitter(trainMode), jitter(none))
        document.gate(
            "Fig. 5", "std of epoch-to-epoch changes over the second half: dropout (train mode) > no dropout",
            paper: "higher fluctuation",
            reproduced: "\(formatted(j1, 5)) vs \(formatted(j3, 5))", condition: .shape(),
            holds: dropout == nil ? nil : j1 > j3)
        let gap = abs(testErrorOrNaN(dropout) - testErrorOrNaN(reference))
        document.note(
            "Fig. 5", "|test error with dropout (eval) − without| (pp)", paper: "no significant difference",
            reproduced: formatted(gap), measured: gap, tolerance: .soft("≤ 1.5"))
        document.addFigure(
            number: "5", title: "Testing loss for model with dropout",
            caption:
                "ReLU, default init, plateau scheduler, CE, Adam; dropout after each hidden activation. Curve 1 is the paper's measurement (test loss with dropout still active, E001-10); curve 2 the same model in eval mode; curve 3 the same configuration without dropout (Fig. 4's scheduled run).",
            proposals: [
                "PROPOSAL (E001-7): drop probability 0.1 from the caption (the text says 50 %); placement after every hidden activation (UNSTATED)."
            ],
            figure: figure,
            numbers: ["test_loss_train_mode": trainMode, "test_loss_eval_mode": evalMode, "test_loss_no_dropout": none])
    }

    private func testErrorOrNaN(_ run: RunResult?) -> Double { run.map(testError) ?? .nan }
}
