import Backprop
import Foundation

/// Report 003's Fig. 1, Tables 1–10 (generated from the model objects) and Table 11 (the eleven models on MNIST).
extension Report003 {
    /// Marks the hook's item "not run" when MNIST is missing; true when it is here.
    func notRunWithoutMNIST(_ input: ReportHookInput) -> Bool {
        guard !context.data.hasMNIST else { return true }
        input.document.notRun(
            input.item?.id ?? "", "all", paper: "see spec", because: context.data.whyMissing("mnist"))
        return false
    }

    func generalMLP(_ document: ReportDocument) throws {
        let layers = try context.registry.makeModel(baseline.spec, random: RandomSource(seed: 0))
            .layerSummaries(inputShape: [784])
        let figure = Figure(width: 900, height: 240)
        Descriptive.drawChain(layers, on: figure.axes())
        figure.axes().title = "x → Linear → activation → … → Linear → y (the 2-layer ReLU network)"
        document.addFigure(
            number: "1", title: "A General MLP",
            caption: "Rendered from the 2-layer model object; every network of Tables 1–10 is such a chain.",
            figure: figure, numbers: ["layers": Descriptive.chainNumbers(layers)])
    }

    /// Table `table` (1–10): the layers of the model it lists, as the model object reports them.
    func architecture(_ document: ReportDocument, table: Int) throws {
        let model = models[table - 1]
        guard let architecture = model.architecture else { return }
        let layers = try context.registry.makeModel(model.spec, random: RandomSource(seed: 0))
            .layerSummaries(inputShape: [784])
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
                "Table \(table)", "layers chain (each Out equals the next In)",
                paper: architecture.correction == nil ? "yes" : "no (E003-2/3)", reproduced: chains ? "yes" : "no",
                condition: .exact, holds: chains)
        }
        document.addTable(
            number: "\(table)", title: architecture.title, caption: caption,
            markdown: markdownTable(["Layer", "Type", "In", "Out"], rows))
    }

    /// The results of each model's run.
    func modelRuns(_ input: ReportHookInput) -> [RunResult?] {
        models.map { input.results("models \($0.name)").first ?? nil }
    }

    func table11(_ input: ReportHookInput) {
        let document = input.document
        guard notRunWithoutMNIST(input) else {
            document.addText(
                "**not run: MNIST not found** under `\(context.data.dataDirectory)/mnist`: \(context.data.whyMissing("mnist")). Run `reproduce run` without `--offline` to download it, or point `BACKPROP_DATA` at a folder with `mnist/`."
            )
            return
        }
        let models = models
        let runs = modelRuns(input)
        var rows: [[String]] = []
        var testAccuracy: [String: Double] = [:]
        for (model, run) in zip(models, runs) {
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
        let byName = Dictionary(uniqueKeysWithValues: zip(models.map(\.name), runs))
        let orders: [(better: String, worse: String, paper: String)] = [
            ("0-layer + SCE", "0-layer + MSE", "SCE better"),
            ("1-layer + Sigmoid + SCE", "1-layer + Sigmoid + MSE", "SCE better"),
            ("1-layer + Relu + SCE", "1-layer + Relu + MSE", "SCE better"),
            ("2-layer + Sigmoid + SCE", "2-layer + Sigmoid + MSE (std 0.1)", "SCE better"),
            ("2-layer + Relu + SCE", "2-layer + Relu + MSE", "SCE better"),
            ("1-layer + Relu + MSE", "1-layer + Sigmoid + MSE", "ReLU better"),
            ("1-layer + Relu + SCE", "1-layer + Sigmoid + SCE", "ReLU better"),
            ("2-layer + Relu + MSE", "2-layer + Sigmoid + MSE (std 0.1)", "ReLU better"),
            ("2-layer + Relu + SCE", "2-layer + Sigmoid + SCE", "ReLU better"),
        ]
        for (better, worse, paper) in orders {
            let a = testAccuracy[better] ?? .nan
            let b = testAccuracy[worse] ?? .nan
            document.requiring([byName[better] ?? nil, byName[worse] ?? nil]) {
                document.gate(
                    "Table 11", "ORDER: \(better) > \(worse)", paper: paper,
                    reproduced: "\(formatted(a)) vs \(formatted(b))", condition: .order, holds: a > b)
            }
        }
        table11Markdown(document, rows)
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

    private func table11Markdown(_ document: ReportDocument, _ rows: [[String]]) {
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
}
