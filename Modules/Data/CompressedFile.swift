import CZlib
import Foundation

/// Reads a whole file, inflating it when it is gzip-compressed (zlib reads plain files unchanged).
public enum CompressedFile {
    public static func read(_ path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw DataError.unreadable(file: path, reason: "no such file") }
        guard let file = gzopen(path, "rb") else { throw DataError.unreadable(file: path, reason: "cannot open") }
        defer { gzclose(file) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let read = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if read < 0 || (read == 0 && gzeof(file) == 0) {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw DataError.unreadable(file: path, reason: "corrupt or truncated compressed data: \(message)")
            }
            if read == 0 { break }
            bytes.append(contentsOf: chunk[0..<Int(read)])
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
        guard let file = gzopen(path, "wb") else { throw DataError.unreadable(file: path, reason: "cannot open for writing") }
        let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        let closed = gzclose(file)
        guard written == Int32(bytes.count), closed == Z_OK else {
            throw DataError.unreadable(file: path, reason: "gzip write failed")
        }
    }
}
