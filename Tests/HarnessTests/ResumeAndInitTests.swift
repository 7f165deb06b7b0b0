import ArgumentParser
import Backprop
import Foundation
import TestSupport
import XCTest

@testable import BackpropHarness

/// Issue 25 item 3: `train --resume` continues from the last whole epoch and ends with the bits
/// of a run that never stopped; `train --init` starts from a PyTorch state dictionary.
final class ResumeAndInitTests: XCTestCase {
    /// Dropout (the random stream), Adam (optimizer state), a plateau schedule that lowers the
    /// rate (replayed on resume) and shuffling: every piece of state a resume must restore.
    let recipe = """
        {"dataset": {"name": "disk", "trainCount": 300, "testCount": 100},
         "model": {"layers": [{"type": "linear", "out": 16}, {"type": "relu"}, {"type": "dropout", "p": 0.2},
                              {"type": "linear", "out": 2}]},
         "training": {"epochs": 4, "batchSize": 20, "shuffle": true,
                      "optimizer": {"name": "adam", "learningRate": 0.02},
                      "schedule": {"name": "plateau", "patience": 0, "factor": 0.5, "threshold": 0.9}},
         "seed": 11}
        """
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID())")
        try AtomicFile.createFolders(root)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func trainCommand(_ arguments: [String]) throws {
        try TrainCommand.parse(arguments).run(registry: .standard)
    }

    func weights(_ folder: URL) throws -> [String: Tensor<Float>] {
        try SafeTensors.read(from: folder.appendingPathComponent("checkpoint.safetensors"))
    }

    func testInterruptedDuringEpochTwoThenResumedEqualsAnUninterruptedRun() throws {
        let config = root.appendingPathComponent("recipe.json")
        try Data(recipe.utf8).write(to: config)
        let whole = root.appendingPathComponent("whole")
        try trainCommand(["--config", config.path, "--out", whole.path])

        // The same recipe stopped at the third batch of epoch 2, as Ctrl-C would stop `train`.
        let parsed = try TrainingRecipe.decode(Data(recipe.utf8), source: "recipe")
        let resumed = root.appendingPathComponent("resumed")
        try AtomicFile.createFolders(resumed)
        let stop = StopRequest()
        let (_, interrupted, _) = try parsed.run(
            registry: .standard, progress: { epoch, batch, _ in if epoch == 2 && batch == 3 { stop.request() } },
            stop: stop, checkpointed: { try $0.write(to: resumed.appendingPathComponent("resume.safetensors")) })
        XCTAssertEqual(interrupted.interrupted, true)
        XCTAssertEqual(interrupted.epochs.count, 2, "epoch 1 and the partial epoch 2")
        let checkpoint = try TrainingCheckpoint.read(from: resumed.appendingPathComponent("resume.safetensors"))
        XCTAssertEqual(checkpoint.point.epoch, 1, "only whole epochs are resume points")

        try trainCommand(["--resume", resumed.path])
        let expected = try weights(whole)
        let found = try weights(resumed)
        XCTAssertEqual(found.keys.sorted(), expected.keys.sorted())
        for (name, tensor) in expected {
            XCTAssertEqual(found[name]?.scalars.map(\.bitPattern), tensor.scalars.map(\.bitPattern), name)
        }
        let history = { (folder: URL) in
            try JSONDecoder().decode(
                [EpochRecord].self, from: Data(contentsOf: folder.appendingPathComponent("history.json")))
        }
        XCTAssertEqual(try history(resumed).map(\.trainLoss), try history(whole).map(\.trainLoss))
        XCTAssertEqual(try history(resumed).map(\.learningRate), try history(whole).map(\.learningRate))
        XCTAssertLessThan(try history(whole).last!.learningRate, 0.02, "the plateau schedule acted")
    }

    func testResumeRefusesAFolderWithoutACheckpointAndExtraOptions() throws {
        assertThrowsMessage(try trainCommand(["--resume", root.path]), containing: ["no resume.safetensors"])
        assertThrowsMessage(
            try trainCommand(["--resume", root.path, "--init", "w.safetensors"]),
            containing: ["drop --config and --init"])
    }

    /// A file laid out as `safetensors.torch.save_file(nn.Sequential(nn.Linear(2, 3), nn.ReLU(),
    /// nn.Linear(3, 2)).state_dict(), …)` writes it: names 0.weight [3, 2], 0.bias, 2.weight [2, 3],
    /// 2.bias; F32 little-endian, keys sorted, the header padded to 8 bytes with spaces.
    func writeStateDict(_ tensors: [(String, [Int], [Float])], extra: [(String, String, [Int], [UInt8])] = []) throws
        -> URL
    {
        var header: [String: Any] = ["__metadata__": ["format": "pt"]]
        var body: [UInt8] = []
        for (name, shape, values) in tensors {
            let bytes = values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
            header[name] = ["dtype": "F32", "shape": shape, "data_offsets": [body.count, body.count + bytes.count]]
            body += bytes
        }
        for (name, dtype, shape, bytes) in extra {
            header[name] = ["dtype": dtype, "shape": shape, "data_offsets": [body.count, body.count + bytes.count]]
            body += bytes
        }
        var json = Array(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        while json.count % 8 != 0 { json.append(0x20) }
        let url = root.appendingPathComponent("torch-\(UUID()).safetensors")
        let length = (0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) }
        try Data(length + json + body).write(to: url)
        return url
    }

    func testInitLoadsAPyTorchStateDictAndNamesWhatDoesNotFit() throws {
        let w0: [Float] = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6]
        let w2: [Float] = [1, 2, 3, -1, -2, -3]
        let file = try writeStateDict([
            ("0.weight", [3, 2], w0), ("0.bias", [3], [0.01, 0.02, 0.03]), ("2.weight", [2, 3], w2),
            ("2.bias", [2], [0.5, -0.5]),
        ])
        let spec = """
            {"dataset": {"name": "disk", "trainCount": 40, "testCount": 20},
             "model": {"layers": [{"type": "linear", "out": 3}, {"type": "relu"}, {"type": "linear", "out": 2}]},
             "training": {"epochs": 1, "batchSize": 40, "optimizer": {"name": "sgd", "learningRate": 0}}, "seed": 3}
            """
        let config = root.appendingPathComponent("init.json")
        try Data(spec.utf8).write(to: config)
        let out = root.appendingPathComponent("out")
        try trainCommand(["--config", config.path, "--init", file.path, "--out", out.path])
        let loaded = try weights(out)
        XCTAssertEqual(loaded["0.weight"]?.scalars, w0, "a rate of 0 keeps the loaded weights")
        XCTAssertEqual(loaded["2.weight"]?.scalars, w2)
        XCTAssertEqual(loaded["2.bias"]?.scalars, [0.5, -0.5])

        let wrong = try writeStateDict(
            [
                ("0.weight", [2, 3], w0), ("0.bias", [3], [0, 0, 0]), ("2.weight", [2, 3], w2),
                ("9.bias", [2], [0, 0]),
            ],
            extra: [("1.num_batches_tracked", "I64", [], [UInt8](repeating: 0, count: 8))])
        assertThrowsMessage(
            try trainCommand(["--config", config.path, "--init", wrong.path, "--out", out.path]),
            containing: [
                wrong.path, "missing 2.bias", "extra 9.bias", "misshapen 0.weight is [2, 3], the model has [3, 2]",
            ])
    }
}
