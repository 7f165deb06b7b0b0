import Foundation
import TensorCore
import TestSupport
import XCTest

/// Hostile safetensors headers (issue 15): shapes whose element count overflows, and negative
/// dimensions with inverted offsets, trapped in the shape product; now each is an error naming the
/// file and the tensor.
final class SafeTensorsReaderTests: XCTestCase {
    /// A file with `header` as its JSON header and `bodyBytes` zero bytes of data.
    func file(header: String, bodyBytes: Int) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-\(UUID()).safetensors")
        let json = Array(header.utf8)
        let length = (0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) }
        try Data(length + json + [UInt8](repeating: 0, count: bodyBytes)).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testShapesBeyondAnyFileAreErrors() throws {
        for shape in ["[4294967296, 4294967296]", "[2305843009213693952]"] {
            let url = try file(header: #"{"w":{"dtype":"F32","shape":\#(shape),"data_offsets":[0,16]}}"#, bodyBytes: 16)
            assertThrowsMessage(
                try SafeTensors.read(from: url, as: Float.self),
                containing: [url.path, "\"w\"", "more elements than any file holds"])
        }
    }

    func testNegativeDimensionWithInvertedOffsetsIsAnError() throws {
        let url = try file(header: #"{"w":{"dtype":"F32","shape":[-1,4],"data_offsets":[16,0]}}"#, bodyBytes: 16)
        assertThrowsMessage(
            try SafeTensors.read(from: url, as: Float.self),
            containing: [url.path, "\"w\"", "-1", "whole number ≥ 0"])
        let inverted = try file(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, bodyBytes: 16)
        assertThrowsMessage(
            try SafeTensors.read(from: inverted, as: Float.self),
            containing: [inverted.path, "\"w\"", "0 ≤ start ≤ end"])
    }

    func testAWellFormedFileStillReads() throws {
        let url = try file(header: #"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#, bodyBytes: 16)
        XCTAssertEqual(try SafeTensors.read(from: url, as: Float.self)["w"], Tensor<Float>.zeros([2, 2]))
    }
}

/// Issue 15: a failed atomic write left its temporary file behind and reported a raw NSError.
final class AtomicFileTests: XCTestCase {
    func testAFailedWriteLeavesNoTemporaryFileAndNamesThePath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID())")
        let target = folder.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(
            at: target.appendingPathComponent("child"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        assertThrowsMessage(
            try AtomicFile.write(Data("x".utf8), to: target), containing: [target.path, "cannot write"])
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path), ["occupied"], "no temporary file left")
    }
}
