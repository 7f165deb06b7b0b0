import Foundation
import Layers
import Optimizers
import Randomness
import TestSupport
import Training
import XCTest

/// Issue 22: every slot takes its own settings, declared where it is registered and checked
/// against the recipe before anything is built: an unknown key, a wrong kind or a value out of
/// range is an error naming the slot, the key and what the component takes.
final class ComponentSettingsTests: XCTestCase {
    func recipe(optimizer: String, loss: String = #"{"name": "softmax-cross-entropy"}"#, extra: String = "") -> String {
        """
        {"dataset": {"name": "disk", "trainCount": 200, "testCount": 100},
         "model": {"hidden": [8]},
         "training": {"epochs": 3, "batchSize": 20, "loss": \(loss), "optimizer": \(optimizer)\(extra)},
         "seed": 3}
        """
    }

    func train(_ text: String, registry: ComponentRegistry = .standard) throws -> TrainingHistory {
        let recipe = try TrainingRecipe.decode(Data(text.utf8), source: "settings.json")
        try registry.checkSettings(of: recipe, source: "settings.json")
        return try recipe.run(registry: registry).history
    }

    func testAdamRefusesMomentumNamingItsOwnSettings() {
        assertThrowsMessage(
            try train(recipe(optimizer: #"{"name": "adam", "learningRate": 0.01, "momentum": 0.9}"#)),
            containing: [
                "settings.json", "training.optimizer (adam)", "unknown setting \"momentum\"",
                "it takes: betas, decoupledWeightDecay, epsilon, learningRate, weightDecay",
            ])
    }

    func testAdamsBetasAreReachableAndChangeTheRun() throws {
        let defaults = try train(recipe(optimizer: #"{"name": "adam", "learningRate": 0.01}"#))
        let spelledOut = try train(recipe(optimizer: #"{"name": "adam", "learningRate": 0.01, "betas": [0.9, 0.999]}"#))
        let other = try train(recipe(optimizer: #"{"name": "adam", "learningRate": 0.01, "betas": [0.8, 0.9]}"#))
        XCTAssertEqual(
            spelledOut.epochs.map(\.trainLoss), defaults.epochs.map(\.trainLoss), "the defaults are PyTorch's")
        XCTAssertNotEqual(other.epochs.last!.trainLoss, defaults.epochs.last!.trainLoss)
        XCTAssertTrue(other.epochs.allSatisfy { $0.trainLoss.isFinite })
    }

    func testSGDTakesDampeningAndItMovesTheWeights() throws {
        let plain = try train(recipe(optimizer: #"{"name": "sgd", "learningRate": 0.1, "momentum": 0.9}"#))
        let damped = try train(
            recipe(optimizer: #"{"name": "sgd", "learningRate": 0.1, "momentum": 0.9, "dampening": 0.5}"#))
        XCTAssertEqual(plain.epochs[0].trainLoss, damped.epochs[0].trainLoss, accuracy: 0.05)
        XCTAssertNotEqual(plain.epochs.last!.trainLoss, damped.epochs.last!.trainLoss)
    }

    /// One line per case: the recipe's optimizer or loss, and what the error must say.
    func testOutOfRangeSettingsNameTheirRange() {
        let cases: [(optimizer: String, loss: String, fragments: [String])] = [
            (
                #"{"name": "adam", "learningRate": 0.01, "betas": [1.0, 0.9]}"#, #"{"name": "mse"}"#,
                ["training.optimizer (adam)", "\"betas\" is [1, 0.9]", "a list of 2 numbers, each in [0, 1)"]
            ),
            (
                #"{"name": "adam", "learningRate": 0.01, "betas": [0.9]}"#, #"{"name": "mse"}"#,
                ["\"betas\" is [0.9]", "a list of 2 numbers"]
            ),
            (
                #"{"name": "sgd", "learningRate": 0.01, "momentum": -0.5}"#, #"{"name": "mse"}"#,
                ["training.optimizer (sgd)", "\"momentum\" is -0.5", "a number ≥ 0"]
            ),
            (
                #"{"name": "sgd", "learningRate": 0.01, "dampening": 2}"#, #"{"name": "mse"}"#,
                ["\"dampening\" is 2", "in [0, 1]"]
            ),
            (
                #"{"name": "sgd", "learningRate": 0.01, "nesterov": "yes"}"#, #"{"name": "mse"}"#,
                ["\"nesterov\" is \"yes\"", "true or false"]
            ),
            (
                #"{"name": "gd", "learningRate": 0.01}"#, #"{"name": "euclidean", "reduction": "sum"}"#,
                ["training.loss (euclidean)", "\"reduction\" is \"sum\"", "one of \"mean\""]
            ),
            (
                #"{"name": "gd", "learningRate": 0.01}"#, #"{"name": "cross-entropy", "epsilon": -1}"#,
                ["training.loss (cross-entropy)", "\"epsilon\" is -1", "≥ 0"]
            ),
            (
                #"{"name": "gd", "learningRate": 0.01}"#, #"{"name": "mse", "label_smoothing": 0.1}"#,
                ["training.loss (mse)", "unknown setting \"label_smoothing\"", "it takes: reduction"]
            ),
        ]
        for (optimizer, loss, fragments) in cases {
            assertThrowsMessage(try train(recipe(optimizer: optimizer, loss: loss)), containing: fragments)
        }
    }

    func testScheduleObserverAndDatasetSettingsAreCheckedToo() {
        assertThrowsMessage(
            try train(
                recipe(
                    optimizer: #"{"name": "sgd", "learningRate": 0.1}"#,
                    extra: #", "schedule": {"name": "step_decay", "decay": 0.5}"#)),
            containing: ["training.schedule (step_decay)", "unknown setting \"decay\"", "decayRate, stepLength"])
        assertThrowsMessage(
            try train(
                recipe(
                    optimizer: #"{"name": "sgd", "learningRate": 0.1}"#,
                    extra: #", "observers": [{"name": "early-stopping", "patience": -1}]"#)),
            containing: ["training.observers[0] (early-stopping)", "\"patience\" is -1", "≥ 0"])
        let dataset = recipe(optimizer: #"{"name": "sgd", "learningRate": 0.1}"#).replacingOccurrences(
            of: #""trainCount": 200"#, with: #""trainCount": 200, "preprocessing": "centered""#)
        assertThrowsMessage(
            try train(dataset), containing: ["dataset (disk)", "unknown setting \"preprocessing\"", "it takes: none"])
    }

    /// A minimal recipe: dataset, a model's hidden widths, an optimizer's name and rate, epochs.
    /// Everything else has PyTorch's default and the sizes come from the data.
    func testAMinimalRecipeTrainsWithPyTorchsDefaults() throws {
        let minimal = """
            {"dataset": {"name": "disk", "trainCount": 200, "testCount": 100},
             "model": {"hidden": [8]},
             "training": {"epochs": 3, "optimizer": {"name": "adam", "learningRate": 0.01}}}
            """
        let spelledOut = """
            {"dataset": {"name": "disk", "trainCount": 200, "testCount": 100},
             "model": {"inputs": 2, "hidden": [8], "outputs": 2, "activation": "relu",
                       "initializer": {"name": "pytorch-default", "gainFromActivation": false}},
             "training": {"epochs": 3, "batchSize": 1, "shuffle": false,
                          "loss": {"name": "softmax-cross-entropy", "reduction": "mean"},
                          "optimizer": {"name": "adam", "learningRate": 0.01}},
             "seed": 0}
            """
        let short = try TrainingRecipe.decode(Data(minimal.utf8), source: "minimal.json")
        let long = try TrainingRecipe.decode(Data(spelledOut.utf8), source: "long.json")
        XCTAssertEqual(short.training, long.training)
        XCTAssertEqual(short.seed, 0)
        let (model, history, _) = try short.run(registry: .standard)
        let (_, longHistory, _) = try long.run(registry: .standard)
        XCTAssertEqual(
            model.stateDict().map(\.tensor.shape), [[8, 2], [8], [2, 8], [2]], "2 features in, 2 classes out")
        XCTAssertEqual(history.epochs.map(\.trainLoss), longHistory.epochs.map(\.trainLoss))
        XCTAssertLessThan(history.epochs.last!.trainLoss, history.epochs.first!.trainLoss)
    }

    func testTheLayerListTakesItsOutputWidthFromTheData() throws {
        let text = """
            {"dataset": {"name": "disk", "trainCount": 50, "testCount": 20},
             "model": {"layers": [{"type": "linear", "out": 4}, {"type": "tanh"}, {"type": "linear"}]},
             "training": {"epochs": 1, "optimizer": {"name": "adam", "learningRate": 0.01}}}
            """
        let (model, _, inputShape) = try TrainingRecipe.decode(Data(text.utf8), source: "list.json").run(
            registry: .standard)
        XCTAssertEqual(inputShape, [2])
        XCTAssertEqual(model.stateDict().map(\.tensor.shape), [[4, 2], [4], [2, 4], [2]])
    }

    func testTheExampleMinimalRecipeDecodesAndNamesNoOptionalField() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../docs/examples/minimal.json")
        let data = try Data(contentsOf: url)
        let recipe = try TrainingRecipe.decode(data, source: "minimal.json")
        try ComponentRegistry.standard.checkSettings(of: recipe, source: "minimal.json")
        let text = String(decoding: data, as: UTF8.self)
        for field in ["inputs", "outputs", "initializer", "shuffle", "reduction"] {
            XCTAssertFalse(text.contains("\"\(field)\""), "minimal.json leaves \(field) to its default")
        }
    }

    /// docs/examples/mnist-cnn-wide.json is the network `bench all --case cnn-wide` and the PyTorch anchor time.
    func testTheWideCNNRecipeHasTheAnchorsParameterShapes() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../docs/examples/mnist-cnn-wide.json")
        let recipe = try TrainingRecipe.decode(try Data(contentsOf: url), source: "mnist-cnn-wide.json")
        try ComponentRegistry.standard.checkSettings(of: recipe, source: "mnist-cnn-wide.json")
        let model = try ComponentRegistry.standard.makeModel(
            recipe.model, inputShape: [784], classCount: 10, random: RandomSource(seed: 1))
        XCTAssertEqual(
            model.stateDict().map(\.tensor.shape),
            [[32, 1, 3, 3], [32], [64, 32, 3, 3], [64], [128, 3136], [128], [10, 128], [10]])
    }
}
