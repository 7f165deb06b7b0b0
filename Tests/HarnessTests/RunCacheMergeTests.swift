import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// Issue 15: `merge` copied entries without validating them, and a damaged entry in the target
/// blocked a valid one from the shard forever.
final class RunCacheMergeTests: XCTestCase {
    func request(_ seed: UInt64) -> RunRequest {
        RunRequest(
            kind: .sharedLoop, label: "merge test \(seed)", dataset: DatasetSpec(name: "disk"), model: nil,
            training: TrainingSpec(
                epochs: 1, batchSize: 1, loss: LossSpec(name: "mse"),
                optimizer: OptimizerSpec(name: "sgd", learningRate: 0.1)),
            seed: seed)
    }

    func testDamagedEntriesAreSkippedAndDamagedTargetsReplaced() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let shard = RunCache(folder: root.appendingPathComponent("shard"))
        let target = RunCache(folder: root.appendingPathComponent("target"))
        let requests = (1...3).map { request(UInt64($0)) }
        for (index, request) in requests.enumerated() {
            try shard.store(
                RunResult(history: TrainingHistory(), seconds: Double(index)), for: request, environment: .current)
        }
        try Data("{}".utf8).write(to: shard.url(for: requests[0]))
        try AtomicFile.createFolders(target.folder)
        try Data("damaged".utf8).write(to: target.url(for: requests[1]))

        let count = try target.merge(from: shard.folder)
        XCTAssertEqual(
            count.damaged, [shard.url(for: requests[0]).lastPathComponent],
            "the shard's damaged entry is reported and skipped")
        XCTAssertEqual([count.copied, count.replaced], [1, 1], "one new entry, one damaged target entry replaced")
        XCTAssertNil(target.load(requests[0]))
        XCTAssertEqual(target.load(requests[1])?.seconds, 1)
        XCTAssertEqual(target.load(requests[2])?.seconds, 2)
        XCTAssertThrowsError(
            try target.merge(from: root.appendingPathComponent("missing")), "a missing folder is an error")
    }

    func testMergeRefusesFoldersThatAreNotShardsOfThisMode() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("merge-mode-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        try ShardMarker(mode: .full, shard: "1/2").write(to: root.appendingPathComponent("full"))
        try AtomicFile.createFolders(root.appendingPathComponent("plain"))
        for (folder, message) in [
            ("full", "ran in full mode, this merge is in quick mode"), ("plain", "not the --out folder"),
            ("missing", "not the --out folder"),
        ] {
            let command = try MergeCommand.parse([
                root.appendingPathComponent(folder).path, "--quick", "--out", root.appendingPathComponent("out").path,
            ])
            XCTAssertThrowsError(try command.run(registry: .standard)) {
                XCTAssertTrue("\($0)".contains(message), "\($0)")
            }
        }
    }

    func testAnOutputFolderThatCannotBeWrittenFailsBeforeAnyRun() throws {
        let command = try RunCommand.parse(["001", "--quick", "--out", "/dev/null/reports"])
        XCTAssertThrowsError(try command.run(registry: .standard)) {
            XCTAssertTrue("\($0)".contains("/dev/null: cannot write (not a folder)"), "\($0)")
        }
    }
}

/// Issue 15: a failed cache write threw the computed run away.
final class UnstoredRunTests: XCTestCase {
    func testARunWhoseCacheWriteFailsIsKeptForTheReport() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unstored-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        try AtomicFile.createFolders(root)
        let cacheFolder = root.appendingPathComponent(".cache")
        try Data("a file where the cache folder should be".utf8).write(to: cacheFolder)
        let request = RunRequest(
            kind: .sharedLoop, label: "tiny", dataset: DatasetSpec(name: "disk", trainCount: 20, testCount: 10),
            model: .mlp(MLPSpec(inputs: 2, hidden: [4], outputs: 2, activation: "relu")),
            training: TrainingSpec(
                epochs: 1, batchSize: 10, loss: LossSpec(name: "softmax-cross-entropy"),
                optimizer: OptimizerSpec(name: "sgd", learningRate: 0.1)),
            seed: 1)
        let registry = ComponentRegistry.standard
        let runner = JobRunner(
            cache: RunCache(folder: cacheFolder),
            executor: RunExecutor(data: DataStore(dataDirectory: root.path, registry: registry), registry: registry),
            jobs: 1, shard: nil)
        let summary = runner.run([request])
        XCTAssertTrue(summary.failures.isEmpty)
        XCTAssertEqual(summary.storeFailures.map(\.label), ["tiny"])
        XCTAssertTrue(summary.storeFailures[0].error.contains("not a folder"), summary.storeFailures[0].error)
        XCTAssertEqual(summary.unstored[request.hash]?.history.epochs.count, 1, "the result reaches the report")
    }
}
