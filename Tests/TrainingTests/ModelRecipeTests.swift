import Datasets
import Foundation
import Layers
import Optimizers
import Randomness
import TensorCore
import TestSupport
import Training
import XCTest

final class ModelRecipeTests: XCTestCase {
    let convRecipe = """
        {"input": [3, 8, 8], "layers": [
          {"type": "conv2d", "out": 4, "kernel": 3, "padding": 1}, {"type": "relu"}, {"type": "maxpool2d", "kernel": 2},
          {"type": "flatten"}, {"type": "linear", "out": 5, "init": "xavier-uniform"}, {"type": "tanh"}, {"type": "linear", "out": 3}
        ]}
        """

    func testLayerListWithAConvolutionBuildsTheHandBuiltSequential() throws {
        let spec = try JSONDecoder().decode(ModelSpec.self, from: Data(convRecipe.utf8))
        let built = try ComponentRegistry.standard.buildModel(spec, random: RandomSource(seed: 5))
        let random = RandomSource(seed: 5)
        let byHand = Sequential<Float>(
            Conv2d(inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1, random: random), ReLU(),
            MaxPool2d(kernelSize: 2), Flatten(),
            Linear(inputFeatures: 64, outputFeatures: 5, weightInitializer: .xavierUniform(gain: 1), random: random),
            Tanh(),
            Linear(inputFeatures: 5, outputFeatures: 3, random: random))
        XCTAssertEqual(built.outputShape, [3])
        XCTAssertEqual(built.model.layers.map(\.typeName), byHand.layers.map(\.typeName))
        XCTAssertEqual(built.model.namedParameters().map(\.name), byHand.namedParameters().map(\.name))
        XCTAssertEqual(built.model.stateDict().map(\.tensor), byHand.stateDict().map(\.tensor))
        let input: Tensor<Float> = RandomSource(seed: 9).gaussianTensor([2, 3, 8, 8])
        XCTAssertEqual(try built.model.forward(input).scalars, try byHand.forward(input).scalars)
        XCTAssertEqual(built.model.parameterCount, 4 * 3 * 9 + 4 + 64 * 5 + 5 + 5 * 3 + 3)
    }

    func testTheMLPShorthandIsTheLayerListItExpandsTo() throws {
        let mlp = MLPSpec(
            inputs: 2, hidden: [6, 4], outputs: 1, activation: "relu", outputActivation: "sigmoid",
            initializer: InitializerSpec(name: "he-normal", gainFromActivation: true), dropout: 0.2)
        let registry = ComponentRegistry.standard
        let list = try registry.layerList(.mlp(mlp))
        XCTAssertEqual(
            list.layers.map(\.type), ["linear", "relu", "dropout", "linear", "relu", "dropout", "linear", "sigmoid"])
        XCTAssertEqual(
            list.layers[0].settings["gain"], .number(2.0.squareRoot()), "hidden layers take the activation's gain")
        XCTAssertEqual(list.layers[6].settings["gain"], .number(1), "the output layer uses gain 1")
        let fromShorthand = try registry.makeModel(.mlp(mlp), random: RandomSource(seed: 3))
        let fromList = try registry.makeModel(.layers(list), random: RandomSource(seed: 3))
        XCTAssertEqual(fromShorthand.stateDict().map(\.tensor), fromList.stateDict().map(\.tensor))
        let random = RandomSource(seed: 3)
        let first = Linear<Float>(
            inputFeatures: 2, outputFeatures: 6, weightInitializer: .heNormal(gain: 2.0.squareRoot()), random: random)
        XCTAssertEqual(fromShorthand.stateDict()[0].tensor, first.weight.value)
    }

    func testTheShorthandEncodesAsItAlwaysHasSoCacheKeysStay() throws {
        let mlp = MLPSpec(
            inputs: 784, hidden: [300], outputs: 10, activation: "sigmoid",
            initializer: InitializerSpec(name: "fan-in-normal"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let expected =
            #"{"activation":"sigmoid","hidden":[300],"initializer":{"gainFromActivation":false,"name":"fan-in-normal"},"inputs":784,"outputs":10}"#
        XCTAssertEqual(String(decoding: try encoder.encode(ModelSpec.mlp(mlp)), as: UTF8.self), expected)
        XCTAssertEqual(try JSONDecoder().decode(ModelSpec.self, from: Data(expected.utf8)), .mlp(mlp))
        let list = try JSONDecoder().decode(ModelSpec.self, from: Data(convRecipe.utf8))
        XCTAssertEqual(try JSONDecoder().decode(ModelSpec.self, from: encoder.encode(list)), list)
    }

    /// One line per kind of mistake: the recipe's model, and what the error must name.
    func testEveryBadNameOrSettingGivesAClearError() {
        let cases: [(model: String, fragments: [String])] = [
            (
                #"{"input": [3, 8, 8], "layers": [{"type": "conv", "out": 4, "kernel": 3}]}"#,
                ["model.layers[0]", "unknown layer type \"conv\"", "conv2d, dropout, flatten, linear"]
            ),
            (
                #"{"input": [3, 8, 8], "layers": [{"type": "conv2d", "out": 4}]}"#,
                ["model.layers[0] (conv2d)", "missing setting \"kernel\""]
            ),
            (
                #"{"input": [3, 8, 8], "layers": [{"type": "conv2d", "out": "six", "kernel": 3}]}"#,
                ["(conv2d)", "\"out\" is \"six\"", "a whole number ≥ 1"]
            ),
            (
                #"{"input": [3, 8, 8], "layers": [{"type": "conv2d", "out": 4, "kernel": 0}]}"#,
                ["(conv2d)", "\"kernel\" is 0", "a whole number ≥ 1"]
            ),
            (#"{"input": [3, 8, 8], "layers": [{"type": "conv2d", "out": 4.5, "kernel": 3}]}"#, ["\"out\" is 4.5"]),
            (
                #"{"input": [3, 8, 8], "layers": [{"type": "conv2d", "out": 4, "kernal": 3}]}"#,
                [
                    "model.layers[0] (conv2d)", "unknown setting \"kernal\"",
                    "it takes: gain, init, kernel, out, padding, stride",
                ]
            ),
            (
                #"{"input": [3, 8, 8], "layers": [{"type": "relu", "out": 4}]}"#,
                ["model.layers[0] (relu)", "unknown setting \"out\"", "it takes: none"]
            ),
            (
                #"{"input": [3, 8, 8], "layers": [{"type": "linear", "out": 4}]}"#,
                ["model.layers[0] (linear)", "[3, 8, 8]", "flatten"]
            ),
            (
                #"{"input": [3, 8, 8], "layers": [{"type": "conv2d", "out": 4, "kernel": 9}]}"#,
                ["model.layers[0] (conv2d)", "does not accept examples of shape [3, 8, 8]"]
            ),
            (
                #"{"input": [784], "layers": [{"type": "reshape", "shape": [1, 28, 27]}]}"#,
                ["model.layers[0] (reshape)", "756", "784"]
            ),
            (
                #"{"input": [4], "layers": [{"type": "linear", "out": 2, "init": "glorot"}]}"#,
                ["model.layers[0] (linear)", "unknown initializer \"glorot\"", "xavier-normal"]
            ),
            (
                #"{"input": [4], "layers": [{"type": "dropout", "p": 1.5}]}"#,
                ["model.layers[0] (dropout)", "1.5", "[0, 1)"]
            ),
            (
                #"{"input": [4], "layers": [{"type": "linear", "out": 2, "bias": "yes"}]}"#,
                ["(linear)", "\"bias\" is \"yes\"", "true or false"]
            ),
            (#"{"layers": [{"type": "relu"}]}"#, ["model.input"]),
            (
                #"{"inputs": 2, "hidden": [4], "outputs": 2, "activation": "rectifier", "initializer": {"name": "pytorch-default", "gainFromActivation": false}}"#,
                ["activation (field model.activation)", "\"rectifier\"", "relu"]
            ),
            (
                #"{"inputs": 2, "hidden": [4], "outputs": 2, "activation": "relu", "initializer": {"name": "he", "gainFromActivation": false}}"#,
                ["initializer (field model.initializer.name)", "\"he\"", "he-normal"]
            ),
        ]
        for (model, fragments) in cases {
            assertThrowsMessage(
                try ComponentRegistry.standard.buildModel(
                    JSONDecoder().decode(ModelSpec.self, from: Data(model.utf8)), random: RandomSource(seed: 1)),
                containing: fragments)
        }
    }

    func testBadNamesElsewhereInARecipeNameTheSlotAndTheKnownNames() {
        func recipe(
            dataset: String = "disk", loss: String = "mse", schedule: String = "constant",
            layers: String = #"[{"type": "linear", "out": 1}]"#
        ) -> String {
            """
            {"dataset": {"name": "\(dataset)", "trainCount": 20, "testCount": 20}, "model": {"layers": \(layers)},
             "training": {"epochs": 1, "batchSize": 10, "shuffle": false, "loss": {"name": "\(loss)", "reduction": "mean"},
                          "optimizer": {"name": "sgd", "learningRate": 0.1}, "schedule": {"name": "\(schedule)"}}, "seed": 1}
            """
        }
        let cases: [(json: String, fragments: [String])] = [
            (
                recipe(dataset: "circle"),
                ["unknown dataset \"circle\"", "cifar10, disk, fashion-mnist, idx, kmnist, mnist, syn20, syng"]
            ),
            (recipe(loss: "hinge"), ["unknown loss \"hinge\"", "cross-entropy, euclidean, mse"]),
            (recipe(schedule: "warmup"), ["unknown schedule \"warmup\"", "constant, cosine"]),
            (
                recipe(layers: #"[{"type": "linear"}, {"type": "relu"}, {"type": "linear", "out": 1}]"#),
                ["model.layers[0] (linear)", "missing setting \"out\"", "only the model's last layer that takes it"]
            ),
            (
                recipe(layers: #"[{"type": "linear", "out": {"n": 1}}]"#),
                ["model.layers[0] (linear)", "\"out\" is {\"n\": 1}", "a whole number ≥ 1"]
            ),
            (recipe(layers: #"[{"out": 1}]"#), ["missing field model.layers[0].type"]),
        ]
        for (json, fragments) in cases {
            assertThrowsMessage(
                try TrainingRecipe.decode(Data(json.utf8), source: "recipe.json").run(registry: .standard),
                containing: fragments)
        }
    }

    /// Issue 16: a custom initializer of the wrong size used to become zeros silently.
    func testACustomInitializerOfTheWrongSizeIsAnErrorNamingIt() {
        var registry = ComponentRegistry.standard
        registry.register(initializer: "short", implementation: "ShortInit") { _, _ in
            .custom { _, _, _, _ in [1, 2, 3] }
        }
        let list = LayerListSpec(input: [4], layers: [LayerSpec("linear", ["out": 2, "init": "short"])])
        XCTAssertThrowsError(try registry.makeModel(.layers(list), random: RandomSource(seed: 1))) { error in
            XCTAssertTrue("\(error)".contains("returned 3 values for a weight of shape [2, 4]"), "\(error)")
            XCTAssertTrue("\(error)".contains("initializer \"short\""), "\(error)")
        }
        var fitting = ComponentRegistry.standard
        fitting.register(initializer: "ones", implementation: "Ones") { _, _ in
            .custom { shape, _, _, _ in Array(repeating: 1, count: shape.reduce(1, *)) }
        }
        XCTAssertNoThrow(
            try fitting.makeModel(
                .layers(LayerListSpec(input: [4], layers: [LayerSpec("linear", ["out": 2, "init": "ones"])])),
                random: RandomSource(seed: 1)))
    }

    func testAUserLayerRegisteredByNameIsUsedByRecipesAndRecorded() throws {
        var registry = ComponentRegistry.standard
        XCTAssertTrue(registry.replacements.isEmpty, "the built-ins are not replacements")
        registry.register(layer: "double") { _ in Doubling() }
        XCTAssertEqual(registry.replacements, [ComponentSlot(.layer, "double"): "Doubling"])
        let model = try registry.makeModel(
            .layers(LayerListSpec(input: [3], layers: [LayerSpec("double")])), random: RandomSource(seed: 1))
        XCTAssertEqual(try model.forward(Tensor([[1, 2, 3]])).scalars, [2, 4, 6])
        registry.register(optimizer: "sgd", implementation: "MySGD v2") {
            GradientDescentLike(parameters: $0, learningRate: try $1.number("learningRate"))
        }
        XCTAssertEqual(registry.replacements[ComponentSlot(.optimizer, "sgd")], "MySGD v2")
    }
}

/// y = 2x, a user's layer for the registry test.
private final class Doubling: Module {
    var isTraining = true
    func forward(_ input: Tensor<Float>) throws -> Tensor<Float> { input * 2 }
    func backward(_ outputGradient: Tensor<Float>) throws -> Tensor<Float> { outputGradient * 2 }
}

/// A stand-in user optimizer (plain gradient descent).
private final class GradientDescentLike: ParameterwiseOptimizer<Float> {
    init(parameters: [Parameter<Float>], learningRate: Double) {
        super.init(parameters: parameters, learningRate: learningRate, slotNames: [])
    }

    override func update(_ parameter: Parameter<Float>, state: inout [Tensor<Float>], step: Int) throws {
        try parameter.value.axpy(-Float(learningRate), parameter.grad)
    }
}

/// Recipes train layer-list models end to end, on built-in and registered datasets.
final class LayerListTrainingTests: XCTestCase {
    func testACNNRecipeTrainsOnARegisteredImageDataset() throws {
        var registry = ComponentRegistry.standard
        registry.register(dataset: "stripes", implementation: "Stripes", drawsFromSeed: true) { spec, context in
            func images(_ count: Int) throws -> LabeledDataset<Float> {
                let labels = (0..<count).map { $0 % 2 }
                var pixels: [Float] = []
                for label in labels {
                    let offset = Int(context.random.uniform(0, 2))
                    pixels += (0..<36).map { index in
                        let (row, column) = (index / 6, index % 6)
                        let on = label == 0 ? (row + offset) % 2 == 0 : (column + offset) % 2 == 0
                        return (on ? 1 : 0) + Float(context.random.gaussian(standardDeviation: 0.3))
                    }
                }
                return try LabeledDataset(
                    features: Tensor(shape: [count, 1, 6, 6], scalars: pixels), labels: labels, classCount: 2)
            }
            return DatasetSplit(train: try images(spec.trainCount ?? 200), test: try images(spec.testCount ?? 100))
        }
        let json = """
            {"dataset": {"name": "stripes"},
             "model": {"layers": [{"type": "conv2d", "out": 4, "kernel": 3}, {"type": "relu"}, {"type": "maxpool2d", "kernel": 2},
                                  {"type": "flatten"}, {"type": "batchnorm1d"}, {"type": "dropout", "p": 0.1}, {"type": "linear", "out": 2}]},
             "training": {"epochs": 15, "batchSize": 20, "shuffle": true, "loss": {"name": "softmax-cross-entropy", "reduction": "mean"},
                          "optimizer": {"name": "adam", "learningRate": 0.01}},
             "seed": 4}
            """
        let (model, history, inputShape) = try TrainingRecipe.decode(Data(json.utf8), source: "stripes.json").run(
            registry: registry)
        XCTAssertEqual(inputShape, [1, 6, 6])
        XCTAssertEqual(
            model.layers.map(\.typeName),
            ["Conv2d", "ReLU", "MaxPool2d", "Flatten", "BatchNorm1d", "Dropout", "Linear"])
        XCTAssertEqual(history.epochs.count, 15)
        XCTAssertLessThan(history.epochs.last!.trainLoss, history.epochs.first!.trainLoss / 2)
        XCTAssertGreaterThan(try XCTUnwrap(history.last?.testAccuracy), 0.95)
    }
}
