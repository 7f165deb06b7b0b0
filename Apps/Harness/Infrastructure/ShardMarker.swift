import Backprop
import Foundation

/// What a `reproduce run --shard` wrote into its --out folder, so `merge` can refuse a folder
/// that is not a shard's, or a shard of the other mode.
struct ShardMarker: Codable {
    static let fileName = "shard.json"

    var mode: Mode
    var shard: String

    static func read(from folder: URL) throws -> ShardMarker {
        try JSONDecoder().decode(ShardMarker.self, from: Data(contentsOf: folder.appendingPathComponent(fileName)))
    }

    func write(to folder: URL) throws {
        try AtomicFile.write(try JSONEncoder().encode(self), to: folder.appendingPathComponent(Self.fileName))
    }
}
