import Backprop
import Foundation

/// Gives runs their data through the registry's datasets, and loads each stored dataset (one not
/// drawn from the run's seed, like MNIST) once per process, sharing it between runs and jobs.
/// A published dataset that is missing is fetched the first time a report asks for it (unless
/// the fetcher is offline); why it stays missing is kept for the report's "not run" text.
///
/// `@unchecked Sendable` holds because the mutable state (`stored`, `cifarDigest`, `unavailable`)
/// is private and read or written only with `lock` or `fetchLock` held; everything else is immutable.
final class DataStore: @unchecked Sendable {
    let dataDirectory: String
    private let registry: ComponentRegistry
    private let fetcher: DataFetcher
    private let lock = NSLock()
    private let fetchLock = NSLock()
    private var stored: [DatasetSpec: DatasetSplit<Float>] = [:]
    private var unavailable: [String: String] = [:]
    private var asked: Set<String> = []

    init(dataDirectory: String, registry: ComponentRegistry, fetcher: DataFetcher = DataFetcher(offline: true)) {
        (self.dataDirectory, self.registry, self.fetcher) = (dataDirectory, registry, fetcher)
    }

    var hasMNIST: Bool { isAvailable("mnist") }
    var missingCIFARFiles: [String] {
        _ = isAvailable("cifar10")
        return CIFAR10.missingFiles(dataDirectory: dataDirectory)
    }
    private var cifarDigest: String?

    /// Whether the published dataset `name` is present, after fetching it once if it was not.
    func isAvailable(_ name: String) -> Bool {
        guard let published = registry.publishedData(of: name) ?? PublishedDataset.catalog[name] else { return false }
        fetchLock.lock()
        defer { fetchLock.unlock() }
        if !asked.contains(name) {
            asked.insert(name)
            do {
                try fetcher.ensure(published, in: dataDirectory)
            } catch {
                unavailable[name] = "\(error)"
            }
        }
        return published.isPresent(in: dataDirectory)
    }

    /// Whether `name` is a published dataset that is not here, after one fetch attempt (generated
    /// data is never missing).
    func isMissing(_ name: String) -> Bool {
        guard registry.publishedData(of: name) ?? PublishedDataset.catalog[name] != nil else { return false }
        return !isAvailable(name)
    }

    /// What joins the cache key of the runs that read `name`: CIFAR-10's digest, as it has no
    /// published checksum to verify against; nil for every other dataset.
    func identity(of name: String) -> String? {
        name == "cifar10" ? try? cifarIdentity() : nil
    }

    /// Why `name` is missing ("… is missing in data (…) and downloads are off", or the download's error).
    func whyMissing(_ name: String) -> String {
        fetchLock.lock()
        defer { fetchLock.unlock() }
        return unavailable[name] ?? "\(name) is missing in \(dataDirectory)"
    }

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
