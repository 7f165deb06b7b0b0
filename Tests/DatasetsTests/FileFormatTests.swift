import Datasets
import Foundation
import TestSupport
import XCTest

final class FileFormatTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "backprop-data-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    private func write(_ bytes: [UInt8], _ name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    /// Three 2×2 images with pixel values 0…11 and labels 3, 1, 4.
    private func writeSmallSet(gzip: Bool) throws {
        let images = IDXFile.encode(magic: IDXFile.imageMagic, dimensions: [3, 2, 2], values: Array(0..<12))
        let labels = IDXFile.encode(magic: IDXFile.labelMagic, dimensions: [3], values: [3, 1, 4])
        if gzip {
            try CompressedFile.writeGzip(images, to: folder + "/images.gz")
            try CompressedFile.writeGzip(labels, to: folder + "/labels.gz")
        } else {
            try write(images, "images")
            try write(labels, "labels")
        }
    }

    func testIDXRoundTripPlainAndGzip() throws {
        for gzip in [false, true] {
            try writeSmallSet(gzip: gzip)
            let set: LabeledDataset<Float> = try IDXDataset.load(directory: folder, images: "images", labels: "labels")
            XCTAssertEqual(set.features.shape, [3, 4])
            XCTAssertEqual(set.features.scalars, (0..<12).map(Float.init))
            XCTAssertEqual(set.labels, [3, 1, 4])
            try FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    func testTruncatedFileNamesFileAndSizes() throws {
        try writeSmallSet(gzip: false)
        let images = IDXFile.encode(magic: IDXFile.imageMagic, dimensions: [3, 2, 2], values: Array(0..<10))
        try write(images, "images")
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["images", "truncated", "expected 28 bytes", "found 26"])
    }

    /// Issue 15: dimensions whose product overflows trapped in `reduce(1, *)`; now an error naming the file and the header.
    func testHeaderDimensionsBeyondTheFileAreAnErrorNotATrap() throws {
        try writeSmallSet(gzip: false)
        try write(
            IDXFile.encode(magic: IDXFile.imageMagic, dimensions: [1 << 31, 65536, 65536], values: Array(0..<12)),
            "images")
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["images", "[2147483648, 65536, 65536]", "more bytes than any file holds"])
        try write(
            IDXFile.encode(magic: IDXFile.imageMagic, dimensions: [3, 1 << 31, 2], values: Array(0..<12)), "images")
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["images", "truncated", "expected 12884901904 bytes", "found 28"])
    }

    /// Issue 15: a small gzip inflating far beyond its header was read whole before the header was checked.
    func testAStreamLongerThanItsHeaderStopsAtTheBound() throws {
        try writeSmallSet(gzip: true)
        let bomb = IDXFile.encode(
            magic: IDXFile.imageMagic, dimensions: [3, 2, 2], values: [UInt8](repeating: 0, count: 4 << 20))
        try CompressedFile.writeGzip(bomb, to: folder + "/images.gz")
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["images.gz", "longer than its header declares (28 bytes)"])
    }

    /// Issue 15: a FIFO in place of a data file blocked the read forever.
    func testANonRegularFileIsRefusedWithoutReading() throws {
        try writeSmallSet(gzip: false)
        try FileManager.default.removeItem(atPath: folder + "/labels")
        XCTAssertEqual(mkfifo(folder + "/labels", 0o600), 0)
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["labels", "not a regular file"])
    }

    func testTruncatedGzipIsReported() throws {
        try writeSmallSet(gzip: true)
        let full = try Data(contentsOf: URL(fileURLWithPath: folder + "/images.gz"))
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: folder + "/images.gz"))
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["images.gz"])
    }

    func testWrongMagicNumber() throws {
        try writeSmallSet(gzip: false)
        try write(IDXFile.encode(magic: 2049, dimensions: [3], values: [1, 2, 3]), "images")
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["images", "magic number 2049", "2051"])
    }

    func testLabelCountMismatch() throws {
        try writeSmallSet(gzip: false)
        try write(IDXFile.encode(magic: IDXFile.labelMagic, dimensions: [2], values: [1, 2]), "labels")
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["labels", "2 labels for 3 images"])
    }

    func testLabelOutOfRange() throws {
        try writeSmallSet(gzip: false)
        try write(IDXFile.encode(magic: IDXFile.labelMagic, dimensions: [3], values: [1, 12, 3]), "labels")
        assertThrowsMessage(
            try IDXDataset.load(directory: folder, images: "images", labels: "labels") as LabeledDataset<Float>,
            containing: ["labels", "label 12", "0..<10"])
    }

    func testEmptyDirectoryNamesWhatIsMissing() {
        assertThrowsMessage(
            try MNIST.load(dataDirectory: folder) as DatasetSplit<Float>,
            containing: [folder + "/mnist", "train-images-idx3-ubyte", "download"])
        XCTAssertFalse(MNIST.isAvailable(dataDirectory: folder))
    }

    func testChecksumMismatchWarnsOrFails() throws {
        try writeSmallSet(gzip: false)
        let sums: [String: FileChecksum] = ["labels": .contentSHA256(String(repeating: "0", count: 64))]
        XCTAssertNoThrow(
            try IDXDataset.load(
                directory: folder, images: "images", labels: "labels", checksums: sums, verification: .warn)
                as LabeledDataset<Float>)
        assertThrowsMessage(
            try IDXDataset.load(
                directory: folder, images: "images", labels: "labels", checksums: sums, verification: .strict)
                as LabeledDataset<Float>,
            containing: ["labels", "SHA-256"])
    }

    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hexDigest([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hexDigest(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hexDigest(Array(repeating: 0x61, count: 1000)),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func testCIFARBinaryRecordsLoadChannelMajor() throws {
        let cifar = folder + "/cifar10"
        try FileManager.default.createDirectory(atPath: cifar, withIntermediateDirectories: true)
        // Record r: label r + 7 (mod 10); red plane 0, green plane 255, blue plane = the pixel index mod 256.
        var bytes: [UInt8] = []
        for record in 0..<3 {
            bytes.append(UInt8((record + 7) % 10))
            bytes +=
                Array(repeating: 0, count: 1024) + Array(repeating: 255, count: 1024)
                + (0..<1024).map { UInt8($0 % 256) }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: cifar + "/test_batch.bin"))
        let set: LabeledDataset<Float> = try CIFAR10.loadBatch(path: cifar + "/test_batch.bin")
        XCTAssertEqual(set.labels, [7, 8, 9])
        XCTAssertEqual(set.features.shape, [3, 3, 32, 32])
        XCTAssertEqual(try set.features.element(at: [1, 0, 5, 5]), -1)
        XCTAssertEqual(try set.features.element(at: [1, 1, 0, 0]), 1)
        XCTAssertEqual(try set.features.element(at: [2, 2, 0, 3]), (3 / 255 - 0.5) / 0.5, accuracy: 1e-6)
        XCTAssertEqual(try set.features.element(at: [2, 2, 1, 0]), (32 / 255 - 0.5) / 0.5, accuracy: 1e-6)
        assertThrowsMessage(
            try CIFAR10.load(dataDirectory: folder) as DatasetSplit<Float>,
            containing: ["data_batch_1.bin", "data_batch_5.bin", "cifar-10-binary"])
        try Data(bytes.prefix(3000)).write(to: URL(fileURLWithPath: cifar + "/test_batch.bin"))
        assertThrowsMessage(
            try CIFAR10.loadBatch(path: cifar + "/test_batch.bin") as LabeledDataset<Float>,
            containing: ["test_batch.bin", "truncated", "3073"])
    }
}
