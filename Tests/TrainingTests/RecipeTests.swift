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

    func testMalformedRecipesNameTheField() {
        let wrongType = valid.replacingOccurrences(of: "\"hidden\": [16, 16]", with: "\"hidden\": \"16\"")
        assertThrowsMessage(try TrainingRecipe.decode(Data(wrongType.utf8), source: "disk.json"), containing: ["disk.json", "model.hidden"])
        let missing = valid.replacingOccurrences(of: "\"epochs\": 20, ", with: "")
        assertThrowsMessage(try TrainingRecipe.decode(Data(missing.utf8), source: "disk.json"), containing: ["disk.json", "training.epochs"])
        assertThrowsMessage(try TrainingRecipe.decode(Data("{".utf8), source: "disk.json"), containing: ["disk.json", "not valid JSON"])
        let unknown = valid.replacingOccurrences(of: "\"adam\"", with: "\"adamw\"")
        assertThrowsMessage(try TrainingRecipe.decode(Data(unknown.utf8), source: "x").run(registry: .standard), containing: ["optimizer", "adamw", "adam, gd, sgd"])
        let widths = valid.replacingOccurrences(of: "\"inputs\": 2", with: "\"inputs\": 3")
        assertThrowsMessage(try TrainingRecipe.decode(Data(widths.utf8), source: "x").run(registry: .standard), containing: ["model.inputs", "3", "2 features"])
    }
}
