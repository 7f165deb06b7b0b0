import TensorCore

extension ComponentRegistry {
    /// The built-in observers a recipe names in `training.observers`: the harness's recording
    /// options and early stopping.
    mutating func registerStandardObservers() {
        register(observer: "initial-evaluation") { _ in InitialEvaluation<Float>() }
        register(observer: "training-set-evaluation") { _ in TrainingSetEvaluation<Float>() }
        register(observer: "test-loss-in-training-mode") { _ in TestLossInTrainingMode<Float>() }
        register(observer: "iteration-log") { _ in IterationLog<Float>() }
        register(
            observer: "periodic-evaluation",
            settings: [.integer("interval", required: true, "steps between test-set evaluations")]
        ) { PeriodicEvaluation<Float>(interval: try $0.integer("interval")) }
        register(
            observer: "early-stopping",
            settings: [
                .choice("monitor", default: EpochMetric.testLoss, "the metric watched after every epoch"),
                .integer("patience", default: 0, minimum: 0, "epochs without improvement that are tolerated"),
                .number("minimumDelta", default: 0, in: .nonNegative, "the least change that counts as an improvement"),
            ]
        ) { settings in
            EarlyStopping<Float>(
                monitor: try settings.choice("monitor"), patience: try settings.integer("patience"),
                minimumDelta: try settings.number("minimumDelta"))
        }
    }
}
