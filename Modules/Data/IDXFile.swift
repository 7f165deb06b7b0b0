import TensorCore

/// The idx format of MNIST and Fashion-MNIST: a big-endian header (magic 2049 for labels,
/// 2051 for images, then the dimension sizes) followed by unsigned bytes.
public enum IDXFile {
    public static let labelMagic: UInt32 = 2049
    public static let imageMagic: UInt32 = 2051

    /// The decoded contents: dimension sizes and the raw bytes after the header.
    public struct Contents {
        public let dimensions: [Int]
        public let values: ArraySlice<UInt8>
    }

    /// Reads `path` (plain or gzip) no further than its header's declared size, then parses it.
    public static func read(_ path: String, expectedMagic: UInt32) throws -> (bytes: [UInt8], contents: Contents) {
        let headerBytes = 4 + 4 * (expectedMagic == imageMagic ? 3 : 1)
        let bytes = try CompressedFile.read(path, headerBytes: headerBytes) { header in
            // The header parsed alone fails as truncated; its error says what the full size would be.
            do {
                _ = try parse(header, file: path, expectedMagic: expectedMagic)
                return headerBytes
            } catch let DataError.truncated(_, expectedBytes, _) {
                return expectedBytes
            }
        }
        return (bytes, try parse(bytes, file: path, expectedMagic: expectedMagic))
    }

    /// Parses `bytes` read from `file` (the name only appears in errors).
    public static func parse(_ bytes: [UInt8], file: String, expectedMagic: UInt32) throws -> Contents {
        guard bytes.count >= 8 else { throw DataError.truncated(file: file, expectedBytes: 8, foundBytes: bytes.count) }
        let magic = bigEndianWord(bytes, at: 0)
        guard magic == expectedMagic else {
            throw DataError.badMagic(file: file, found: magic, expected: [expectedMagic])
        }
        let rank = expectedMagic == imageMagic ? 3 : 1
        let headerBytes = 4 + 4 * rank
        guard bytes.count >= headerBytes else {
            throw DataError.truncated(file: file, expectedBytes: headerBytes, foundBytes: bytes.count)
        }
        let dimensions = (0..<rank).map { Int(bigEndianWord(bytes, at: 4 + 4 * $0)) }
        // Dimensions are 32-bit, so the product of three can exceed Int.max: checked, never trapped on.
        guard let payload = ElementCount.of(dimensions),
            case (let total, false) = headerBytes.addingReportingOverflow(payload)
        else {
            throw DataError.declaredSizeTooLarge(file: file, dimensions: dimensions)
        }
        guard bytes.count >= total else {
            throw DataError.truncated(file: file, expectedBytes: total, foundBytes: bytes.count)
        }
        return Contents(dimensions: dimensions, values: bytes[headerBytes..<(headerBytes + payload)])
    }

    /// Encodes an idx file (for tests and tools that write small idx sets).
    public static func encode(magic: UInt32, dimensions: [Int], values: [UInt8]) -> [UInt8] {
        var bytes = [UInt8]()
        for word in [magic] + dimensions.map(UInt32.init) {
            bytes += [UInt8(word >> 24), UInt8(word >> 16 & 0xff), UInt8(word >> 8 & 0xff), UInt8(word & 0xff)]
        }
        return bytes + values
    }

    private static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }
}
