import Backprop
import Foundation

/// Report 003's Fig. 1, Tables 1–10 (generated from the model objects) and Table 11 (the eleven models on MNIST).
extension Report003 {
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
        guard input.dataPresent("mnist") else {
            document.addText(
                "**not run: MNIST not found** under `\(context.data.dataDirectory)/mnist`: \(context.data.whyMissing("mnist")). Run `reproduce run` without `--offline` to download it, or point `BACKPROP_DATA` at a folder with `mnist/`."
            )
            return
        }
        let models = models
        let runs = modelRuns(input)
        var rows: [[String]] = []
        for (model, run) in zip(models, runs) {
            let (trainLoss, trainAccuracy) = lastEpoch(run)
            let testLoss = run?.finalTestLoss ?? .nan
            let test = 100 * (run?.finalTestAccuracy ?? .nan)
            let p = model.paper
            rows.append([
                model.inPaper ? model.name : "\(model.name) — not in the paper",
                p.map { "\(Int($0.seconds))" } ?? "—", ours(run, formatted(run?.seconds, 0)),
                p.map { formatted($0.results.trainLoss, 4) } ?? "—", ours(run, formatted(trainLoss, 4)),
                p.map { formatted($0.results.trainAccuracy) } ?? "—", ours(run, formatted(100 * trainAccuracy)),
                p.map { formatted($0.results.testLoss, 4) } ?? "—", ours(run, formatted(testLoss, 4)),
                p.map { formatted($0.results.testAccuracy) } ?? "—", ours(run, formatted(test)),
            ])
        }
        table11Markdown(document, rows)
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
