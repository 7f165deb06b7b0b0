import Backprop
import Foundation

/// Finished runs on disk, one JSON file per run named by the hash of its request. Each entry
/// stores its full request key and a checksum of its result, so a corrupted or mismatched file
/// is detected (and the run recomputed) instead of being trusted.
struct RunCache {
    let folder: URL

    private struct Entry: Codable {
        var key: String
        var checksum: String
        var result: String
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    func url(for request: RunRequest) -> URL { folder.appendingPathComponent("\(request.hash).json") }

    /// The cached result, or nil when absent or damaged.
    func load(_ request: RunRequest) -> RunResult? {
        guard let data = try? Data(contentsOf: url(for: request)),
            let entry = try? JSONDecoder().decode(Entry.self, from: data),
            entry.key == request.key, entry.checksum == SHA256.hexDigest(Array(entry.result.utf8)),
            let result = try? Self.decoder.decode(RunResult.self, from: Data(entry.result.utf8))
        else { return nil }
        return result
    }

    func contains(_ request: RunRequest) -> Bool { load(request) != nil }

    /// Whether a file exists for `request` but cannot be trusted.
    func isDamaged(_ request: RunRequest) -> Bool {
        FileManager.default.fileExists(atPath: url(for: request).path) && load(request) == nil
    }

    func store(_ result: RunResult, for request: RunRequest) throws {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let body = String(decoding: try encoder.encode(result), as: UTF8.self)
        let entry = Entry(key: request.key, checksum: SHA256.hexDigest(Array(body.utf8)), result: body)
        try AtomicFile.write(try JSONEncoder().encode(entry), to: url(for: request))
    }

    /// Whether `file` is an entry whose name is the hash of its key, whose checksum matches and whose result decodes.
    static func isValidEntry(_ file: URL) -> Bool {
        guard let data = try? Data(contentsOf: file), let entry = try? JSONDecoder().decode(Entry.self, from: data),
            file.deletingPathExtension().lastPathComponent
                == String(SHA256.hexDigest(Array(entry.key.utf8)).prefix(24)),
            entry.checksum == SHA256.hexDigest(Array(entry.result.utf8)),
            (try? decoder.decode(RunResult.self, from: Data(entry.result.utf8))) != nil
        else { return false }
        return true
    }

    /// What `merge` did: entries copied, damaged entries of this cache replaced, and the damaged
    /// entries of the other cache that were skipped.
    struct MergeCount {
        var copied = 0, replaced = 0
        var damaged: [String] = []
    }

    /// Copies every valid entry of `other` that this cache lacks or holds damaged; damaged entries
    /// of `other` are skipped and listed.
    func merge(from other: URL) throws -> MergeCount {
        let files = try FileManager.default.contentsOfDirectory(at: other, includingPropertiesForKeys: nil)
        var count = MergeCount()
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) where file.pathExtension == "json"
        {
            guard Self.isValidEntry(file) else {
                count.damaged.append(file.lastPathComponent)
                continue
            }
            let target = folder.appendingPathComponent(file.lastPathComponent)
            let exists = FileManager.default.fileExists(atPath: target.path)
            if exists, Self.isValidEntry(target) { continue }
            try AtomicFile.write(try Data(contentsOf: file), to: target)
            if exists { count.replaced += 1 } else { count.copied += 1 }
        }
        return count
    }
}
