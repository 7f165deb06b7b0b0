import Datasets
import Foundation
import Randomness
import TensorCore
import TestSupport
import Training
import XCTest

/// Issue 15: an interrupted `train` kept nothing. The loop now reports each epoch as it ends and
/// stops before its next step when asked, recording the epochs done.
final class StopRequestTests: XCTestCase {
    let recipe = """
        {"dataset": {"name": "disk", "trainCount": 200, "testCount": 100},
         "model": {"inputs": 2, "hidden": [8], "outputs": 2, "activation": "relu", "initializer": {"name": "pytorch-default", "gainFromActivation": false}},
         "training": {"epochs": 10, "batchSize": 20, "shuffle": true, "loss": {"name": "softmax-cross-entropy", "reduction": "mean"},
                      "optimizer": {"name": "sgd", "learningRate": 0.1}},
         "seed": 5}
        """

    func testARequestAfterTheSecondEpochStopsTrainingThere() throws {
        let stop = StopRequest()
        var reported: [Int] = []
        let (_, history, _) = try TrainingRecipe.decode(Data(recipe.utf8), source: "stop.json").run(
            registry: .standard, stop: stop
        ) { epoch, model in
            reported.append(epoch.epoch)
            XCTAssertEqual(model.stateDict().count, 4)
            if epoch.epoch == 2 { stop.request() }
        }
        XCTAssertEqual(reported, [1, 2], "each epoch reported as it ended")
        XCTAssertEqual(history.epochs.map(\.epoch), [1, 2])
        XCTAssertEqual(history.interrupted, true)
    }

    func testWithoutARequestEveryEpochRunsAndNothingIsMarked() throws {
        var reported = 0
        let (_, history, _) = try TrainingRecipe.decode(Data(recipe.utf8), source: "stop.json").run(
            registry: .standard, epochFinished: { _, _ in reported += 1 })
        XCTAssertEqual(reported, 10)
        XCTAssertEqual(history.epochs.count, 10)
        XCTAssertNil(history.interrupted)
    }
}

/// Issue 15: an empty training or test set reported loss and accuracy 0.0000.
final class EmptyDatasetTests: XCTestCase {
    func testAnEmptySetIsAnErrorNotZeros() throws {
        let setup = try TrainingSetup(
            registry: .standard, model: .mlp(MLPSpec(inputs: 2, hidden: [], outputs: 2, activation: "relu")),
            training: TrainingSpec(
                epochs: 1, batchSize: 4, loss: LossSpec(name: "softmax-cross-entropy"),
                optimizer: OptimizerSpec(name: "sgd", learningRate: 0.1)),
            inputShape: [2], random: RandomSource(seed: 1))
        let empty = try LabeledDataset<Float>(features: Tensor.zeros([0, 2]), labels: [], classCount: 2)
        let one = try LabeledDataset<Float>(features: Tensor.zeros([1, 2]), labels: [1], classCount: 2)
        assertThrowsMessage(
            try setup.trainer.fit(train: empty, configuration: setup.configuration, random: RandomSource(seed: 1)),
            containing: ["training set has no examples"])
        assertThrowsMessage(
            try setup.trainer.fit(
                train: one, test: empty, configuration: setup.configuration, random: RandomSource(seed: 1)),
            containing: ["test set has no examples"])
        assertThrowsMessage(
            try setup.trainer.evaluate(empty, configuration: setup.configuration),
            containing: ["evaluation set has no examples"])
    }
}
