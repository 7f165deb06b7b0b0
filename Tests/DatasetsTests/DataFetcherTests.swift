import Datasets
import Foundation
import TestSupport
import XCTest

/// Downloads served by a loopback server the test starts: a clean fetch, a refused checksum, a
/// transfer cut short, offline mode, an unreachable source and an archive.
final class DataFetcherTests: XCTestCase {
    var folder: String!
    var server: LoopbackServer!
    /// A small MNIST-style set's four gzip files, by name.
    var files: [String: [UInt8]] = [:]

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "backprop-fetch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        server = try LoopbackServer()
        let images = IDXFile.encode(magic: IDXFile.imageMagic, dimensions: [3, 2, 2], values: Array(0..<12))
        let labels = IDXFile.encode(magic: IDXFile.labelMagic, dimensions: [3], values: [3, 1, 4])
        for (name, bytes) in [("images", images), ("labels", labels)] {
            try CompressedFile.writeGzip(bytes, to: folder + "/\(name).gz")
            let gzip = try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/\(name).gz")))
            try FileManager.default.removeItem(atPath: folder + "/\(name).gz")
            for split in ["train", "t10k"] {
                files["\(split)-\(name)-idx\(name == "images" ? 3 : 1)-ubyte.gz"] = gzip
            }
        }
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The small set as a published dataset whose own mirror is a closed port (only the mirror variable serves).
    var dataset: PublishedDataset {
        .idx(
            name: "tiny",
            checksums: files.reduce(into: [:]) { $0[String($1.key.dropLast(3))] = .fileMD5(MD5.hexDigest($1.value)) },
            mirrors: ["http://127.0.0.1:9"])
    }

    var fetcher: DataFetcher {
        DataFetcher(offline: false, mirror: server.url, transfer: FileTransfer(idleTimeout: 5), showsProgress: false)
    }

    func serveAll() { for (name, bytes) in files { server.route("/tiny/\(name)", .bytes(bytes)) } }

    func folderContents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/tiny").sorted()
    }

    func testMD5KnownDigests() {
        XCTAssertEqual(MD5.hexDigest([]), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(MD5.hexDigest(Array("abc".utf8)), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(
            MD5.hexDigest(Array("The quick brown fox jumps over the lazy dog".utf8)), "9e107d9d372bb6826bd81d3542a419d6"
        )
        XCTAssertEqual(
            MD5.hexDigest(Array(String(repeating: "1234567890", count: 8).utf8)), "57edf4a22be3c955ac49da2e2107b67a")
    }

    func testCleanDownloadVerifiesAndLoads() throws {
        serveAll()
        try fetcher.ensure(dataset, in: folder)
        XCTAssertEqual(try folderContents(), files.keys.sorted())
        let split: DatasetSplit<Float> = try IDXDataset.loadSplit(
            directory: folder + "/tiny", checksums: dataset.checksums, verification: .strict)
        XCTAssertEqual(split.train.labels, [3, 1, 4])
        XCTAssertEqual(server.requests.count, 4)
        try fetcher.ensure(dataset, in: folder)
        XCTAssertEqual(server.requests.count, 4, "a present dataset is not fetched again")
    }

    func testWrongChecksumIsRefusedAndNothingStays() throws {
        serveAll()
        var corrupt = files["train-labels-idx1-ubyte.gz"]!
        corrupt[corrupt.count - 5] ^= 0xFF
        server.route("/tiny/train-labels-idx1-ubyte.gz", .bytes(corrupt))
        assertThrowsMessage(
            try fetcher.ensure(dataset, in: folder),
            containing: [
                "tiny: could not download train-labels-idx1-ubyte.gz", "MD5 \(MD5.hexDigest(corrupt))",
                "127.0.0.1:9",
            ])
        let left = try folderContents()
        XCTAssertFalse(left.contains { $0.hasPrefix("train-labels") }, "\(left)")
    }

    func testTransferCutShortIsResumedNotKept() throws {
        serveAll()
        let name = "train-images-idx3-ubyte.gz"
        server.route("/tiny/\(name)", .cutShort(files[name]!, after: files[name]!.count / 2, times: 1))
        try fetcher.ensure(dataset, in: folder)
        XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/tiny/\(name)"))), files[name]!)
        XCTAssertTrue(
            server.requests.contains("GET /tiny/\(name) range \(files[name]!.count / 2)-"), "\(server.requests)")
        XCTAssertFalse(try folderContents().contains { $0.hasSuffix(".part") })
    }

    func testTransferThatKeepsFailingLeavesNothing() throws {
        serveAll()
        let name = "t10k-images-idx3-ubyte.gz"
        server.route("/tiny/\(name)", .cutShort(files[name]!, after: 10, times: 100))
        assertThrowsMessage(try fetcher.ensure(dataset, in: folder), containing: ["stopped after", name])
        XCTAssertFalse(try folderContents().contains { $0.hasPrefix("t10k-images") })
    }

    func testOfflineNeverTouchesTheNetwork() throws {
        serveAll()
        var offline = fetcher
        offline.offline = true
        assertThrowsMessage(
            try offline.ensure(dataset, in: folder), containing: ["tiny is missing", "--offline or BACKPROP_OFFLINE=1"])
        XCTAssertEqual(server.requests, [])
    }

    func testUnreachableSourcesFailWithEachReason() throws {
        var closed = fetcher
        closed.mirror = "http://127.0.0.1:9"
        assertThrowsMessage(try closed.ensure(dataset, in: folder), containing: ["could not download", "127.0.0.1:9"])
    }

    func testArchiveIsUnpackedAndDeleted() throws {
        let staging = folder + "/staging/cifar-10-batches-bin"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        for name in CIFAR10.trainFiles + [CIFAR10.testFile, "batches.meta.txt"] {
            try Data(repeating: UInt8(name.count), count: 3073).write(to: URL(fileURLWithPath: staging + "/" + name))
        }
        let archive = folder + "/cifar.tar.gz"
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        tar.arguments = ["-czf", archive, "-C", folder + "/staging", "cifar-10-batches-bin"]
        try tar.run()
        tar.waitUntilExit()
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: archive)))
        server.route("/cifar10/cifar-10-binary.tar.gz", .bytes(bytes))
        let published = PublishedDataset(
            name: "cifar10", folder: "cifar10",
            files: [.init("cifar-10-binary.tar.gz", .fileMD5(MD5.hexDigest(bytes)))], mirrors: [],
            layout: .archive(subfolder: "cifar-10-batches-bin")
        ) { CIFAR10.missingFiles(dataDirectory: $0) }
        try fetcher.ensure(published, in: folder)
        XCTAssertEqual(CIFAR10.missingFiles(dataDirectory: folder), [])
        let batches = try FileManager.default.contentsOfDirectory(atPath: folder + "/cifar10/cifar-10-batches-bin")
        XCTAssertEqual(batches.sorted(), (CIFAR10.trainFiles + [CIFAR10.testFile]).sorted())
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder + "/cifar10"), ["cifar-10-batches-bin"])
        XCTAssertEqual(
            FileManager.default.contents(atPath: folder + "/cifar10/cifar-10-batches-bin/test_batch.bin"),
            Data(repeating: UInt8("test_batch.bin".count), count: 3073))
    }

    func testTruncatedArchiveIsAnError() throws {
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<5, with: Array("a.bin".utf8))
        header.replaceSubrange(124..<135, with: Array("00000010000".utf8))
        header[156] = UInt8(ascii: "0")
        assertThrowsMessage(
            try TarArchive.members(of: header + [1, 2, 3], file: "x.tar"), containing: ["x.tar: truncated", "4608"])
    }
}
