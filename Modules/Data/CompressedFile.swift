import CZlib
import Foundation

/// Reads a whole file, inflating it when it is gzip-compressed (zlib reads plain files unchanged).
public enum CompressedFile {
    /// The (inflated) contents of `path`. `sizeLimit`, when given, is read from the first
    /// `headerBytes` bytes and bounds the whole: a stream longer than the header declares is an
    /// error as soon as it passes the bound, so a small gzip cannot inflate to gigabytes first.
    public static func read(
        _ path: String, headerBytes: Int = 0, sizeLimit: (([UInt8]) throws -> Int)? = nil
    ) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError.unreadable(file: path, reason: "no such file")
        }
        // A FIFO or a device would block the read or never end.
        let type = (try? FileManager.default.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
        guard !isDirectory.boolValue, type == .typeRegular else {
            throw DataError.unreadable(file: path, reason: "not a regular file")
        }
        guard let file = gzopen(path, "rb") else { throw DataError.unreadable(file: path, reason: "cannot open") }
        defer { gzclose(file) }
        var bytes = [UInt8]()
        var limit: Int?
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            // Until the limit is known, read only the header; then never more than one byte past the limit.
            let wanted =
                limit.map { min(chunk.count, $0 + 1 - bytes.count) }
                ?? (sizeLimit == nil ? chunk.count : max(1, headerBytes - bytes.count))
            let read = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(wanted)) }
            if read < 0 || (read == 0 && gzeof(file) == 0) {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw DataError.unreadable(file: path, reason: "corrupt or truncated compressed data: \(message)")
            }
            if read == 0 { break }
            bytes.append(contentsOf: chunk[0..<Int(read)])
            if limit == nil, let sizeLimit, bytes.count >= headerBytes { limit = try sizeLimit(bytes) }
            if let limit, bytes.count > limit {
                throw DataError.unreadable(
                    file: path, reason: "longer than its header declares (\(limit) bytes); corrupt or not this format")
            }
        }
        var code: Int32 = 0
        _ = gzerror(file, &code)
        if code != Z_OK && code != Z_STREAM_END {
            throw DataError.unreadable(file: path, reason: "corrupt or truncated compressed data (zlib error \(code))")
        }
        return bytes
    }
}

extension CompressedFile {
    /// Writes `bytes` gzip-compressed to `path` (tools and tests that make small idx sets).
    public static func writeGzip(_ bytes: [UInt8], to path: String) throws {
        guard let file = gzopen(path, "wb") else {
            throw DataError.unreadable(file: path, reason: "cannot open for writing")
        }
        let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        let closed = gzclose(file)
        guard written == Int32(bytes.count), closed == Z_OK else {
            throw DataError.unreadable(file: path, reason: "gzip write failed")
        }
    }
}
