import Backprop
import Foundation

/// Report 004: "Submission Assignment #1" (VU Amsterdam DL): a 2-3-2 scalar network (dry run, then
/// synthetic data) and a vectorised 784-300-10 network on MNIST.
struct Report004: ReportReproduction {
    let prefix = "004"
    let title = "Submission Assignment #1 (VU Amsterdam DL): scalar and tensor backpropagation"

    var items: [(id: String, description: String, data: String)] {
        [
            ("004 Fig. 1", "the scalar 2-3-2 network (diagram)", "none"),
            ("004 Table 1", "dry-run parameters, with Text-1: the dry-run derivatives", "none"),
            ("004 Table 2", "synthetic-training parameters", "none"),
            ("004 Table 3", "tensor network parameters", "none"),
            ("004 Fig. 2", "the synthetic dataset (training and test sets)", "D-SYNG (generated)"),
            ("004 Fig. 3", "scalar network trained on synthetic data, with Text-2 (45.8 %)", "D-SYNG (generated)"),
            ("004 Fig. 4", "SGD (batch 1) on MNIST", "MNIST"),
            ("004 Fig. 5", "mini-batch gradient descent (batch 1,000) on MNIST", "MNIST"),
            ("004 Fig. 6", "learning rates × 5 simulations", "MNIST"),
            ("004 Fig. 7", "batch sizes × 5 simulations", "MNIST"),
            ("004 Text-3", "final MNIST model, 93.14 %", "MNIST"),
        ]
    }

    func scalarRequest(seed trial: Int, _ context: ReproductionContext) -> RunRequest {
        RunRequest(
            kind: .scalarSynthetic, label: "004 scalar synthetic seed \(trial)",
            dataset: DatasetSpec(name: "syng", trainCount: 60000, testCount: 10000),
            model: nil,
            training: TrainingSpec(
                epochs: context.value(full: 100, quick: 3), batchSize: 1,
                loss: LossSpec(name: "softmax-cross-entropy", reduction: .sum),
                optimizer: OptimizerSpec(name: "gd", learningRate: 1e-3)),
            seed: context.seed("004-scalar", trial: trial))
    }

    /// The tensor network on MNIST with summed gradients (report 004 does not divide by the batch size).
    func mnistRequest(
        _ label: String, rate: Double, batch: Int, epochs: Int, seed: UInt64, recording: RecordingSpec,
        validation: Bool = true
    ) -> RunRequest {
        RunRequest(
            kind: .sharedLoop, label: "004 \(label)",
            dataset: DatasetSpec(
                name: "mnist", ["preprocessing": "standardized", "validationSplit": .flag(validation)]),
            model: .mlp(
                MLPSpec(
                    inputs: 784, hidden: [300], outputs: 10, activation: "sigmoid",
                    initializer: InitializerSpec(name: "fan-in-normal"))),
            training: TrainingSpec(
                epochs: epochs, batchSize: batch, loss: LossSpec(name: "softmax-cross-entropy", reduction: .sum),
                optimizer: OptimizerSpec(name: "gd", learningRate: rate)),
            recording: recording, seed: seed)
    }

    func figure4Request(_ context: ReproductionContext) -> RunRequest {
        var recording = RecordingSpec()
        recording.rawIterations = 250_000
        recording.evaluationInterval = 5000
        return mnistRequest(
            "SGD batch 1 lr 0.01", rate: 1e-2, batch: 1, epochs: context.value(full: 5, quick: 1),
            seed: context.seed("004-fig4", trial: 0), recording: recording)
    }

    func figure5Request(_ context: ReproductionContext) -> RunRequest {
        var recording = RecordingSpec()
        recording.rawIterations = 20
        recording.evaluationInterval = 1
        return mnistRequest(
            "batch 1000 lr 0.001", rate: 1e-3, batch: 1000, epochs: context.value(full: 5, quick: 1),
            seed: context.seed("004-fig5", trial: 0), recording: recording)
    }

    func sweepRequest(rate: Double, batch: Int, trial: Int, _ context: ReproductionContext) -> RunRequest {
        var recording = RecordingSpec()
        recording.rawIterations = 55000
        return mnistRequest(
            "batch \(batch) lr \(rate) trial \(trial)", rate: rate, batch: batch,
            epochs: context.value(full: 5, quick: 1),
            seed: context.seed("004-mnist", trial: trial), recording: recording)
    }

    func finalRequest(_ context: ReproductionContext) -> RunRequest {
        mnistRequest(
            "final model batch 500 lr 0.001", rate: 1e-3, batch: 500, epochs: context.value(full: 4, quick: 1),
            seed: context.seed("004-final", trial: 0),
            recording: RecordingSpec(), validation: false)
    }

    /// The rates the Fig. 6 text says "exploded", run in Fig. 6's set-up for the finding on E004-10 (full mode only).
    static let explodedRates = [0.1, 0.01]
    func explosionRequests(_ context: ReproductionContext) -> [RunRequest] {
        guard context.mode == .full else { return [] }
        return Self.explodedRates.map { sweepRequest(rate: $0, batch: 100, trial: 0, context) }
    }

    static let rates = [1e-3, 1e-4, 1e-5, 1e-6]
    static let batches = [100, 250, 500, 1000]
    func simulations(_ context: ReproductionContext) -> Int { context.trials(full: 5, quick: 1) }

    func requests(_ context: ReproductionContext) -> [RunRequest] {
        let scalar = (0..<context.trials(full: 5, quick: 1)).map { scalarRequest(seed: $0, context) }
        guard context.data.hasMNIST else { return scalar }
        let trials = 0..<simulations(context)
        return scalar + [figure4Request(context), figure5Request(context), finalRequest(context)]
            + Self.rates.flatMap { rate in trials.map { sweepRequest(rate: rate, batch: 100, trial: $0, context) } }
            + Self.batches.flatMap { batch in trials.map { sweepRequest(rate: 1e-3, batch: batch, trial: $0, context) }
            }
            + explosionRequests(context)
    }

    func render(_ context: ReproductionContext, results: (RunRequest) -> RunResult?) throws -> ReportDocument {
        let document = ReportDocument(prefix: prefix, title: title, context: context)
        for run in requests(context) { document.addRun(run, results(run)) }
        diagram(document)
        dryRun(document)
        parameterTables(document)
        try datasetFigure(document, context)
        let scalarRuns = (0..<context.trials(full: 5, quick: 1)).map { results(scalarRequest(seed: $0, context)) }
        scalarTraining(document, context, scalarRuns)
        guard context.data.hasMNIST else {
            for id in ["Fig. 4", "Fig. 5", "Fig. 6", "Fig. 7", "Text-3"] {
                document.notRun(id, "all", paper: "see spec", because: context.data.whyMissing("mnist"))
            }
            document.addText(
                "**not run: MNIST not found** under `\(context.data.dataDirectory)/mnist` (\(context.data.whyMissing("mnist"))): Figs. 4–7 and Text-3. Run `reproduce run` without `--offline` to download it, or set `BACKPROP_DATA`."
            )
            try addFindings(document, context, scalarRuns: scalarRuns, results: results)
            return document
        }
        let sgd = results(figure4Request(context))
        mnistFigure(document, .stochastic, title: "SGD on MNIST", run: sgd, stepLabel: "step", context)
        mnistFigure(
            document, .miniBatch, title: "Mini-batch gradient descent on MNIST", run: results(figure5Request(context)),
            stepLabel: "batch", context, reference: sgd)
        let trials = 0..<simulations(context)
        sweepFigure(
            document, .learningRates, title: "Mini-batch gradient descent on MNIST, learning rates",
            groups: Self.rates.map { rate in
                (
                    "lr \(rate)",
                    trials.compactMap { results(sweepRequest(rate: rate, batch: 100, trial: $0, context)) }, 100
                )
            },
            explosion: explosionSummary(context, results: results), context)
        sweepFigure(
            document, .batchSizes, title: "Mini-batch gradient descent on MNIST, batch sizes",
            groups: Self.batches.map { batch in
                (
                    "B = \(batch)",
                    trials.compactMap { results(sweepRequest(rate: 1e-3, batch: batch, trial: $0, context)) }, batch
                )
            }, context)
        finalModel(document, results(finalRequest(context)), context)
        try addFindings(document, context, scalarRuns: scalarRuns, results: results)
        return document
    }

    private func diagram(_ document: ReportDocument) {
        let figure = Figure(width: 640, height: 420)
        let axes = figure.axes()
        axes.showsGrid = false
        axes.showsLegend = false
        axes.showsAxes = false
        axes.xLimits = -0.5...2.5
        axes.yLimits = -0.5...2.5
        let layers: [[(String, Double)]] = [
            [("x₁", 1.5), ("x₂", 0.5)], [("k₁/h₁", 2), ("k₂/h₂", 1), ("k₃/h₃", 0)], [("z₁/y₁", 1.5), ("z₂/y₂", 0.5)],
        ]
        for (column, nodes) in layers.enumerated() where column < 2 {
            for (_, y) in nodes {
                for (_, next) in layers[column + 1] {
                    axes.plot(
                        x: [Double(column) + 0.2, Double(column) + 0.8], y: [y, next],
                        style: LineStyle(color: .gray, width: 0.8))
                }
            }
        }
        for (column, nodes) in layers.enumerated() {
            for (name, y) in nodes {
                axes.rectangle(
                    x: Double(column) - 0.2, y: y - 0.15, width: 0.4, height: 0.3,
                    fill: Color.cycle(column).withAlpha(0.25).onWhite)
                axes.text(name, x: Double(column), y: y, size: 11)
            }
        }
        axes.text("w (2×3), b", x: 0.5, y: 2.3, size: 10)
        axes.text("v (3×2), c", x: 1.5, y: 2.3, size: 10)
        axes.text("sigmoid", x: 1, y: -0.35, size: 10)
        axes.text("softmax, loss −ln y_c", x: 2, y: -0.35, size: 10)
        document.addFigure(
            number: "1", title: "Scalar form neural network",
            caption:
                "The network of `ScalarNetwork` (Apps/Harness/Infrastructure/ScalarNetwork.swift): k = xw + b, h = σ(k), z = hv + c, y = softmax(z), every sum an explicit loop.",
            figure: figure, numbers: ["inputs": 2, "hidden": 3, "outputs": 2])
    }

    private func dryRun(_ document: ReportDocument) {
        let network = ScalarNetwork(
            w: [[1, 1, 1], [-1, -1, -1]], b: [0, 0, 0], v: [[1, 1], [-1, -1], [-1, -1]], c: [0, 0])
        let g = network.gradients(x: [1, -1], target: [1, 0])
        let round4 = { (value: Double) in (value * 10000).rounded() / 10000 }
        let vRounded = g.v.map { $0.map(round4) }
        document.requiring([]) {
            document.gate(
                "Table 1", "Text-1 v∇ (4 decimals)", paper: "[[−0.4404, 0.4404] ×3]", reproduced: "\(vRounded)",
                condition: .exact, holds: vRounded.allSatisfy { $0 == [-0.4404, 0.4404] })
            document.gate(
                "Table 1", "Text-1 c∇", paper: "[−0.5, 0.5]", reproduced: "\(g.c)", condition: .exact,
                holds: g.c == [-0.5, 0.5])
            document.gate(
                "Table 1", "Text-1 w∇ and b∇", paper: "all zeros", reproduced: "\(g.w), \(g.b)", condition: .exact,
                holds: g.w.flatMap { $0 }.allSatisfy { $0 == 0 } && g.b.allSatisfy { $0 == 0 })
        }
        document.addTable(
            number: "1", title: "Scalar neural network's dry run parameters (with Text-1)",
            caption:
                "Text-1 (§4.1, Question 2) computed by the scalar implementation with these parameters: w∇ = \(g.w), b∇ = \(g.b), v∇ = \(g.v.map { $0.map { String(format: "%.16f", $0) } }), c∇ = \(g.c), loss = \(g.loss) (= ln 2). `Tests/AutogradTests/DryRunTests.swift` checks that the autograd graph and the explicit layers give the same values to 1e-12.",
            markdown: markdownTable(
                ["Parameter", "Value", "Parameter", "Value", "Parameter", "Value"],
                [
                    ["x", "[1,-1]", "w", "[[1,1,1],[-1,-1,-1]]", "b", "[0,0,0]"],
                    ["\\hat{y}", "[1,0]", "v", "[[1,1],[-1,-1],[-1,-1]]", "c", "[0,0]"],
                    ["Input nodes", "2", "Hidden nodes", "3", "Output nodes", "2"],
                    ["Learning rate", "10^{-5}", "", "", "", ""],
                ]))
    }

    private func parameterTables(_ document: ReportDocument) {
        document.addTable(
            number: "2", title: "Synthetic-training parameters (captioned like Table 1 in the paper)",
            caption: "The configuration run for Fig. 3; the paper repeats Table 1's caption (E004-1).",
            markdown: markdownTable(
                ["Parameter", "Shape", "Parameter", "Value", "Parameter", "Shape", "Parameter", "Value"],
                [
                    ["w", "(2,3)", "b", "[0,0,0]", "v", "(3,2)", "c", "[0,0]"],
                    ["Input nodes", "2", "Hidden nodes", "3", "Output nodes", "2", "Learning rate", "10^{-3}"],
                ]))
        document.addTable(
            number: "3", title: "Tensor neural network's parameters",
            caption:
                "Shapes of the vectorised network (Backprop's `Linear` stores w transposed, [300, 784]). The figures use lr ∈ {1e-2 … 1e-6} and batch sizes {1, 100, 250, 500, 1000}.",
            markdown: markdownTable(
                ["Parameter", "Shape", "Parameter", "Value", "Parameter", "Shape", "Parameter", "Value"],
                [
                    ["w", "(784,300)", "b", "(1,300)", "v", "(300,10)", "c", "(1,10)"],
                    [
                        "Input nodes", "784", "Hidden nodes", "300", "Output nodes", "10", "Learning rate",
                        "$10^{-2}-10^{-7}$",
                    ],
                    ["batchsize", "100-1000", "", "", "", "", "", ""],
                ]))
    }

    private func datasetFigure(_ document: ReportDocument, _ context: ReproductionContext) throws {
        let split = try context.data.split(
            DatasetSpec(name: "syng", trainCount: 60000, testCount: 10000),
            random: RandomSource(seed: context.seed("004-scalar", trial: 0)))
        let figure = Figure(columns: 2)
        for (column, (name, set)) in [
            ("training set (60,000)", split.train), ("test (= validation) set (10,000)", split.test),
        ].enumerated() {
            let axes = figure.axes(0, column)
            axes.title = name
            let shown = min(set.count, 10000)
            let x = (0..<shown).map { Double(set.features.scalars[2 * $0]) }
            let y = (0..<shown).map { Double(set.features.scalars[2 * $0 + 1]) }
            axes.scatter(x: x, y: y, colors: (0..<shown).map { Color.cycle(set.labels[$0]).withAlpha(0.6) }, size: 1.6)
            let boundary = stride(from: 0.0, through: 2 * Double.pi, by: 0.01).map { angle -> (Double, Double) in
                let (c, s) = (cos(angle), sin(angle))
                let r = (SyntheticDataset.threshold / SyntheticDataset.quadratic(c, s, variant: .gist)).squareRoot()
                return (r * c, r * s)
            }
            axes.plot(
                x: boundary.map(\.0), y: boundary.map(\.1), label: "xᵀQx = 0.6",
                style: LineStyle(color: .black, width: 1.5))
            axes.xLabel = "x₁"
            axes.yLabel = "x₂"
        }
        let fraction = split.train.classFractions[1]
        document.requiring([]) {
            document.gate(
                "Fig. 2", "class-1 fraction of the training set", paper: "≈ 0.56 (spec)",
                expected: 0.558, measured: fraction, shown: formatted(fraction, 4), tolerance: .absolute(0.01))
        }
        document.addFigure(
            number: "2", title: "Synthetic dataset (left: training set; right: test set)",
            caption:
                "D-SYNG drawn from the same seed as Fig. 3's plotted run (10,000 points shown per panel); class 0 lies inside the ellipse xᵀQx = 0.6, Q = [[1, −0.05], [1, 0.4]]. The test set is the validation split of `load_synth` (E004-12).",
            figure: figure,
            numbers: ["train_class1_fraction": fraction, "test_class1_fraction": split.test.classFractions[1]])
    }

    private func scalarTraining(_ document: ReportDocument, _ context: ReproductionContext, _ runs: [RunResult?]) {
        let (figure, lossAxes, accuracyAxes) = LossAndAccuracyFigure(
            lossTitle: "loss", accuracyTitle: "accuracy", xLabel: "epoch"
        ).parts
        guard let plotted = runs.first ?? nil else { return }
        let epochs = plotted.history.epochs
        let x = epochs.map { Double($0.epoch) }
        lossAxes.plot(x: x, y: epochs.map(\.trainLoss), label: "training (running mean)")
        lossAxes.plot(x: x, y: epochs.map { $0.testLoss ?? .nan }, label: "validation")
        accuracyAxes.plot(x: x, y: epochs.map(\.trainAccuracy), label: "training (running)")
        accuracyAxes.plot(x: x, y: epochs.map { $0.testAccuracy ?? .nan }, label: "validation")
        let losses = epochs.map { $0.testLoss ?? .nan }
        let total = (losses.first ?? .nan) - (losses.last ?? .nan)
        let before60 = (losses.first ?? .nan) - (losses.count >= 60 ? losses[59] : (losses.last ?? .nan))
        document.gate(
            "Fig. 3", "validation loss decreases, ≥ 80 % of the decrease before epoch 60",
            paper: "converges after 60 epochs",
            reproduced:
                "\(formatted(100 * before60 / total, 1)) % of \(formatted(losses.first, 4)) → \(formatted(losses.last, 4))",
            condition: .shape("≥ 80 %"), holds: total > 0 && before60 / total >= 0.8)
        let finals = runs.compactMap { $0?.history.last?.testAccuracy }
        let median = Statistics.median(finals)
        document.gate(
            "Fig. 3", "median final validation accuracy over \(finals.count) seed(s)", paper: "“quite large”",
            measured: median, shown: formatted(median, 4), tolerance: .atLeast(0.9))
        let gap = (epochs.last?.testLoss ?? .nan) - (epochs.last?.trainLoss ?? .nan)
        document.note(
            "Fig. 3", "overfitting after 60 epochs (validation loss > training loss)", paper: "yes",
            reproduced: "gap \(formatted(gap, 4)) at the last epoch",
            measured: gap, tolerance: .soft("17 parameters, 60,000 samples; E004-5"))
        document.note(
            "Text-2", "final accuracy", paper: "45.8 %",
            reproduced: "\(formatted(100 * (plotted.finalTestAccuracy ?? .nan))) %",
            measured: plotted.finalTestAccuracy.map { 100 * $0 },
            tolerance: .notComparable("below the majority rate, contradicts “quite large”; E004-5"),
            finding: Self.syntheticAccuracyFinding)
        document.addFigure(
            number: "3",
            title: "Training loss (one learning rate, 10^-3; the caption's “six learning rates” is E004-3)",
            caption:
                "The scalar-loop network (every gradient a Double loop, Apps/Harness/Infrastructure/ScalarNetwork.swift) trained one instance at a time on D-SYNG for \(epochs.count) epochs (\(epochs.count * 60000) updates; the text's “60000*10” is E004-2), reshuffled every epoch; \(runs.count) seed(s), the first plotted. Text-2: the paper's final accuracy 45.8 % against our \(formatted(100 * (plotted.finalTestAccuracy ?? .nan))) % (N/C, E004-5).",
            proposals: ["UNSTATED → PROPOSAL: w, v ~ N(0, 1); reshuffle every epoch; 5 seeds for the gates."],
            figure: figure,
            numbers: [
                "validation_loss": losses, "validation_accuracy": epochs.map { $0.testAccuracy ?? .nan },
                "final_accuracy_per_seed": finals,
            ])
        document.addText(
            "### Text-2: final accuracy of the scalar network\n\nThe paper: “the final accuracy is 45.8 %”; ours, the plotted seed after \(epochs.count) epochs: **\(formatted(100 * (plotted.finalTestAccuracy ?? .nan))) %**.\n",
            checksOf: "Text-2")
    }

    /// The two single-run MNIST figures: Fig. 4 (SGD, batch 1) and Fig. 5 (mini-batches of 1,000).
    enum TrainingFigure: String {
        case stochastic = "4"
        case miniBatch = "5"
        var number: String { rawValue }
    }

    private func mnistFigure(
        _ document: ReportDocument, _ training: TrainingFigure, title: String, run: RunResult?, stepLabel: String,
        _ context: ReproductionContext, reference: RunResult? = nil
    ) {
        let number = training.number
        let figure = Figure(columns: 3, width: 1500, height: 430)
        let steps = figure.axes(0, 0)
        let epochsAxes = figure.axes(0, 1)
        let accuracy = figure.axes(0, 2)
        steps.title = training == .stochastic ? "loss against step (first 250,000)" : "loss against batch (first 20)"
        steps.xLabel = stepLabel
        steps.yScale = .logarithmic
        epochsAxes.title = "loss against epoch"
        epochsAxes.xLabel = "epoch"
        accuracy.title = "accuracy against epoch"
        accuracy.xLabel = "epoch"
        guard let run else { return }
        let raw = run.history.iterationLosses
        if training == .stochastic {
            steps.plot(
                x: raw.indices.map { Double($0 + 1) }, y: raw, label: "training (per step)",
                style: LineStyle(color: Color.cycle(0).withAlpha(0.25), width: 0.6))
            let average = stride(from: 0, to: raw.count, by: 1000).map { start in
                Statistics.mean(Array(raw[start..<min(start + 1000, raw.count)]))
            }
            steps.plot(
                x: average.indices.map { Double($0 * 1000 + 500) }, y: average, label: "training (1,000-step mean)",
                style: LineStyle(color: Color.cycle(0)))
        } else {
            steps.plot(
                x: raw.indices.map { Double($0 + 1) }, y: raw, label: "training batch (per-sample mean)",
                style: LineStyle(marker: .circle, markerSize: 4))
        }
        let periodic = run.history.periodicEvaluations.filter { training == .stochastic || $0.iteration <= 20 }
        steps.plot(
            x: periodic.map { Double($0.iteration) }, y: periodic.map(\.loss), label: "validation",
            style: LineStyle(color: Color.cycle(1), marker: .circle, markerSize: 4))
        let records = run.history.epochs
        let x = records.map { Double($0.epoch) }
        epochsAxes.plot(
            x: x, y: records.map(\.trainLoss), label: "training (running mean)", style: LineStyle(marker: .circle))
        epochsAxes.plot(
            x: x, y: records.map { $0.testLoss ?? .nan }, label: "validation (end of epoch)",
            style: LineStyle(marker: .square))
        accuracy.plot(
            x: x, y: records.map(\.trainAccuracy), label: "training (running)", style: LineStyle(marker: .circle))
        accuracy.plot(
            x: x, y: records.map { $0.testAccuracy ?? .nan }, label: "validation", style: LineStyle(marker: .square))
        if training == .stochastic {
            let first = records.first?.testAccuracy ?? .nan
            document.gate(
                "Fig. 4", "validation accuracy after epoch 1", paper: "—", measured: first,
                shown: formatted(first, 4), tolerance: .atLeast(0.95))
            let last = records.last
            document.gate(
                "Fig. 4", "ORDER: training loss < validation loss at the last epoch (\(records.count))",
                paper: "overfitting after two epochs",
                reproduced: "\(formatted(last?.trainLoss, 4)) vs \(formatted(last?.testLoss, 4))", condition: .order,
                holds: (last?.trainLoss ?? .nan) < (last?.testLoss ?? .nan))
        } else {
            let decreasing = zip(raw, raw.dropFirst()).filter { $1 < $0 }.count
            document.gate(
                "Fig. 5", "loss over the first 20 batches decreases (steps that decrease)", paper: "decreases smoothly",
                reproduced:
                    "\(decreasing)/\(max(raw.count - 1, 0)), \(formatted(raw.first, 3)) → \(formatted(raw.last, 3))",
                condition: .shape("last < first, ≥ 75 % of steps"),
                holds: (raw.last ?? .nan) < (raw.first ?? .nan) && Double(decreasing) >= 0.75 * Double(raw.count - 1))
            let first = records.first
            document.gate(
                "Fig. 5", "ORDER: validation loss < running training loss at epoch 1",
                paper: "validation significantly smaller",
                reproduced: "\(formatted(first?.testLoss, 4)) vs \(formatted(first?.trainLoss, 4))", condition: .order,
                holds: (first?.testLoss ?? .nan) < (first?.trainLoss ?? .nan))
            document.note(
                "Fig. 5", "final validation loss > Fig. 4's", paper: "larger than SGD's",
                reproduced:
                    "\(formatted(records.last?.testLoss, 4)) vs \(formatted(reference?.history.last?.testLoss, 4))",
                tolerance: .soft())
            crossoverNote(document, records)
        }
        document.addFigure(
            number: number, title: title,
            caption:
                "784 → Linear(784, 300) → sigmoid → Linear(300, 10) → softmax with cross-entropy, gradients summed over the batch (E004-7), plain SGD, \(training == .stochastic ? "batch 1, lr 1e-2" : "batch 1,000 (55 batches per epoch), lr 1e-3"), \(records.count) epoch(s) on 55,000 standardised images; validation on the last 5,000 training images\(training == .stochastic ? " every 5,000 steps and after each epoch" : " after each of the first 20 batches and each epoch").",
            proposals: [
                "UNSTATED → PROPOSAL (E004-11): w, v ~ N(0, 1/fan_in), b = c = 0; one global mean and std from the 55,000 training images."
            ]
                + (training == .miniBatch
                    ? [
                        "PROPOSAL (E004-9): “1000 batches for each epochs” read as batch size 1,000; the other reading is batch size 55."
                    ] : []),
            figure: figure,
            numbers: [
                "epoch_train_loss": records.map(\.trainLoss),
                "epoch_validation_loss": records.map { $0.testLoss ?? .nan },
                "epoch_validation_accuracy": records.map { $0.testAccuracy ?? .nan },
            ])
    }

    /// The two MNIST sweeps: Fig. 6 varies the learning rate at B = 100, Fig. 7 the batch size at lr 1e-3.
    enum Sweep: String {
        case learningRates = "6"
        case batchSizes = "7"
        var number: String { rawValue }
    }

    /// One setting's final means over its simulations and the widths of its ±1 std bands: the
    /// loss band's mean half-width over every batch, the accuracy band's over every epoch.
    struct SweepFinal {
        let setting: String, trainLoss: Double, trainAccuracy: Double, validationAccuracy: Double
        let lossBand: Double, accuracyBand: Double
    }

    static let summedGradientsCaveat = "lr·steps is the same for every B with summed gradients"

    /// `explosion` is what lr 0.1 and 0.01 did (Fig. 6's explosion check).
    private func sweepFigure(
        _ document: ReportDocument, _ sweep: Sweep, title: String, groups: [(String, [RunResult], Int)],
        explosion: String = "", _ context: ReproductionContext
    ) {
        let number = sweep.number
        let (figure, lossAxes, accuracyAxes) = LossAndAccuracyFigure(
            lossTitle: "training loss per batch (per-sample mean)",
            accuracyTitle: "training accuracy per epoch (running)", xLabel: "epoch",
            width: 1300, height: 480
        ).parts
        var finals: [SweepFinal] = []
        for (index, (label, runs, batch)) in groups.enumerated() {
            let color = Color.cycle(index)
            let perBatch = runs.map { $0.history.iterationLosses }
            let (mean, std) = Statistics.band(perBatch)
            // Smooth each curve over ~1 % of an epoch so bands stay readable.
            let width = max(1, 550 / max(batch / 100, 1) / 10)
            let smoothMean = RunExecutor.windowMeans(mean, width)
            let smoothStd = RunExecutor.windowMeans(std, width)
            let x = smoothMean.indices.map { Double(($0 + 1) * width * batch) / 55000 }
            if runs.count > 1 {
                lossAxes.band(
                    x: x, lower: zip(smoothMean, smoothStd).map { max($0 - $1, 1e-6) },
                    upper: zip(smoothMean, smoothStd).map(+), color: color)
            }
            lossAxes.plot(
                x: x, y: smoothMean, label: "\(label) (\(runs.count) runs)", style: LineStyle(color: color, width: 1.3))
            CurveFigures.band(
                accuracyAxes, runs.map { $0.history.epochs.map(\.trainAccuracy) }, label: label, color: color)
            let finalLoss = Statistics.mean(runs.compactMap { $0.history.last?.trainLoss })
            let finalAccuracy = Statistics.mean(runs.compactMap { $0.history.last?.trainAccuracy })
            let validation = Statistics.mean(runs.compactMap { $0.history.last?.testAccuracy })
            let accuracyBand = Statistics.band(runs.map { $0.history.epochs.map(\.trainAccuracy) }).std
            finals.append(
                SweepFinal(
                    setting: label, trainLoss: finalLoss, trainAccuracy: finalAccuracy, validationAccuracy: validation,
                    lossBand: Statistics.mean(std), accuracyBand: Statistics.mean(accuracyBand)))
        }
        let losses = finals.map(\.trainLoss)
        let accuracies = finals.map(\.trainAccuracy)
        switch sweep {
        case .learningRates:
            let settings = finals.map(\.setting)
            document.gate(
                "Fig. 6", "ORDER: final training loss rises as lr falls 1e-3 → 1e-6", paper: "1e-6 worst",
                ordered: losses, tolerance: .ordering(settings, .increasing))
            document.gate(
                "Fig. 6", "ORDER: final training accuracy falls as lr falls", paper: "1e-6 lowest",
                ordered: accuracies, tolerance: .ordering(settings, .decreasing))
            bandNotes(document, finals)
            document.note(
                "Fig. 6", "explosion at lr 0.1 and 0.01", paper: "exploded", reproduced: explosion,
                tolerance: .notComparable("E004-10"), finding: Self.explosionFinding)
        case .batchSizes:
            let converged = finals.allSatisfy { $0.validationAccuracy > 0.9 }
            document.gate(
                "Fig. 7", "all four batch sizes converge (final validation accuracy)", paper: "all converge",
                reproduced: finals.map { "\($0.setting): \(formatted($0.validationAccuracy, 3))" }.joined(
                    separator: ", "), condition: .shape("> 0.9"), holds: converged)
            let worst = finals.min { $0.trainAccuracy < $1.trainAccuracy }?.setting ?? "—"
            document.note(
                "Fig. 7", "B = 1000 has the lowest accuracy", paper: "B = 1000 worst", reproduced: "lowest: \(worst)",
                tolerance: .soft(Self.summedGradientsCaveat))
            batchNotes(document, finals)
        }
        let table = markdownTable(
            ["setting", "final train loss (mean)", "final train accuracy", "final validation accuracy"],
            finals.map {
                [
                    $0.setting, formatted($0.trainLoss, 4), formatted($0.trainAccuracy, 4),
                    formatted($0.validationAccuracy, 4),
                ]
            })
        document.addFigure(
            number: number, title: title,
            caption:
                "Batch \(sweep == .learningRates ? "100, lr ∈ {1e-3, 1e-4, 1e-5, 1e-6}" : "∈ {100, 250, 500, 1000}, lr 1e-3"), summed gradients, \(groups.first?.1.first?.history.epochs.count ?? 0) epoch(s), \(groups.first?.1.count ?? 0) simulations each (shaded ±1 std). x = epoch as a fraction so all settings line up; per-batch losses are averaged over ~1 % of an epoch.\(sweep == .batchSizes ? " B = 100 shares Fig. 6's lr = 1e-3 runs." : "")\n\n\(table)",
            proposals: [
                "PROPOSAL: colours follow matplotlib's cycle (blue, orange, green, red), as the paper's text refers to them."
            ],
            figure: figure,
            numbers: [
                "finals": finals.map {
                    [
                        "setting": $0.setting, "train_loss": $0.trainLoss, "train_accuracy": $0.trainAccuracy,
                        "validation_accuracy": $0.validationAccuracy,
                    ]
                }
            ])
    }

    private func finalModel(_ document: ReportDocument, _ run: RunResult?, _ context: ReproductionContext) {
        let accuracy = 100 * (run?.finalTestAccuracy ?? .nan)
        document.gate(
            "Text-3", "test accuracy of the final model (%)", paper: "93.14", expected: 93.14,
            measured: run == nil ? nil : accuracy, shown: formatted(accuracy), tolerance: .absolute(1.5, unit: "pp"))
        document.addText(
            "### Text-3: final model\n\nlr 1e-3, batch 500, \(run?.history.epochs.count ?? 0) epochs on all 60,000 training images (standardised with their own statistics), tested on the 10,000 test images: **\(formatted(accuracy)) %** (paper 93.14 %).\n",
            checksOf: "Text-3")
    }
}
