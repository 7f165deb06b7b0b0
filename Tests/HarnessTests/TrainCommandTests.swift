import ArgumentParser
import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// Issue 15: when the loss turned NaN after good epochs, `train` saved an all-NaN checkpoint and
/// exited 0. Here a step schedule multiplies the rate by 1e15 at epoch 3, so epochs 1 and 2 are
/// finite and epoch 3 diverges.
final class TrainCommandTests: XCTestCase {
    let recipe = """
        {"dataset": {"name": "disk", "trainCount": 200, "testCount": 100},
         "model": {"inputs": 2, "hidden": [8], "outputs": 1, "activation": "relu", "initializer": {"name": "pytorch-default", "gainFromActivation": false}},
         "training": {"epochs": 6, "batchSize": 20, "shuffle": true, "loss": {"name": "mse", "reduction": "mean"},
                      "optimizer": {"name": "sgd", "learningRate": 0.05}, "schedule": {"name": "step_decay", "decayRate": 1e15, "stepLength": 2}},
         "seed": 5}
        """

    func testADivergenceKeepsTheLastFiniteEpochAndExitsNonZero() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("train-diverges-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.createFolders(folder)
        let config = folder.appendingPathComponent("boom.json")
        try Data(recipe.utf8).write(to: config)
        let out = folder.appendingPathComponent("out")
        let command = try TrainCommand.parse(["--config", config.path, "--out", out.path])
        XCTAssertThrowsError(try command.run(registry: .standard)) {
            XCTAssertEqual(($0 as? ExitCode)?.rawValue, 1, "\($0)")
        }

        let checkpoint = out.appendingPathComponent("checkpoint.safetensors")
        let model = try ComponentRegistry.standard.makeModel(
            try TrainingRecipe.decode(Data(recipe.utf8), source: "boom").model, random: RandomSource(seed: 9))
        try model.load(from: checkpoint)
        XCTAssertTrue(
            model.stateDict().allSatisfy { $0.tensor.scalars.allSatisfy(\.isFinite) },
            "the checkpoint holds finite weights")
        let header = try Data(contentsOf: checkpoint)
        XCTAssertTrue(
            String(decoding: header.prefix(400), as: UTF8.self).contains(#""epochs":"2""#),
            "epoch 2, the last finite one")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("training.png").path))
        let epochs =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("history.json")))
            as? [[String: Any]]
        XCTAssertEqual(epochs?.count, 3, "two finite epochs and the one that diverged")
    }

    /// Issue 15: "--hidden 25,,25" silently became [25, 25], `--trials -2` trapped, and an unwritable
    /// --out failed only after all the work.
    func testBadCommandLinesAreErrorsBeforeAnyWork() throws {
        XCTAssertThrowsError(try TrainCommand.parse(["--hidden", "25,,25"]).recipe()) {
            XCTAssertTrue(
                TrainCommand.message(for: $0).contains("--hidden: \"\" is not a positive width"),
                TrainCommand.message(for: $0))
        }
        XCTAssertEqual(try TrainCommand.parse(["--hidden", "8, 4"]).hidden.values, [8, 4])
        XCTAssertEqual(try TrainCommand.parse([]).hidden.values, [25, 25, 25], "the default")
        // Issue 16: --shard was parsed by hand after the command started; it is a typed option now.
        XCTAssertEqual(try RunCommand.parse(["--shard", "2/3"]).shard, try Shard(parsing: "2/3"))
        XCTAssertEqual(try RunCommand.parse(["--shard", "2/3"]).shard?.index, 1)
        for bad in ["0/3", "4/3", "1/0", "a/b", "1/2/3", "2"] {
            XCTAssertThrowsError(try RunCommand.parse(["--shard", bad]), bad) {
                XCTAssertTrue(
                    RunCommand.message(for: $0).contains("--shard takes i/n with 1 ≤ i ≤ n, got \(bad)"),
                    RunCommand.message(for: $0))
            }
        }
        XCTAssertThrowsError(try TrainCommand.parse(["--out", "/dev/null/run"]).run(registry: .standard)) {
            XCTAssertTrue("\($0)".contains("/dev/null: cannot write (not a folder)"), "\($0)")
        }
        XCTAssertThrowsError(try RunCommand.parse(["--trials=-2"])) {
            XCTAssertTrue(RunCommand.message(for: $0).contains("--trials is -2"), RunCommand.message(for: $0))
        }
    }
}
