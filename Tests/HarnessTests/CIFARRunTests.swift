import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// Report 002 Table 1's CIFAR-10 runs, built from the tutorial network's layer-list recipe, on
/// small CIFAR-format files this test writes (the real set is not on these machines).
final class CIFARRunTests: XCTestCase {
    func writeCIFAR(records: Int, to dataDirectory: URL) throws {
        let folder = dataDirectory.appendingPathComponent("cifar10")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (fileIndex, name) in (CIFAR10.trainFiles + [CIFAR10.testFile]).enumerated() {
            var bytes: [UInt8] = []
            for record in 0..<records {
                let label = (record + fileIndex) % 10
                bytes.append(UInt8(label))
                bytes += (0..<3072).map { UInt8(truncatingIfNeeded: $0 * (label + 1) + record) }
            }
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
    }

    func testTheTutorialNetworkRunsFromItsRecipe() throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cifar-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        try writeCIFAR(records: 8, to: dataDirectory)
        let registry = ComponentRegistry.standard
        let data = DataStore(dataDirectory: dataDirectory.path, registry: registry)
        let context = ReproductionContext(mode: .quick, seed: 2024, trials: nil, data: data, registry: registry)
        let requests = context.requests(of: Report002.builtIn).filter { $0.dataset.name == "cifar10" }
        XCTAssertEqual(requests.count, 5, "one run per (lr, momentum) of Table 1")
        let request = try XCTUnwrap(requests.first)
        let result = try RunExecutor(data: data, registry: registry).execute(request)
        XCTAssertEqual(result.history.epochs.count, 1)
        XCTAssertEqual(
            result.history.epochs[0].trainLossTotal / 40, result.history.epochs[0].trainLoss, accuracy: 1e-9,
            "40 training images in batches of 4")
        XCTAssertTrue(result.history.epochs[0].trainLoss.isFinite)
        XCTAssertNotNil(result.finalTestAccuracy)
        XCTAssertNil(result.finalTrainLoss, "the whole-training-set evaluation is skipped for CIFAR")

        let tutorialNetwork = try XCTUnwrap(Report002.builtIn.variants(named: ["CIFAR"]).first).full.model
        let model = try registry.buildModel(tutorialNetwork, random: RandomSource(seed: 1))
        XCTAssertEqual(model.outputShape, [10])
        XCTAssertEqual(model.model.parameterCount, 62006, "the PyTorch tutorial network's parameter count")
    }

    /// `reproduce list`'s estimate for Table 1 without the data: one calibration per model and batch
    /// size, scaled by epochs and set sizes (the seconds themselves depend on the machine).
    func testTable1TimeIsEstimatedWithoutTheData() throws {
        let registry = ComponentRegistry.standard
        let data = DataStore(
            dataDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("no-data-\(UUID())").path,
            registry: registry)
        let context = ReproductionContext(mode: .full, seed: 2024, trials: nil, data: data, registry: registry)
        let item = try XCTUnwrap(Report002.builtIn.timedItems(context).first)
        XCTAssertEqual(item.id, "002 Table 1")
        XCTAssertEqual(
            item.requests.map(\.training.epochs).sorted(), [2, 2, 2, 10, 10],
            "26 epochs in all, whether or not CIFAR-10 is present")
        XCTAssertEqual([item.trainCount, item.testCount], [50_000, 10_000])
        let estimate = RunTimeEstimate(registry: registry, calibrationExamples: 8)
        func seconds(epochs: Int, trainCount: Int) throws -> Double {
            var request = item.requests[0]
            request.training.epochs = epochs
            return try estimate.seconds(
                of: request, inputShape: item.inputShape, classes: item.classes, trainCount: trainCount,
                testCount: item.testCount)
        }
        let two = try seconds(epochs: 2, trainCount: 50_000)
        XCTAssertGreaterThan(two, 0)
        XCTAssertEqual(
            try seconds(epochs: 10, trainCount: 50_000) / two, 5, accuracy: 1e-12,
            "every epoch trains and tests once; one calibration")
        XCTAssertGreaterThan(try seconds(epochs: 2, trainCount: 100_000), two, "more images take longer")
    }

    /// Issue 15: after the data changed, cached results of the old data were reused. CIFAR-10 has no
    /// published checksum to verify, so its files' digest is part of the runs' cache keys.
    func testChangedCIFARFilesChangeTheRunsCacheKeys() throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cifar-id-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        try writeCIFAR(records: 2, to: dataDirectory)
        func hashes() -> [String] {
            let data = DataStore(dataDirectory: dataDirectory.path, registry: .standard)
            let context = ReproductionContext(mode: .quick, seed: 2024, trials: nil, data: data, registry: .standard)
            return Report002(report: Report002.builtIn, context: context).cifarRequests().map(\.hash)
        }
        let before = hashes()
        XCTAssertEqual(hashes(), before, "the same files give the same keys")
        let test = dataDirectory.appendingPathComponent("cifar10/\(CIFAR10.testFile)")
        var bytes = [UInt8](try Data(contentsOf: test))
        bytes[1] ^= 1
        try Data(bytes).write(to: test)
        XCTAssertTrue(zip(hashes(), before).allSatisfy { $0 != $1 }, "one changed pixel changes every key")
    }
}
