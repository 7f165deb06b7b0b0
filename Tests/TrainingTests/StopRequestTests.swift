import Foundation
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
        let (_, history, _) = try TrainingRecipe.decode(Data(recipe.utf8), source: "stop.json").run(registry: .standard, stop: stop) { epoch, model in
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
        let (_, history, _) = try TrainingRecipe.decode(Data(recipe.utf8), source: "stop.json").run(registry: .standard) { _, _ in reported += 1 }
        XCTAssertEqual(reported, 10)
        XCTAssertEqual(history.epochs.count, 10)
        XCTAssertNil(history.interrupted)
    }
}
