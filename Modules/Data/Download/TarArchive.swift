import Foundation

/// The regular files of a tar archive (POSIX ustar, with GNU long names), read from memory.
/// Only what a dataset archive needs: no links, no permissions, no writing outside the caller's choice.
public enum TarArchive {
    /// One regular file: its path inside the archive and where its bytes are.
    public struct Member: Equatable {
        public let path: String
        public let contents: Range<Int>
    }

    /// Every regular file of `bytes` (an uncompressed tar), or an error naming `file` and the offset.
    public static func members(of bytes: [UInt8], file: String) throws -> [Member] {
        var members: [Member] = []
        var offset = 0
        var longName: String?
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { return members }
            guard let size = octal(header, 124, 12) else {
                throw DataError.unreadable(file: file, reason: "tar header at byte \(offset) has no valid size")
            }
            let start = offset + 512
            guard size <= bytes.count - start else {
                throw DataError.truncated(file: file, expectedBytes: start + size, foundBytes: bytes.count)
            }
            let type = header[offset + 156]
            var name = longName ?? text(header, 0, 100)
            if longName == nil, text(header, 257, 5) == "ustar", !text(header, 345, 155).isEmpty {
                name = text(header, 345, 155) + "/" + name
            }
            longName = nil
            switch type {
            case UInt8(ascii: "0"), 0: members.append(Member(path: name, contents: start..<(start + size)))
            case UInt8(ascii: "L"): longName = text(bytes[start..<(start + size)], 0, size)
            default: break
            }
            offset = start + (size + 511) / 512 * 512
        }
        throw DataError.truncated(file: file, expectedBytes: offset + 1024, foundBytes: bytes.count)
    }

    /// The NUL-terminated text of the `length` bytes `start` bytes into `bytes`.
    private static func text(_ bytes: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> String {
        let field = bytes[(bytes.startIndex + start)...].prefix(length)
        return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal number field (spaces and NULs around it allowed).
    private static func octal(_ header: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> Int? {
        let digits = text(header, start, length).trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, let value = Int(digits, radix: 8), value >= 0 else { return nil }
        return value
    }
}
