import Backprop
import Foundation
import TestSupport
import XCTest

@testable import BackpropHarness

/// Issue 25 item 2 through the apps: `train` checks a published dataset's files against the
/// publisher's checksums, downloads a missing one from the mirror variable, and `--offline`
/// (or a report's data store without downloads) keeps missing data missing, saying why.
final class DataOnDemandTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("data-on-demand-\(UUID())")
        try AtomicFile.createFolders(root)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// Four gzip idx files of three 2×2 images, as an MNIST-style folder would hold them.
    func writeTinySet(into folder: URL) throws {
        try AtomicFile.createFolders(folder)
        let images = IDXFile.encode(magic: IDXFile.imageMagic, dimensions: [3, 2, 2], values: Array(0..<12))
        let labels = IDXFile.encode(magic: IDXFile.labelMagic, dimensions: [3], values: [3, 1, 4])
        for split in ["train", "t10k"] {
            try CompressedFile.writeGzip(
                images, to: folder.appendingPathComponent("\(split)-images-idx3-ubyte.gz").path)
            try CompressedFile.writeGzip(
                labels, to: folder.appendingPathComponent("\(split)-labels-idx1-ubyte.gz").path)
        }
    }

    func train(_ dataset: String, _ extra: [String] = []) throws -> TrainCommand {
        try TrainCommand.parse(
            [
                "--dataset", dataset, "--data-dir", root.appendingPathComponent("data").path, "--epochs", "1",
                "--out", root.appendingPathComponent("out").path,
            ] + extra)
    }

    func testFashionMNISTFilesAreCheckedAgainstThePublishedMD5() throws {
        let folder = root.appendingPathComponent("data/fashion-mnist")
        try writeTinySet(into: folder)
        let file = folder.appendingPathComponent("train-images-idx3-ubyte.gz").path
        let found = MD5.hexDigest(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        assertThrowsMessage(
            try train("fashion-mnist").run(registry: .standard),
            containing: [file, "MD5 \(found) differs from the published 8d4fb7e6c68d591d4c3dfef9ec88bf0d"])
    }

    func testOfflineTrainNamesTheMissingDataAndDownloadsNothing() throws {
        assertThrowsMessage(
            try train("kmnist", ["--offline"]).run(registry: .standard),
            containing: ["kmnist is missing in", "train-images-idx3-ubyte", "downloads are off"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/kmnist").path))
    }

    func testAMissingDatasetIsFetchedFromTheMirrorThenChecked() throws {
        let mirror = root.appendingPathComponent("mirror")
        try writeTinySet(into: mirror.appendingPathComponent("kmnist"))
        let server = try LoopbackServer(folder: mirror.path)
        defer { server.stop() }
        setenv(DataFetcher.mirrorVariable, server.url, 1)
        defer { unsetenv(DataFetcher.mirrorVariable) }
        // The mirror's files arrive whole, then fail the publisher's MD5: refused, nothing kept.
        assertThrowsMessage(
            try train("kmnist").run(registry: .standard),
            containing: ["kmnist: could not download train-images-idx3-ubyte.gz", "differs from the published"])
        XCTAssertTrue(server.requests.contains("GET /kmnist/train-images-idx3-ubyte.gz"), "\(server.requests)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/kmnist").path))
    }

    func testAReportsDataStoreWithoutDownloadsKeepsTheReason() throws {
        let store = DataStore(dataDirectory: root.path, registry: .standard, fetcher: DataFetcher(offline: true))
        XCTAssertFalse(store.hasMNIST)
        XCTAssertTrue(store.whyMissing("mnist").contains("downloads are off"), store.whyMissing("mnist"))
        XCTAssertEqual(store.missingCIFARFiles.count, 6)
        XCTAssertTrue(store.whyMissing("cifar10").contains("cifar10 is missing"), store.whyMissing("cifar10"))
    }
}
