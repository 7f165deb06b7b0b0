import Datasets
import Foundation
import Layers
import Randomness
import TensorCore

/// A complete training job as data (the `train` app's JSON file): dataset, model, training and
/// seed (0 when left out).
public struct TrainingRecipe: Codable, Sendable {
    public var dataset: DatasetSpec
    public var model: ModelSpec
    public var training: TrainingSpec
    public var seed: UInt64

    /// - Parameters:
    ///   - dataset: what to train on.
    ///   - model: the network.
    ///   - training: epochs, batch, loss, optimizer, schedule.
    ///   - seed: the seed of every random draw of the run.
    public init(dataset: DatasetSpec, model: ModelSpec, training: TrainingSpec, seed: UInt64) {
        (self.dataset, self.model, self.training, self.seed) = (dataset, model, training, seed)
    }

    private enum CodingKeys: String, CodingKey { case dataset, model, training, seed }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dataset = try container.decode(DatasetSpec.self, forKey: .dataset)
        model = try container.decode(ModelSpec.self, forKey: .model)
        training = try container.decode(TrainingSpec.self, forKey: .training)
        seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
    }

    /// Decodes a recipe; a malformed file gives an error naming the file and the field.
    public static func decode(_ data: Data, source: String) throws -> TrainingRecipe {
        let recipe: TrainingRecipe
        do {
            recipe = try StrictJSON.decode(TrainingRecipe.self, from: data, source: source)
        } catch RecipeError.malformed(let source, let detail) where detail.hasPrefix("not valid JSON") {
            // Foundation reports a number its field cannot hold as "not valid JSON", without the field.
            throw RecipeError.malformed(source: source, detail: RecipeNumberFit.describe(data) ?? detail)
        }
        try recipe.dataset.validate(source: source)
        try recipe.training.validate(source: source)
        return recipe
    }

    /// Trains the recipe's model with the shared loop, every component taken from `registry`;
    /// `dataDirectory` is where named datasets (mnist, cifar10) are found. `start` begins from the
    /// recipe's initialisation, from PyTorch weights, or from a resume checkpoint of this recipe.
    /// `epochFinished` gets each epoch's record with the model as it stands then; `checkpointed`
    /// gets a resume checkpoint after each whole epoch; `stop` ends training early. Returns the
    /// trained model, its history and the per-example input shape it was built for.
    public func run(
        registry: ComponentRegistry, dataDirectory: String = DataDirectory.resolve(),
        progress: ((Int, Int, Int) -> Void)? = nil, stop: StopRequest? = nil, start: TrainingStart = .fresh,
        epochFinished: ((EpochRecord, Sequential<Float>) throws -> Void)? = nil,
        checkpointed: ((TrainingCheckpoint) throws -> Void)? = nil
    ) throws -> (model: Sequential<Float>, history: TrainingHistory, inputShape: [Int]) {
        let random = RandomSource(seed: seed)
        let split = try registry.makeDataset(
            dataset, context: DatasetContext(dataDirectory: dataDirectory, random: random))
        let inputShape = Array(split.train.features.shape.dropFirst())
        let setup = try TrainingSetup(
            registry: registry, model: model, training: training, inputShape: inputShape,
            classCount: split.train.classCount, random: random)
        let resuming = try start.apply(to: setup, random: random)
        setup.trainer.progress = progress
        setup.trainer.stopRequest = stop
        // Captures the model, not `setup`: the trainer holds these closures, so capturing its owner would be a cycle.
        let model = setup.model
        if let epochFinished { setup.trainer.epochFinished = { try epochFinished($0, model) } }
        if let checkpointed {
            let (optimizer, recipe) = (setup.trainer.optimizer, self)
            setup.trainer.epochCompleted = { point in
                try checkpointed(
                    TrainingCheckpoint(
                        recipe: recipe, model: model.stateDict(), optimizer: optimizer.stateDict(),
                        randomState: random.state, point: point))
            }
        }
        let history = try setup.trainer.fit(
            train: split.train, test: split.test, configuration: setup.configuration, random: random,
            resuming: resuming)
        return (setup.model, history, inputShape)
    }
}

/// A recipe that cannot be used, naming the file and the field.
public enum RecipeError: Error, CustomStringConvertible, Equatable {
    case malformed(source: String, detail: String)
    /// A layer of a layer-list model: where it stands ("model.layers[3] (conv2d)") and what is wrong.
    case layer(location: String, detail: String)

    public var description: String {
        switch self {
        case .malformed(let source, let detail): return "\(source): \(detail)"
        case .layer(let location, let detail): return "\(location): \(detail)"
        }
    }
}
