import Autograd
import Datasets
import Foundation
import Layers
import Losses
import Optimizers
import Randomness
import TensorCore
import TestSupport
import Training
import XCTest

/// Issue 22: a model built with the autograd graph is a `Module`, registers as a layer and trains
/// through the registry exactly like the explicit-backward layers: report 002's synthetic-data
/// MLP (2 → 8 sigmoid → 2, vugrad initialisation, summed cross-entropy, plain gradient descent).
/// The registry builds Float models, so the registry test asks for the same bits in Float; the
/// Double test runs the same two models through the shared loop and asks for 1e-12.
final class GraphModelTests: XCTestCase {
    /// The MLP written on the graph, its weights drawn by `Linear` layers in the explicit model's order.
    static func graphMLP<Scalar: TensorScalar>(
        inputs: Int, hidden: Int, outputs: Int, activation: String, initializer: Initializer, random: RandomSource
    ) -> GraphModule<Scalar> {
        let first = Linear<Scalar>(
            inputFeatures: inputs, outputFeatures: hidden, weightInitializer: initializer, random: random)
        let second = Linear<Scalar>(
            inputFeatures: hidden, outputFeatures: outputs, weightInitializer: initializer, random: random)
        for (index, linear) in [first, second].enumerated() {
            linear.weight.name = "fc\(index + 1).weight"
            linear.bias?.name = "fc\(index + 1).bias"
        }
        let (layer1, layer2) = (
            GraphLinear(weight: first.weight, bias: first.bias), GraphLinear(weight: second.weight, bias: second.bias)
        )
        return GraphModule(
            name: "GraphMLP", parameters: first.parameters + second.parameters
        ) { x in
            let h = try layer1(x)
            return try layer2(activation == "relu" ? h.relu() : h.sigmoid())
        }
    }

    var registry: ComponentRegistry {
        var registry = ComponentRegistry.standard
        registry.register(
            layer: "graph-mlp",
            settings: [
                .integer("hidden", required: true, "hidden units"),
                .integer("out", "output units (default: the dataset's classes)"),
                .choice("activation", ["sigmoid", "relu"], default: "sigmoid", "the hidden activation"),
            ] + ComponentRegistry.initializerSettings
        ) { context -> GraphModule<Float> in
            let (inputs, hidden) = (
                try context.input(rank: 1, "a flat vector")[0], try context.settings.integer("hidden")
            )
            return Self.graphMLP(
                inputs: inputs, hidden: hidden, outputs: try context.outputFeatures(),
                activation: try context.settings.string("activation"),
                initializer: try context.weightInitializer(for: [hidden, inputs], fanIn: inputs, fanOut: hidden),
                random: context.random)
        }
        return registry
    }

    func recipe(model: String) -> String {
        """
        {"dataset": {"name": "syn20", "trainCount": 2000, "testCount": 500},
         "model": \(model),
         "training": {"epochs": 3, "batchSize": 128, "shuffle": false,
                      "loss": {"name": "softmax-cross-entropy", "reduction": "sum"}, "optimizer": {"name": "gd", "learningRate": 0.001}},
         "seed": 2}
        """
    }

    func testReport002sMLPTrainsTheSameThroughTheRegistryAsLayersAndAsAGraph() throws {
        for activation in ["sigmoid", "relu"] {
            let explicit = try TrainingRecipe.decode(
                Data(
                    recipe(
                        model:
                            #"{"hidden": [8], "activation": "\#(activation)", "initializer": {"name": "vugrad-2020"}}"#
                    ).utf8), source: "explicit")
            let graph = try TrainingRecipe.decode(
                Data(
                    recipe(
                        model:
                            #"{"layers": [{"type": "graph-mlp", "hidden": 8, "activation": "\#(activation)", "init": "vugrad-2020"}]}"#
                    ).utf8), source: "graph")
            let (explicitModel, explicitHistory, _) = try explicit.run(registry: registry)
            let (graphModel, graphHistory, _) = try graph.run(registry: registry)
            XCTAssertEqual(graphModel.layers.map(\.typeName), ["GraphMLP"])
            XCTAssertEqual(graphHistory.epochs.count, 3)
            for (a, b) in zip(explicitHistory.epochs, graphHistory.epochs) {
                XCTAssertEqual(a.trainLoss, b.trainLoss, activation)
                XCTAssertEqual(a.testLoss, b.testLoss, activation)
                XCTAssertEqual(a.testAccuracy, b.testAccuracy, activation)
            }
            XCTAssertLessThan(graphHistory.epochs.last!.trainLoss, graphHistory.epochs.first!.trainLoss)
            XCTAssertEqual(
                explicitModel.allParameters().map(\.value), graphModel.allParameters().map(\.value),
                "the same bits: the graph's Affine op computes what Linear does")
        }
    }

    /// The same two models in Double, trained by the shared loop: equal to 1e-12 after every epoch.
    func testInDoubleTheGraphAndTheLayersAgreeToTwelveDigits() throws {
        for activation in ["sigmoid", "relu"] {
            let data: DatasetSplit<Double> = SyntheticDataset.split(
                variant: .vugrad2020, trainCount: 2000, validationCount: 500, random: RandomSource(seed: 2))
            let explicitRandom = RandomSource(seed: 3)
            let explicit = Sequential<Double>(
                Linear(inputFeatures: 2, outputFeatures: 8, weightInitializer: .vugrad2020, random: explicitRandom),
                activation == "relu" ? ReLU<Double>() : Sigmoid<Double>(),
                Linear(inputFeatures: 8, outputFeatures: 2, weightInitializer: .vugrad2020, random: explicitRandom))
            let graph: GraphModule<Double> = Self.graphMLP(
                inputs: 2, hidden: 8, outputs: 2, activation: activation, initializer: .vugrad2020,
                random: RandomSource(seed: 3))
            let configuration = TrainingConfiguration(epochs: 3, batchSize: 128, shuffle: false)
            var histories: [TrainingHistory] = []
            for model in [explicit, graph] as [any Module<Double>] {
                let trainer = Trainer(
                    model: model, loss: SoftmaxCrossEntropyLoss<Double>(reduction: .sum),
                    optimizer: GradientDescent(parameters: model.allParameters(), learningRate: 0.001))
                histories.append(
                    try trainer.fit(
                        train: data.train, test: data.test, configuration: configuration, random: RandomSource(seed: 4))
                )
            }
            for (a, b) in zip(histories[0].epochs, histories[1].epochs) {
                XCTAssertEqual(a.trainLoss, b.trainLoss, accuracy: 1e-12 * abs(a.trainLoss), activation)
                XCTAssertEqual(a.testLoss!, b.testLoss!, accuracy: 1e-12 * abs(a.testLoss!), activation)
            }
            for (a, b) in zip(explicit.allParameters(), graph.allParameters()) {
                assertClose(a.value, b.value, tolerance: 1e-12)
            }
        }
    }

    func testTheGraphModulesGradientsPassTheGradientCheck() throws {
        let graph: GraphModule<Double> = Self.graphMLP(
            inputs: 3, hidden: 4, outputs: 2, activation: "sigmoid", initializer: .pytorchDefault,
            random: RandomSource(seed: 8))
        let report = try GradientCheck.check(graph, input: GradientCheck.sample([5, 3], seed: 9))
        XCTAssertLessThan(report.worst, 1e-7)
        XCTAssertEqual(report.parameters.map(\.name), ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
    }
}
