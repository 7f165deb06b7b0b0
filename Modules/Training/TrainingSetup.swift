import Layers
import Randomness
import TensorCore

/// A model with its trainer and loop settings, built from a recipe's model and training parts by
/// one registry: what `train`, the recipes and the reproduction share.
public struct TrainingSetup {
    public let model: Sequential<Float>
    public let trainer: Trainer<Float>
    public var configuration: TrainingConfiguration

    /// Builds model, loss, optimizer, schedule and observers for examples of `inputShape`, in that order of random draws.
    /// - Parameters:
    ///   - registry: where every component comes from.
    ///   - spec: the model.
    ///   - training: loss, optimizer, schedule, observers, epochs and batch.
    ///   - inputShape: the shape of one example.
    ///   - classCount: the dataset's classes (the output width a recipe may leave out).
    ///   - random: the run's random source (the model's weights are drawn first).
    /// - Throws: `RecipeError` or `RegistryError` naming what is wrong.
    public init(
        registry: ComponentRegistry, model spec: ModelSpec, training: TrainingSpec, inputShape: [Int],
        classCount: Int? = nil, random: RandomSource
    ) throws {
        if let declared = spec.declaredInputShape, declared != inputShape {
            switch spec {
            case .mlp(let mlp):
                throw RecipeError.malformed(
                    source: "recipe",
                    detail:
                        "field model.inputs is \(mlp.inputs ?? 0) but the dataset has \(inputShape.reduce(1, *)) features"
                )
            case .layers:
                throw RecipeError.malformed(
                    source: "recipe",
                    detail: "field model.input is \(declared) but the dataset's examples have shape \(inputShape)")
            }
        }
        try training.validate(source: "recipe")
        try registry.checkSettings(of: training)
        let built = try registry.buildModel(spec, inputShape: inputShape, classCount: classCount, random: random)
        let optimizer = try registry.makeOptimizer(training.optimizer, parameters: built.model.allParameters())
        let loss = try registry.makeLoss(training.loss)
        let schedule = try registry.makeSchedule(training.schedule, initialRate: training.optimizer.learningRate)
        model = built.model
        trainer = Trainer(
            model: built.model, loss: loss, optimizer: optimizer,
            observers: try registry.makeObservers(training.observers))
        configuration = TrainingConfiguration(
            epochs: training.epochs, batchSize: training.batchSize, shuffle: training.shuffle,
            targetEncoding: ComponentRegistry.targetEncoding(loss: loss, outputs: built.outputShape.reduce(1, *)),
            schedule: schedule)
    }
}
