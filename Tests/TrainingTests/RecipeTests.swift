import Foundation
import Layers
import TestSupport
import Training
import XCTest

final class RecipeTests: XCTestCase {
    let valid = """
        {"dataset": {"name": "disk", "trainCount": 300, "testCount": 300},
         "model": {"inputs": 2, "hidden": [16, 16], "outputs": 2, "activation": "relu", "initializer": {"name": "pytorch-default", "gainFromActivation": false}},
         "training": {"epochs": 20, "batchSize": 20, "shuffle": true, "loss": {"name": "softmax-cross-entropy", "reduction": "mean"},
                      "optimizer": {"name": "adam", "learningRate": 0.01}},
         "seed": 3}
        """

    func testRecipeTrainsAndItsCheckpointLoadsBack() throws {
        let recipe = try TrainingRecipe.decode(Data(valid.utf8), source: "disk.json")
        let (model, history, _) = try recipe.run(registry: .standard)
        XCTAssertEqual(history.epochs.count, 20)
        XCTAssertGreaterThan(try XCTUnwrap(history.last?.testAccuracy), 0.8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let twin = try ComponentRegistry.standard.makeModel(recipe.model, random: .init(seed: 99))
        try twin.load(from: url)
        XCTAssertEqual(twin.stateDict().map(\.tensor), model.stateDict().map(\.tensor))
    }

    /// Issue 15: each of these trapped, aborted in allocation, was clamped or was silently ignored.
    func testHostileRecipesAreErrorsNamingTheField() {
        func recipe(_ old: String, _ new: String) -> String {
            XCTAssertTrue(valid.contains(old), old)
            return valid.replacingOccurrences(of: old, with: new)
        }
        let cases: [(String, [String])] = [
            (
                recipe("\"learningRate\": 0.01}", "\"learningRate\": 0.01, \"momentun\": 0.9}"),
                ["training.optimizer (adam)", "unknown setting \"momentun\"", "betas", "learningRate"]
            ),
            (recipe("\"seed\": 3", "\"seed\": 3, \"epoch\": 2"), ["unknown field epoch", "training"]),
            (recipe("\"hidden\": [16, 16]", "\"hidden\": [25, -3]"), ["layer [2] (linear)", "\"out\" is -3"]),
            (recipe("\"hidden\": [16, 16]", "\"hidden\": [0]"), ["layer [0] (linear)", "\"out\" is 0"]),
            (recipe("\"outputs\": 2", "\"outputs\": -2"), ["(linear)", "\"out\" is -2"]),
            (
                recipe("\"hidden\": [16, 16]", "\"hidden\": [100000, 100000]"),
                ["layer [2] (linear)", "[100000, 100000]", "268435456"]
            ),
            (recipe("\"trainCount\": 300", "\"trainCount\": -5"), ["dataset.trainCount", "-5"]),
            (
                recipe("\"trainCount\": 300", "\"trainCount\": 1000000000000"),
                ["dataset.trainCount", "1000000000000", "100000000"]
            ),
            (recipe("\"epochs\": 20", "\"epochs\": 0"), ["training.epochs", "is 0"]),
            (recipe("\"epochs\": 20", "\"epochs\": 1e30"), ["field training.epochs is 1e+30", "does not fit"]),
            (recipe("\"seed\": 3", "\"seed\": -3"), ["field seed is -3", "does not fit"]),
            (recipe("\"batchSize\": 20", "\"batchSize\": -1"), ["training.batchSize", "is -1"]),
            (
                recipe("\"learningRate\": 0.01", "\"learningRate\": -1"),
                ["training.optimizer (adam)", "\"learningRate\" is -1", "≥ 0"]
            ),
            (
                recipe(
                    "\"learningRate\": 0.01}",
                    "\"learningRate\": 0.01}, \"schedule\": {\"name\": \"cosine\", \"period\": 0}"),
                ["training.schedule (cosine)", "\"period\" is 0", "≥ 1"]
            ),
            (
                recipe(
                    "\"learningRate\": 0.01}",
                    "\"learningRate\": 0.01}, \"schedule\": {\"name\": \"plateau\", \"factor\": 5}"),
                ["training.schedule (plateau)", "\"factor\" is 5", "(0, 1)"]
            ),
            (
                recipe(
                    "\"learningRate\": 0.01}",
                    "\"learningRate\": 0.01}, \"schedule\": {\"name\": \"exp_decay\", \"decayRate\": -0.5}"),
                ["training.schedule (exp_decay)", "\"decayRate\" is -0.5", "≥ 0"]
            ),
            (
                recipe("\"adam\", \"learningRate\": 0.01}", "\"sgd\", \"learningRate\": 0.01, \"nesterov\": true}"),
                ["training.optimizer (sgd)", "\"nesterov\" is true but momentum is 0.0", "momentum > 0"]
            ),
            // Issue 16: unknown choices were read as the default (mean, the PyTorch momentum form).
            (
                recipe("\"reduction\": \"mean\"", "\"reduction\": \"avg\""),
                ["field training.loss.reduction", "\"avg\" is not one of \"mean\", \"sum\""]
            ),
            (
                recipe(
                    "\"adam\", \"learningRate\": 0.01}",
                    "\"sgd\", \"learningRate\": 0.01, \"momentumForm\": \"velocty\"}"),
                ["training.optimizer (sgd)", "\"momentumForm\" is \"velocty\"", "one of \"pytorch\", \"velocity\""]
            ),
        ]
        for (text, fragments) in cases {
            assertThrowsMessage(
                try TrainingRecipe.decode(Data(text.utf8), source: "hostile.json").run(registry: .standard),
                containing: fragments)
        }
    }

    /// Issue 15: `train --loss nll` and `--loss cross-entropy` had no output layer to feed them; the
    /// registry's "logsoftmax" and "softmax" layers make them train like softmax-cross-entropy.
    func testNLLAndCrossEntropyTrainWithTheirOutputLayers() throws {
        for (loss, output) in [("nll", "logsoftmax"), ("cross-entropy", "softmax")] {
            let text = valid.replacingOccurrences(
                of: "\"activation\": \"relu\"", with: "\"activation\": \"relu\", \"outputActivation\": \"\(output)\""
            )
            .replacingOccurrences(of: "\"softmax-cross-entropy\"", with: "\"\(loss)\"")
            let (_, history, _) = try TrainingRecipe.decode(Data(text.utf8), source: "x").run(registry: .standard)
            XCTAssertGreaterThan(try XCTUnwrap(history.last?.testAccuracy), 0.8, loss)
            XCTAssertLessThan(try XCTUnwrap(history.last?.trainLoss), history.epochs[0].trainLoss, loss)
        }
    }

    func testAReshapeWhoseSizeOverflowsIsAnError() {
        let text = valid.replacingOccurrences(
            of:
                "\"model\": {\"inputs\": 2, \"hidden\": [16, 16], \"outputs\": 2, \"activation\": \"relu\", \"initializer\": {\"name\": \"pytorch-default\", \"gainFromActivation\": false}}",
            with: "\"model\": {\"layers\": [{\"type\": \"reshape\", \"shape\": [1000000000, 1000000000, 1000000000]}]}")
        XCTAssertNotEqual(text, valid)
        assertThrowsMessage(
            try TrainingRecipe.decode(Data(text.utf8), source: "x").run(registry: .standard),
            containing: ["model.layers[0] (reshape)", "more values than memory"])
    }

    func testMalformedRecipesNameTheField() {
        let wrongType = valid.replacingOccurrences(of: "\"hidden\": [16, 16]", with: "\"hidden\": \"16\"")
        assertThrowsMessage(
            try TrainingRecipe.decode(Data(wrongType.utf8), source: "disk.json"),
            containing: ["disk.json", "model.hidden"])
        let missing = valid.replacingOccurrences(of: "\"epochs\": 20, ", with: "")
        assertThrowsMessage(
            try TrainingRecipe.decode(Data(missing.utf8), source: "disk.json"),
            containing: ["disk.json", "training.epochs"])
        assertThrowsMessage(
            try TrainingRecipe.decode(Data("{".utf8), source: "disk.json"), containing: ["disk.json", "not valid JSON"])
        let unknown = valid.replacingOccurrences(of: "\"adam\"", with: "\"adagrad\"")
        assertThrowsMessage(
            try TrainingRecipe.decode(Data(unknown.utf8), source: "x").run(registry: .standard),
            containing: ["optimizer", "adagrad", "adam, adamw, gd, sgd"])
        let widths = valid.replacingOccurrences(of: "\"inputs\": 2", with: "\"inputs\": 3")
        assertThrowsMessage(
            try TrainingRecipe.decode(Data(widths.utf8), source: "x").run(registry: .standard),
            containing: ["model.inputs", "3", "2 features"])
    }
}
