import ArgumentParser
import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// Issue 25 item 1: a cached result is reused only under the numeric environment that computed
/// it; merge refuses shards of different environments; a report says where its runs came from.
final class NumericEnvironmentTests: XCTestCase {
    /// Never this process's: runs pin BLAS to one thread.
    let elsewhere = NumericEnvironment(
        blas: "OpenBLAS 0.2.20", kernels: "Sandybridge", blasThreads: 4, architecture: "x86_64", libc: "glibc 2.31")

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("environment-\(UUID())")
        try AtomicFile.createFolders(folder)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    func request(_ seed: UInt64 = 1) -> RunRequest {
        RunRequest(
            kind: .sharedLoop, label: "environment \(seed)",
            dataset: DatasetSpec(name: "disk", trainCount: 20, testCount: 10),
            model: .mlp(MLPSpec(inputs: 2, hidden: [4], outputs: 2, activation: "relu")),
            training: TrainingSpec(
                epochs: 1, batchSize: 10, loss: LossSpec(name: "softmax-cross-entropy"),
                optimizer: OptimizerSpec(name: "sgd", learningRate: 0.1)),
            seed: seed)
    }

    func runner(_ cache: RunCache, shard: (index: Int, count: Int)? = nil) -> JobRunner {
        let registry = ComponentRegistry.standard
        return JobRunner(
            cache: cache,
            executor: RunExecutor(data: DataStore(dataDirectory: "none", registry: registry), registry: registry),
            jobs: 1, shard: shard)
    }

    func testTheCurrentEnvironmentNamesWhatComputesTheBits() {
        let environment = JobRunner.environment
        XCTAssertTrue(environment.blas.hasPrefix("OpenBLAS "), environment.blas)
        XCTAssertEqual(environment.kernels, BLASLibrary.coreName)
        XCTAssertEqual(environment.blasThreads, 1, "runs pin BLAS to one thread")
        XCTAssertFalse(environment.architecture.isEmpty)
        XCTAssertTrue(environment.libc.hasPrefix("glibc "), environment.libc)
        XCTAssertTrue(environment.description.contains("\(environment.kernels) kernels, 1 BLAS thread"))
    }

    func testAResultFromAnotherEnvironmentIsRecomputedAndReplaced() throws {
        let cache = RunCache(folder: try scratch())
        let stale = RunResult(history: TrainingHistory(), seconds: 123)
        try cache.store(stale, for: request(), environment: elsewhere)
        let summary = runner(cache).run([request()])
        XCTAssertEqual([summary.loaded, summary.computed], [0, 1])
        XCTAssertEqual(summary.otherEnvironments, [elsewhere.description: 1])
        let entry = try XCTUnwrap(cache.entry(request()))
        XCTAssertEqual(entry.environment, JobRunner.environment)
        XCTAssertEqual(entry.result.history.epochs.count, 1, "the stale stand-in was replaced by a real run")
        let again = runner(cache).run([request()])
        XCTAssertEqual([again.loaded, again.computed], [1, 0], "now it is reused")
    }

    func testAnEntryWithoutARecordedEnvironmentIsRecomputed() throws {
        let cache = RunCache(folder: try scratch())
        try cache.store(RunResult(history: TrainingHistory(), seconds: 1), for: request(), environment: elsewhere)
        let url = cache.url(for: request())
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        json["environment"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        XCTAssertNotNil(cache.entry(request()), "still a valid entry")
        XCTAssertNil(cache.entry(request())?.environment)
        let summary = runner(cache).run([request()])
        XCTAssertEqual(summary.otherEnvironments, ["unrecorded": 1])
        XCTAssertEqual(summary.computed, 1)
    }

    func testMergeRefusesShardsOfTwoEnvironmentsNamingBothUnlessToldWhichToKeep() throws {
        let root = try scratch()
        for (index, environment) in [JobRunner.environment, elsewhere].enumerated() {
            let folder = root.appendingPathComponent("shard\(index)")
            try ShardMarker(mode: .quick, shard: "\(index + 1)/2").write(to: folder)
            try RunCache(folder: folder.appendingPathComponent(".cache")).store(
                RunResult(history: TrainingHistory(), seconds: 1), for: request(UInt64(index)), environment: environment
            )
        }
        let shards = ["shard0", "shard1"].map { root.appendingPathComponent($0).path }
        let out = root.appendingPathComponent("out").path
        XCTAssertThrowsError(try MergeCommand.parse(shards + ["--quick", "--out", out]).run(registry: .standard)) {
            let message = MergeCommand.message(for: $0)
            XCTAssertTrue(message.contains("2 numeric environments"), message)
            XCTAssertTrue(message.contains(self.elsewhere.description), message)
            XCTAssertTrue(message.contains(JobRunner.environment.description), message)
            XCTAssertTrue(message.contains("--keep-environment"), message)
        }
        let kept = try MergeCommand.parse(
            shards + ["--quick", "--out", out, "--keep-environment", JobRunner.environment.description])
        try? kept.run(registry: .standard)
        let cache = RunCache(folder: URL(fileURLWithPath: out).appendingPathComponent(".cache"))
        XCTAssertEqual(cache.entry(request(0))?.environment, JobRunner.environment, "the kept environment's run")
        XCTAssertNil(cache.entry(request(1)), "the other environment's run is left out")
        XCTAssertThrowsError(
            try MergeCommand.parse(shards + ["--quick", "--out", out, "--keep-environment", "Prescott"]).run(
                registry: .standard))
    }

    func testAReportFromTwoEnvironmentsSaysSo() throws {
        let root = try scratch()
        let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../docs/examples/reports/depth-width")
        let out = root.appendingPathComponent("out")
        try RunCommand.parse([spec.path, "--quick", "--out", out.path]).run(registry: .standard)
        let report = try XCTUnwrap(SpecReportLoader.load(spec.path, registry: .standard).first)
        let context = ReproductionContext(
            mode: .quick, seed: 2024, trials: nil, data: DataStore(dataDirectory: "none", registry: .standard),
            registry: .standard)
        let cache = RunCache(folder: out.appendingPathComponent(".cache"))
        let moved = try XCTUnwrap(report.requests(context).first)
        let result = try XCTUnwrap(cache.load(moved))
        try cache.store(result, for: moved, environment: elsewhere)
        try ReportRendering(options: ReproductionOptions.parse(["--quick", "--out", out.path]), context: context)
            .render([report], runSeconds: 0)
        let readme = try String(contentsOf: out.appendingPathComponent("depth-width/README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("**computed under 2 numeric environments**"), readme)
        XCTAssertTrue(readme.contains("1 runs under \(elsewhere.description)"), readme)
        XCTAssertTrue(readme.contains("9 runs under \(JobRunner.environment.description)"), readme)
    }
}
