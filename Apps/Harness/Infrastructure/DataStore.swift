import Backprop
import Foundation

/// Gives runs their data through the registry's datasets, and loads each stored dataset (one not
/// drawn from the run's seed, like MNIST) once per process, sharing it between runs and jobs.
///
/// `@unchecked Sendable` holds because the mutable state (`stored`, `cifarDigest`) is private and
/// read or written only with `lock` held; everything else is immutable.
final class DataStore: @unchecked Sendable {
    let dataDirectory: String
    private let registry: ComponentRegistry
    private let lock = NSLock()
    private var stored: [DatasetSpec: DatasetSplit<Float>] = [:]

    init(dataDirectory: String, registry: ComponentRegistry) {
        (self.dataDirectory, self.registry) = (dataDirectory, registry)
    }

    var hasMNIST: Bool { MNIST.isAvailable(dataDirectory: dataDirectory) }
    var missingCIFARFiles: [String] { CIFAR10.missingFiles(dataDirectory: dataDirectory) }
    private var cifarDigest: String?

    /// SHA-256 over the CIFAR-10 files, in order (computed once): CIFAR has no published checksum
    /// to verify against, so its identity goes into the cache key of the runs that read it.
    func cifarIdentity() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let cifarDigest { return cifarDigest }
        let folder = CIFAR10.folder(dataDirectory: dataDirectory)
        var digests: [String] = []
        for name in CIFAR10.trainFiles + [CIFAR10.testFile] {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw DataError.unreadable(file: path, reason: "cannot read")
            }
            digests.append(SHA256.hexDigest(Array(bytes)))
        }
        let digest = SHA256.hexDigest(Array(digests.joined(separator: "\n").utf8))
        cifarDigest = digest
        return digest
    }

    /// The training and evaluation sets of `spec`; generated sets are drawn from `random`.
    func split(_ spec: DatasetSpec, random: RandomSource) throws -> DatasetSplit<Float> {
        let context = DatasetContext(dataDirectory: dataDirectory, random: random)
        guard try !registry.datasetDrawsFromSeed(spec.name) else {
            return try registry.makeDataset(spec, context: context)
        }
        var whole = spec
        (whole.trainCount, whole.testCount) = (nil, nil)
        lock.lock()
        defer { lock.unlock() }
        if let cached = stored[whole] { return try cached.prefixes(spec) }
        let loaded = try registry.makeDataset(whole, context: context)
        stored[whole] = loaded
        return try loaded.prefixes(spec)
    }
}
