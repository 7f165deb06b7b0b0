import Backprop
import Foundation

/// Finished runs on disk, one JSON file per run named by the hash of its request. Each entry
/// stores its full request key, a checksum of its result and the numeric environment that
/// computed it, so a corrupted or mismatched file is detected (and the run recomputed) instead
/// of being trusted, and `reproduce run` reuses a result only under the environment that made it.
struct RunCache {
    let folder: URL

    private struct Entry: Codable {
        var key: String
        var checksum: String
        var result: String
        /// Absent in entries written before environments were recorded; such an entry is recomputed.
        var environment: NumericEnvironment?
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    func url(for request: RunRequest) -> URL { folder.appendingPathComponent("\(request.hash).json") }

    /// The cached result with the environment that computed it (nil when unrecorded), or nil when absent or damaged.
    func entry(_ request: RunRequest) -> (result: RunResult, environment: NumericEnvironment?)? {
        guard let data = try? Data(contentsOf: url(for: request)),
            let entry = try? JSONDecoder().decode(Entry.self, from: data),
            entry.key == request.key, entry.checksum == SHA256.hexDigest(Array(entry.result.utf8)),
            let result = try? Self.decoder.decode(RunResult.self, from: Data(entry.result.utf8))
        else { return nil }
        return (result, entry.environment)
    }

    /// The cached result, whatever computed it (rendering), or nil when absent or damaged.
    func load(_ request: RunRequest) -> RunResult? { entry(request)?.result }

    /// Whether a result computed under `environment` is cached.
    func contains(_ request: RunRequest, under environment: NumericEnvironment) -> Bool {
        entry(request)?.environment == environment
    }

    /// Whether a file exists for `request` but cannot be trusted.
    func isDamaged(_ request: RunRequest) -> Bool {
        FileManager.default.fileExists(atPath: url(for: request).path) && load(request) == nil
    }

    func store(_ result: RunResult, for request: RunRequest, environment: NumericEnvironment) throws {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let body = String(decoding: try encoder.encode(result), as: UTF8.self)
        let entry = Entry(
            key: request.key, checksum: SHA256.hexDigest(Array(body.utf8)), result: body, environment: environment)
        try AtomicFile.write(try JSONEncoder().encode(entry), to: url(for: request))
    }

    /// The entry in `file` when its name is the hash of its key, its checksum matches and its result decodes.
    private static func validEntry(_ file: URL) -> Entry? {
        guard let data = try? Data(contentsOf: file), let entry = try? JSONDecoder().decode(Entry.self, from: data),
            file.deletingPathExtension().lastPathComponent
                == String(SHA256.hexDigest(Array(entry.key.utf8)).prefix(24)),
            entry.checksum == SHA256.hexDigest(Array(entry.result.utf8)),
            (try? decoder.decode(RunResult.self, from: Data(entry.result.utf8))) != nil
        else { return nil }
        return entry
    }

    static func isValidEntry(_ file: URL) -> Bool { validEntry(file) != nil }

    /// A numeric environment as merge and reports name it: its description, or "unrecorded".
    static func name(_ environment: NumericEnvironment?) -> String { environment?.description ?? "unrecorded" }

    /// How many valid entries of `folder` each environment computed, by name.
    static func environments(in folder: URL) -> [String: Int] {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }.compactMap(validEntry).reduce(into: [:]) {
            $0[name($1.environment), default: 0] += 1
        }
    }

    /// What `merge` did: entries copied, damaged entries of this cache replaced, the damaged
    /// entries of the other cache that were skipped, and those skipped for their environment.
    struct MergeCount {
        var copied = 0, replaced = 0, otherEnvironment = 0
        var damaged: [String] = []
    }

    /// Copies every valid entry of `other` that this cache lacks or holds damaged; damaged entries
    /// of `other` are skipped and listed. With `keeping`, only entries of that environment (by
    /// name) are copied, and an entry of this cache from another environment is replaced.
    func merge(from other: URL, keeping: String? = nil) throws -> MergeCount {
        let files = try FileManager.default.contentsOfDirectory(at: other, includingPropertiesForKeys: nil)
        var count = MergeCount()
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) where file.pathExtension == "json"
        {
            guard let entry = Self.validEntry(file) else {
                count.damaged.append(file.lastPathComponent)
                continue
            }
            if let keeping, Self.name(entry.environment) != keeping {
                count.otherEnvironment += 1
                continue
            }
            let target = folder.appendingPathComponent(file.lastPathComponent)
            let exists = FileManager.default.fileExists(atPath: target.path)
            if exists, let existing = Self.validEntry(target),
                keeping == nil || Self.name(existing.environment) == keeping
            {
                continue
            }
            try AtomicFile.write(try Data(contentsOf: file), to: target)
            if exists { count.replaced += 1 } else { count.copied += 1 }
        }
        return count
    }
}
