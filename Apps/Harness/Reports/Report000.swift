import Backprop
import Foundation

/// Report 000's Swift hooks ("Deep Learning Project 2", EPFL EE-559, group 58): its spec
/// (`ReportSpecs/000.json`) holds the three MLPs on the disk data (and the supplementary Xavier
/// ANN2) as groups and Table 5's printed row per network; these render its tables and figures.
enum Report000 {
    /// Every hook by the id the spec names.
    static let hooks: [String: ReportHook] = [
        "000.activations": { try activationTable($0) },
        "000.losses": { try lossTable($0) },
        "000.schedules": { try scheduleTable($0) },
        "000.configurations": { try configurationTable($0, networks($0)) },
        "000.performance-ANN1": { try performance($0, network: "ANN1") },
        "000.performance-ANN2": { try performance($0, network: "ANN2") },
        "000.performance-ANN3": { try performance($0, network: "ANN3") },
        "000.results": { input in
            let networks = networks(input)
            let outcomes = Dictionary(
                uniqueKeysWithValues: networks.map { ($0.name, input.results($0.name).compactMap { $0 }) })
            try resultsTable(input, networks, outcomes)
            try addFindings(input, networks, outcomes)
        },
    ]

    /// One of the networks as its spec group runs it, with the paper's test error (%) where Table 5 prints its row.
    struct Network {
        let name: String, activation: String, outputs: Int, loss: LossSpec, learningRate: Double, decayRate: Double,
            schedule: String
        /// The epochs and trials of the mode being rendered.
        let epochs: Int, trials: Int
        /// The paper's Table 5 test error (nil: not in the paper); the spec's checks say how it is gated.
        var paperTestError: Double?
        var inPaper: Bool { paperTestError != nil }
        var lossName: String { loss.name == "mse" ? "MSE" : "cross entropy" }
    }

    /// The spec's networks in its order, read from their groups' recipes and the paper rows.
    static func networks(_ input: ReportHookInput) -> [Network] {
        let rows = Dictionary(uniqueKeysWithValues: (input.report.spec.paper ?? []).map { ($0.label, $0.values) })
        return input.report.variants.map { variant in
            let recipe = variant.recipe(input.context.mode)
            guard case .mlp(let mlp) = recipe.model else {
                preconditionFailure("report 000's group \(variant.name) is not an MLP")
            }
            return Network(
                name: variant.name, activation: mlp.activation, outputs: mlp.outputs ?? 0, loss: recipe.training.loss,
                learningRate: recipe.training.optimizer.learningRate,
                decayRate: recipe.training.schedule?.settings["decayRate"]?.number ?? .nan,
                schedule: recipe.training.schedule?.name ?? "constant", epochs: recipe.training.epochs,
                trials: input.context.trials(full: variant.trials.full, quick: variant.trials.quick),
                paperTestError: rows[variant.name].map { $0["test error (%)"]?.number ?? .nan })
        }
    }

    private static func performance(_ input: ReportHookInput, network name: String) throws {
        guard let network = networks(input).first(where: { $0.name == name }) else { return }
        try performanceFigure(input, network: network, runs: input.results(name).compactMap { $0 })
    }

    private static func activationTable(_ input: ReportHookInput) throws {
        let document = input.document
        let components: [(ComponentDocumentation, any Module<Double>)] = [
            (SigmoidFunction.documentation, Sigmoid<Double>()), (TanhFunction.documentation, Tanh<Double>()),
            (ReLUFunction.documentation, ReLU<Double>()), (Softmax<Double>.documentation, Softmax<Double>()),
        ]
        var rows: [[String]] = []
        for (doc, module) in components {
            let error = try Descriptive.gradientCheckError(module)
            rows.append([
                doc.name, "$\(doc.formula)$", "$\(doc.derivative)$", doc.range,
                input.paperText("Table 1: \(doc.name)", "remark"), String(format: "%.1e", error),
            ])
            try document.requiring([]) {
                try input.check(
                    "\(doc.name) gradient check", .number(error, shown: String(format: "max rel. error %.1e", error)))
            }
        }
        try input.addTable(
            markdownTable(["", "Function", "Gradient", "Range (Backprop)", "Remark (paper)", "gradient check"], rows))
    }

    private static func lossTable(_ input: ReportHookInput) throws {
        let rows = [MSELoss<Float>.documentation, CrossEntropyLoss<Float>.documentation].map { doc in
            [doc.name, "$\(doc.formula)$", "$\(doc.derivative)$"]
        }
        try input.addTable(markdownTable(["", "Function", "Gradient (corrected)"], rows))
    }

    private static func scheduleTable(_ input: ReportHookInput) throws {
        let (document, context) = (input.document, input.context)
        let settings: [String: SettingValue] = ["decayRate": 0.01, "stepLength": 10]
        var rows: [[String]] = []
        for name in ["constant", "step_decay", "exp_decay", "t_frac_decay"] {
            let takes = Set(context.registry.declaredSettings(.schedule, name)?.map(\.name) ?? [])
            let named = ScheduleSpec(name: name, settings.filter { takes.contains($0.key) })
            let schedule = try? context.registry.makeSchedule(named, initialRate: 0.1)
            let sampled = [0, 10, 100].map { step in
                schedule.map { String(format: "%.6g", $0.learningRate(at: step)) } ?? ""
            }
            rows.append([
                name, input.paperText("Table 3: \(name)", "formula"),
                "$\((schedule as? any ScheduleFormula)?.formula ?? "")$",
                sampled.joined(separator: ", "),
            ])
        }
        let tFrac = InverseTimeDecaySchedule(initialRate: 0.1, decayRate: 0.01).learningRate(at: 100)
        let exponential = ExponentialDecaySchedule(initialRate: 0.8, decayRate: 0.0002).learningRate(at: 1000)
        try document.requiring([]) {
            try input.check("t_frac lr", .number(tFrac, shown: String(format: "%.6f", tFrac)))
            try input.check("exp lr", .number(exponential, shown: String(format: "%.6f", exponential)))
        }
        try input.addTable(
            markdownTable(
                ["lr_option", "Function (paper)", "Function (Backprop)", "lr at i = 0, 10, 100"], rows))
    }

    private static func configurationTable(_ input: ReportHookInput, _ networks: [Network]) throws {
        let rows = networks.filter(\.inPaper).map { network in
            [
                network.name.dropFirst(3).description,
                "\(network.activation == "relu" ? "ReLU" : "Tanh"), \(network.outputs == 1 ? "sigmoid" : "softmax")",
                network.lossName, "\(network.learningRate)", "\(network.decayRate)",
                network.schedule == "exp_decay" ? "exponential" : "t_frac_decay", "optimizer: SGD, batch size: 500",
            ]
        }
        try input.addTable(
            markdownTable(
                [
                    "ANN", "Activation Function", "Loss Function", "Learning Rate", "Decay Rate", "lr Option",
                    "Other Common Parameters",
                ], rows), ["epochs": "\(networks.first?.epochs ?? 0)"])
    }
}
