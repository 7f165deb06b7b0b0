import Foundation

/// A checksum a dataset's publisher gives for one of its files, and how to test a file against it.
public enum FileChecksum: Sendable, Equatable, CustomStringConvertible {
    /// MD5 of the file as published (compressed bytes included): Fashion-MNIST, KMNIST, CIFAR-10.
    case fileMD5(String)
    /// SHA-256 of the file's inflated contents: MNIST, whose mirrors gzip the same contents differently.
    case contentSHA256(String)

    public var description: String {
        switch self {
        case .fileMD5(let hex): return "MD5 \(hex)"
        case .contentSHA256(let hex): return "SHA-256 of the contents \(hex)"
        }
    }

    /// What `path` hashes to under this checksum's rule, or an error naming the file.
    public func digest(ofFile path: String) throws -> String {
        switch self {
        case .fileMD5:
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DataError.unreadable(file: path, reason: "cannot read")
            }
            return MD5.hexDigest(Array(data))
        case .contentSHA256: return SHA256.hexDigest(try CompressedFile.read(path))
        }
    }

    /// The published hex digest.
    public var expected: String {
        switch self {
        case .fileMD5(let hex), .contentSHA256(let hex): return hex
        }
    }

    /// Throws `DataError.checksumMismatch` unless `path` has this checksum.
    public func verify(file path: String) throws {
        let found = try digest(ofFile: path)
        guard found == expected else {
            throw DataError.checksumMismatch(file: path, found: found, expected: expected, algorithm: algorithm)
        }
    }

    var algorithm: String {
        switch self {
        case .fileMD5: return "MD5"
        case .contentSHA256: return "SHA-256"
        }
    }
}
