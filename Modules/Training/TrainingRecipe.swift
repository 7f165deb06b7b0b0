import Datasets
import Foundation
import Layers
import Randomness
import TensorCore

/// A complete training job as data (the `train` app's JSON file): dataset, model, training and seed.
public struct TrainingRecipe: Codable, Sendable {
    /// Which data to train on.
    public struct DataSource: Codable, Sendable {
        /// "disk", "syn20", "syng" (generated from the seed) or "idx" (a folder of MNIST-style idx files).
        public var name: String
        public var trainCount: Int?
        public var testCount: Int?
        /// For "idx": the folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-… (plain or .gz).
        public var folder: String?
        /// For "idx": "unitScale" (default), "centered" or "standardized".
        public var preprocessing: String?

        public init(name: String, trainCount: Int? = nil, testCount: Int? = nil, folder: String? = nil, preprocessing: String? = nil) {
            (self.name, self.trainCount, self.testCount, self.folder, self.preprocessing) = (name, trainCount, testCount, folder, preprocessing)
        }
    }

    public var dataset: DataSource
    public var model: ModelSpec
    public var training: TrainingSpec
    public var seed: UInt64

    public init(dataset: DataSource, model: ModelSpec, training: TrainingSpec, seed: UInt64) {
        (self.dataset, self.model, self.training, self.seed) = (dataset, model, training, seed)
    }

    /// Decodes a recipe; a malformed file gives an error naming the file and the field.
    public static func decode(_ data: Data, source: String) throws -> TrainingRecipe {
        do {
            return try JSONDecoder().decode(TrainingRecipe.self, from: data)
        } catch let error as DecodingError {
            throw RecipeError.malformed(source: source, detail: describe(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .keyNotFound(key, context): return "missing field \(path(context.codingPath + [key]))"
        case let .typeMismatch(type, context): return "field \(path(context.codingPath)) should be \(type)"
        case let .valueNotFound(type, context): return "field \(path(context.codingPath)) is null, expected \(type)"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON (\(context.debugDescription))" : "field \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// The training and test sets this recipe names.
    public func loadData(random: RandomSource) throws -> DatasetSplit<Float> {
        switch dataset.name {
        case "disk": return DiskDataset.split(trainCount: dataset.trainCount ?? 1000, testCount: dataset.testCount ?? 1000, random: random)
        case "syn20", "syng":
            return SyntheticDataset.split(variant: dataset.name == "syn20" ? .vugrad2020 : .gist,
                                          trainCount: dataset.trainCount ?? 60000, validationCount: dataset.testCount ?? 10000, random: random)
        case "idx":
            guard let folder = dataset.folder else { throw RecipeError.malformed(source: "recipe", detail: "missing field dataset.folder (needed for \"idx\")") }
            let train: LabeledDataset<Float> = try IDXDataset.load(directory: folder, images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte")
            let test: LabeledDataset<Float> = try IDXDataset.load(directory: folder, images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte")
            guard let preprocessing = MNIST.Preprocessing(rawValue: dataset.preprocessing ?? "unitScale") else {
                throw RecipeError.malformed(source: "recipe", detail: "field dataset.preprocessing must be one of \(MNIST.Preprocessing.allCases.map(\.rawValue))")
            }
            return MNIST.preprocess(DatasetSplit(train: train, test: test), preprocessing)
        default:
            throw RegistryError.unknown(kind: "dataset (field dataset.name)", name: dataset.name, known: ["disk", "syn20", "syng", "idx"])
        }
    }

    /// Trains the recipe's model with the shared loop; returns the model and its history.
    public func run(registry: ComponentRegistry = .standard, progress: ((Int, Int, Int) -> Void)? = nil) throws -> (model: Sequential<Float>, history: TrainingHistory) {
        let random = RandomSource(seed: seed)
        let split = try loadData(random: random)
        guard split.train.features.rowWidth == model.inputs else {
            throw RecipeError.malformed(source: "recipe", detail: "field model.inputs is \(model.inputs) but the dataset has \(split.train.features.rowWidth) features")
        }
        let network = try registry.makeModel(model, random: random)
        let optimizer = try registry.makeOptimizer(training.optimizer, parameters: network.allParameters())
        let (schedule, plateau) = try registry.makeSchedule(training.schedule, initialRate: training.optimizer.learningRate)
        let trainer = Trainer(model: network, loss: try registry.makeLoss(training.loss), optimizer: optimizer)
        trainer.progress = progress
        let configuration = TrainingConfiguration(
            epochs: training.epochs, batchSize: training.batchSize, shuffle: training.shuffle,
            targetEncoding: ComponentRegistry.targetEncoding(loss: training.loss, outputs: model.outputs), schedule: schedule, plateau: plateau)
        let history = try trainer.fit(train: split.train, test: split.test, configuration: configuration, random: random)
        return (network, history)
    }
}

/// A recipe that cannot be used, naming the file and the field.
public enum RecipeError: Error, CustomStringConvertible, Equatable {
    case malformed(source: String, detail: String)

    public var description: String {
        switch self {
        case let .malformed(source, detail): return "\(source): \(detail)"
        }
    }
}
