import Foundation

/// A safetensors header, parsed and checked rule by rule as the format's reference
/// implementation (huggingface/safetensors, `read_metadata` and `validate`) checks it. Each
/// broken rule is a `SafeTensors.Failure.malformed` naming the file and the rule.
public struct SafeTensorsHeader: Equatable {
    /// One tensor's entry.
    public struct Entry: Equatable {
        public let name: String
        public let dtype: SafeTensorsDType
        public let shape: [Int]
        /// Byte offsets into the data section.
        public let offsets: Range<Int>
        public var elementCount: Int { shape.reduce(1, *) }
    }

    /// The format's limit on the header's size (100,000,000 bytes).
    public static let maximumHeaderBytes = 100_000_000

    /// The tensors in the order of their data.
    public let entries: [Entry]
    /// The `__metadata__` strings.
    public let metadata: [String: String]
    /// Where the data section starts in the file (8 + the header's length).
    public let dataStart: Int

    /// Parses and checks the header of the whole file `bytes`.
    public static func parse(_ bytes: [UInt8], path: String) throws -> SafeTensorsHeader {
        func broken(_ reason: String) -> SafeTensors.Failure { .malformed(path: path, reason: reason) }
        guard bytes.count >= 8 else { throw broken("\(bytes.count) bytes, shorter than the 8-byte header length") }
        let declared = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard declared <= UInt64(maximumHeaderBytes) else {
            throw broken("header length \(declared) is over the format's limit of \(maximumHeaderBytes) bytes")
        }
        let length = Int(declared)
        guard length <= bytes.count - 8 else {
            throw broken("header length \(length) exceeds the file's \(bytes.count - 8) remaining bytes")
        }
        guard let text = String(validating: bytes[8..<(8 + length)], as: UTF8.self) else {
            throw broken("the header is not UTF-8")
        }
        guard text.first == "{" else { throw broken("the header does not start with \"{\"") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw broken("the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        if let raw = object["__metadata__"] {
            guard let strings = raw as? [String: Any], strings.values.allSatisfy({ $0 is String }) else {
                throw broken("__metadata__ is not an object of strings")
            }
            metadata = strings.mapValues { $0 as! String }
        }
        let entries = try object.filter { $0.key != "__metadata__" }.map { name, raw in
            try entry(name, raw, broken: broken)
        }.sorted { ($0.offsets.lowerBound, $0.offsets.upperBound) < ($1.offsets.lowerBound, $1.offsets.upperBound) }
        let dataBytes = bytes.count - 8 - length
        var end = 0
        for entry in entries {
            guard entry.offsets.lowerBound == end else {
                throw broken(
                    "tensor \"\(entry.name)\" starts at byte \(entry.offsets.lowerBound) of the data, expected \(end): tensors must follow each other with no gap or overlap"
                )
            }
            end = entry.offsets.upperBound
        }
        guard end == dataBytes else {
            throw broken(
                "the tensors cover \(end) bytes but the data section has \(dataBytes) (truncated, or bytes no tensor owns)"
            )
        }
        return SafeTensorsHeader(entries: entries, metadata: metadata, dataStart: 8 + length)
    }

    /// One entry: a known dtype, a shape of non-negative integers, two offsets whose span is
    /// exactly the shape's bytes.
    private static func entry(_ name: String, _ raw: Any, broken: (String) -> SafeTensors.Failure) throws -> Entry {
        guard let fields = raw as? [String: Any], let dtypeName = fields["dtype"] as? String,
            let rawShape = fields["shape"] as? [Any], let rawOffsets = fields["data_offsets"] as? [Any]
        else { throw broken("entry \"\(name)\" lacks dtype, shape or data_offsets") }
        if let extra = fields.keys.first(where: { !["dtype", "shape", "data_offsets"].contains($0) }) {
            throw broken("entry \"\(name)\" has the unknown field \"\(extra)\"")
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw broken("tensor \"\(name)\" has dtype \(dtypeName), which the format does not define")
        }
        let shape = rawShape.map(nonNegativeInteger)
        guard !shape.contains(nil) else {
            throw broken("tensor \"\(name)\" has shape \(rawShape): each dimension must be a whole number ≥ 0")
        }
        let offsets = rawOffsets.map(nonNegativeInteger)
        guard offsets.count == 2, let start = offsets[0], let end = offsets[1], start <= end else {
            throw broken(
                "tensor \"\(name)\" has data_offsets \(rawOffsets); expected [start, end] with 0 ≤ start ≤ end")
        }
        guard let byteCount = ElementCount.of(shape.map { $0! }, width: dtype.byteWidth) else {
            throw broken("tensor \"\(name)\" has shape \(shape.map { $0! }): more elements than any file holds")
        }
        guard end - start == byteCount else {
            throw broken(
                "tensor \"\(name)\" (\(dtypeName) \(shape.map { $0! })) needs \(byteCount) bytes but data_offsets \(start)..<\(end) span \(end - start)"
            )
        }
        return Entry(name: name, dtype: dtype, shape: shape.map { $0! }, offsets: start..<end)
    }

    /// A JSON number that is a whole number ≥ 0 (not a Boolean, not 1.5).
    private static func nonNegativeInteger(_ value: Any) -> Int? {
        // JSON's true and false arrive as NSNumbers of the C type "c"; the parser's integers do not.
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        let double = number.doubleValue
        guard double >= 0, double == double.rounded(), double < 9.0e18 else { return nil }
        return number.intValue
    }
}
