import Foundation
import TensorCore

/// Puts a published dataset into the data folder when it is missing: each file is fetched from
/// `BACKPROP_DATA_MIRROR` first, then from the publisher's mirrors, into a `.part` file that is
/// checked against the published checksum and only then renamed into place (or unpacked, for an
/// archive). A file that fails its checksum is deleted; nothing half-written stays behind.
public struct DataFetcher: Sendable {
    /// The variable naming a mirror tried first, with files at `URL/<dataset>/<file name>`.
    public static let mirrorVariable = "BACKPROP_DATA_MIRROR"
    /// The variable that, set to 1, turns downloads off (as `--offline` does).
    public static let offlineVariable = "BACKPROP_OFFLINE"

    /// Never touch the network: a missing dataset stays missing.
    public var offline: Bool
    /// A base URL tried before the publisher's mirrors.
    public var mirror: String?
    public var transfer: FileTransfer
    /// Whether to draw a progress bar on standard error.
    public var showsProgress: Bool

    /// - Parameters:
    ///   - offline: never download.
    ///   - mirror: a base URL tried first.
    ///   - transfer: timeouts and retries.
    ///   - showsProgress: draw progress on standard error.
    public init(
        offline: Bool, mirror: String? = nil, transfer: FileTransfer = FileTransfer(), showsProgress: Bool = true
    ) {
        (self.offline, self.mirror, self.transfer, self.showsProgress) = (offline, mirror, transfer, showsProgress)
    }

    /// Offline when `offline` is set or `BACKPROP_OFFLINE` is 1; the mirror from `BACKPROP_DATA_MIRROR`.
    public static func fromEnvironment(offline: Bool = false) -> DataFetcher {
        let environment = ProcessInfo.processInfo.environment
        let mirror = environment[mirrorVariable].flatMap { $0.isEmpty ? nil : $0 }
        return DataFetcher(offline: offline || environment[offlineVariable] == "1", mirror: mirror)
    }

    /// Makes sure `dataset` is complete in `dataDirectory`, fetching what is missing; throws
    /// `DataError.offline` when it is missing and downloads are off, `DataError.downloadFailed`
    /// naming every source tried when no source gave a file with the published checksum.
    public func ensure(_ dataset: PublishedDataset, in dataDirectory: String) throws {
        let missing = dataset.missing(dataDirectory)
        guard !missing.isEmpty else { return }
        guard !offline else { throw DataError.offline(dataset: dataset.name, directory: dataDirectory, files: missing) }
        let folder = dataset.directory(in: dataDirectory)
        let existed = FileManager.default.fileExists(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        do {
            try fetchMissing(dataset, missing: missing, in: dataDirectory)
        } catch {
            let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if !existed && left.isEmpty { try? FileManager.default.removeItem(atPath: folder) }
            throw error
        }
    }

    /// Fetches (and, for an archive, unpacks) every file that provides something in `missing`.
    private func fetchMissing(_ dataset: PublishedDataset, missing: [String], in dataDirectory: String) throws {
        let folder = dataset.directory(in: dataDirectory)
        for file in dataset.files where needs(file, of: dataset, missing: missing) {
            let part = dataset.path(of: file.name, in: dataDirectory) + ".part"
            try fetch(file, of: dataset, to: part)
            switch dataset.layout {
            case .files: try moveIntoPlace(part, to: dataset.path(of: file.name, in: dataDirectory))
            case .archive(let subfolder):
                try unpack(part, into: (folder as NSString).appendingPathComponent(subfolder), wanted: missing)
            }
        }
    }

    /// Whether `file` provides something that is missing (an archive always does).
    private func needs(_ file: PublishedDataset.File, of dataset: PublishedDataset, missing: [String]) -> Bool {
        dataset.layout != .files || missing.contains { file.name == $0 || file.name == $0 + ".gz" }
    }

    /// Every source's URL for `file`, the mirror variable's first.
    func sources(of file: PublishedDataset.File, in dataset: PublishedDataset) -> [URL] {
        let bases = (mirror.map { [trimmed($0) + "/" + dataset.name] } ?? []) + dataset.mirrors.map(trimmed)
        return bases.compactMap { base in
            base.hasPrefix("/") ? URL(fileURLWithPath: base + "/" + file.name) : URL(string: base + "/" + file.name)
        }
    }

    private func trimmed(_ base: String) -> String { base.hasSuffix("/") ? String(base.dropLast()) : base }

    /// Fetches `file` into `part` from the first source that gives the published checksum.
    private func fetch(_ file: PublishedDataset.File, of dataset: PublishedDataset, to part: String) throws {
        var attempts: [String] = []
        for url in sources(of: file, in: dataset) {
            let progress = DownloadProgress(label: "\(dataset.name)/\(file.name)")
            do {
                try transfer.fetch(url, to: part) { [showsProgress] in if showsProgress { progress.update($0, of: $1) }
                }
                try file.checksum.verify(file: part)
                if showsProgress { progress.finish("\(file.checksum.algorithm) verified (\(url.absoluteString))") }
                return
            } catch {
                try? FileManager.default.removeItem(atPath: part)
                if showsProgress { progress.finish("refused: \(error)") }
                attempts.append("\(error)")
            }
        }
        throw DataError.downloadFailed(dataset: dataset.name, file: file.name, attempts: attempts)
    }

    /// Moves a verified `part` over `target` in one step.
    private func moveIntoPlace(_ part: String, to target: String) throws {
        guard rename(part, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: part)
            throw DataError.unreadable(file: target, reason: "cannot move the verified download into place (\(reason))")
        }
    }

    /// Unpacks the files the loader misses from a verified archive into `target`, each written
    /// atomically, then deletes the archive.
    private func unpack(_ part: String, into target: String, wanted: [String]) throws {
        defer { try? FileManager.default.removeItem(atPath: part) }
        let bytes = try CompressedFile.read(part)
        let names = Set(wanted.map { ($0 as NSString).lastPathComponent })
        let members = try TarArchive.members(of: bytes, file: part).filter {
            names.contains(($0.path as NSString).lastPathComponent)
        }
        let found = Set(members.map { ($0.path as NSString).lastPathComponent })
        guard found == names else {
            throw DataError.missingFiles(
                directory: part, files: names.subtracting(found).sorted(), hint: "The archive lacks them.")
        }
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for member in members {
            let path = (target as NSString).appendingPathComponent((member.path as NSString).lastPathComponent)
            try AtomicFile.write(Data(bytes[member.contents]), to: URL(fileURLWithPath: path))
        }
    }
}
