import Foundation
import TensorCore
import TestSupport
import XCTest

/// Every rule the safetensors reference implementation checks, one test each, and the element
/// types PyTorch users save (F16, BF16, the integers of `num_batches_tracked`), read to the bit.
final class SafeTensorsRuleTests: XCTestCase {
    /// A file of an 8-byte length (`declaredLength`, else the header's), the header and `body`.
    func file(_ header: [UInt8], body: [UInt8] = [], declaredLength: UInt64? = nil) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID()).safetensors")
        let length = declaredLength ?? UInt64(header.count)
        let prefix = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
        try Data(prefix + header + body).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func file(_ header: String, body: [UInt8] = []) throws -> URL { try file(Array(header.utf8), body: body) }

    func assertRefused(_ url: URL, _ fragments: [String], line: UInt = #line) {
        assertThrowsMessage(
            try SafeTensors.read(from: url, as: Float.self),
            containing: [url.path, "not a valid safetensors file"] + fragments,
            line: line)
    }

    func testAFileShorterThanTheLengthFieldIsRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("short-\(UUID()).safetensors")
        try Data([1, 2, 3]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        assertRefused(url, ["3 bytes, shorter than the 8-byte header length"])
    }

    func testAHeaderOverTheFormatsLimitIsRefused() throws {
        assertRefused(try file(Array("{}".utf8), declaredLength: 100_000_001), ["over the format's limit of 100000000"])
    }

    func testAHeaderLongerThanTheFileIsRefused() throws {
        assertRefused(try file(Array("{}".utf8), declaredLength: 64), ["header length 64 exceeds the file's 2"])
    }

    func testAHeaderThatIsNotUTF8IsRefused() throws {
        assertRefused(try file([0x7B, 0xFF, 0xFE, 0x7D]), ["not UTF-8"])
    }

    func testAHeaderMustStartWithABrace() throws {
        assertRefused(try file(" {}"), ["does not start with \"{\""])
    }

    func testAHeaderMustBeAJSONObject() throws {
        assertRefused(try file("{\"w\": [1, 2"), ["not a JSON object"])
    }

    func testMetadataMustBeStrings() throws {
        assertRefused(try file(#"{"__metadata__":{"epochs":4}}"#), ["__metadata__ is not an object of strings"])
    }

    func testAnUnknownDtypeIsRefused() throws {
        assertRefused(
            try file(#"{"w":{"dtype":"F12","shape":[1],"data_offsets":[0,2]}}"#, body: [0, 0]),
            ["dtype F12, which the format does not define"])
    }

    func testAnEntryWithAnUnknownFieldIsRefused() throws {
        assertRefused(
            try file(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"stride":[1]}}"#, body: [0, 0, 0, 0]),
            ["unknown field \"stride\""])
    }

    func testAFractionalDimensionIsRefused() throws {
        assertRefused(
            try file(#"{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, body: [0, 0, 0, 0]),
            ["whole number ≥ 0"])
    }

    func testOffsetsMustSpanExactlyTheShapesBytes() throws {
        assertRefused(
            try file(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, body: [0, 0, 0, 0]),
            ["needs 8 bytes but data_offsets 0..<4 span 4"])
    }

    func testTensorsMustNotOverlapOrLeaveGaps() throws {
        let overlap =
            #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}"#
        assertRefused(
            try file(overlap, body: [UInt8](repeating: 0, count: 6)), ["\"b\" starts at byte 2", "expected 4"])
        let gap =
            #"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}}"#
        assertRefused(try file(gap, body: [UInt8](repeating: 0, count: 6)), ["\"b\" starts at byte 4", "expected 2"])
    }

    func testTheTensorsMustCoverTheWholeDataSection() throws {
        assertRefused(
            try file(#"{"w":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}"#, body: [1, 2, 3]),
            ["cover 2 bytes but the data section has 3"])
    }

    func testAnOverflowingShapeIsRefused() throws {
        assertRefused(
            try file(
                #"{"w":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#,
                body: [UInt8](repeating: 0, count: 8)),
            ["more elements than any file holds"])
    }

    func testEightBitFloatsAreRefusedByName() throws {
        assertRefused(
            try file(#"{"w":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}"#, body: [0]),
            ["\"w\" is F8_E4M3", "does not read"])
    }

    func testTensorsInAnyOrderAndPaddingSpacesRead() throws {
        let header =
            #"{"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}   "#
        let tensors: [String: Tensor<Float>] = try SafeTensors.read(from: try file(header, body: [7, 9]))
        XCTAssertEqual(tensors["a"]?.scalars, [7])
        XCTAssertEqual(tensors["b"]?.scalars, [9])
        let empty: [String: Tensor<Float>] = try SafeTensors.read(from: try file("{}      "))
        XCTAssertTrue(empty.isEmpty)
    }

    /// F16 0x3C00 = 1, 0xC000 = −2, 0x3555 = 0.333251953125, 0x7BFF = 65504, 0x0001 = 2⁻²⁴ (the
    /// smallest subnormal); BF16 0x3F80 = 1, 0xC0A0 = −5, 0x3EAB = 0.333984375, 0x7F7F = 3.3895314e38.
    func testHalfAndBrainFloatsReadToTheBit() throws {
        let halves: [UInt16] = [0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0001]
        let brains: [UInt16] = [0x3F80, 0xC0A0, 0x3EAB, 0x7F7F]
        let body = (halves + brains).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let header =
            #"{"h":{"dtype":"F16","shape":[5],"data_offsets":[0,10]},"b":{"dtype":"BF16","shape":[2,2],"data_offsets":[10,18]}}"#
        let tensors: [String: Tensor<Double>] = try SafeTensors.read(from: try file(header, body: body))
        XCTAssertEqual(tensors["h"]?.scalars, [1, -2, 0.333251953125, 65504, 0x1p-24])
        XCTAssertEqual(tensors["b"]?.shape, [2, 2])
        XCTAssertEqual(tensors["b"]?.scalars, [1, -5, 0.333984375, Double(Float(bitPattern: 0x7F7F_0000))])
    }

    func testIntegerTensorsReadAsNumbers() throws {
        let body: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 42, 0, 0, 0, 0, 0, 0, 0, 1]
        let header =
            #"{"n":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},"f":{"dtype":"BOOL","shape":[],"data_offsets":[16,17]}}"#
        let tensors: [String: Tensor<Float>] = try SafeTensors.read(from: try file(header, body: body))
        XCTAssertEqual(tensors["n"]?.scalars, [-1, 42])
        XCTAssertEqual(tensors["f"]?.scalars, [1])
    }
}
