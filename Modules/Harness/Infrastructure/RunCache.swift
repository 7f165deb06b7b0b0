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
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
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
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let body = String(decoding: try encoder.encode(result), as: UTF8.self)
        let entry = Entry(key: request.key, checksum: SHA256.hexDigest(Array(body.utf8)), result: body)
        try AtomicFile.write(try JSONEncoder().encode(entry), to: url(for: request))
    }

    /// Copies every valid entry of `other` into this cache; returns how many were copied.
    func merge(from other: URL) throws -> Int {
        let files = (try? FileManager.default.contentsOfDirectory(at: other, includingPropertiesForKeys: nil)) ?? []
        var copied = 0
        for file in files where file.pathExtension == "json" {
            let target = folder.appendingPathComponent(file.lastPathComponent)
            guard !FileManager.default.fileExists(atPath: target.path) else { continue }
            try AtomicFile.write(try Data(contentsOf: file), to: target)
            copied += 1
        }
        return copied
    }
}
