import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Copies one URL (http, https or file) into a local file, resuming a transfer that stopped
/// part-way with an HTTP range request, and reporting bytes as they arrive.
public struct FileTransfer: Sendable {
    /// How long a connection may stay silent (connecting included) before the transfer fails.
    public var idleTimeout: TimeInterval
    /// Transfers that stop part-way are continued this many more times.
    public var retries: Int

    /// - Parameters:
    ///   - idleTimeout: seconds without a byte before giving up on a source.
    ///   - retries: how often a transfer cut short is continued.
    public init(idleTimeout: TimeInterval = 10, retries: Int = 2) {
        (self.idleTimeout, self.retries) = (idleTimeout, retries)
    }

    /// Fetches `url` into `destination` (replacing it); `progress` gets (bytes so far, total when known).
    public func fetch(
        _ url: URL, to destination: String, progress: @escaping @Sendable (Int64, Int64?) -> Void = { _, _ in }
    ) throws {
        if url.isFileURL {
            try? FileManager.default.removeItem(atPath: destination)
            do {
                try FileManager.default.copyItem(atPath: url.path, toPath: destination)
            } catch {
                throw TransferError(url: url, reason: "cannot copy (\(error.localizedDescription))")
            }
            return
        }
        guard FileManager.default.createFile(atPath: destination, contents: nil) else {
            throw DataError.unreadable(file: destination, reason: "cannot create")
        }
        var lastError: TransferError?
        for _ in 0...retries {
            do {
                try attempt(url, into: destination, progress: progress)
                return
            } catch let error as TransferError where error.canResume {
                lastError = error
            }
        }
        throw lastError!
    }

    /// One request, continuing from the bytes `destination` already holds.
    private func attempt(
        _ url: URL, into destination: String, progress: @escaping @Sendable (Int64, Int64?) -> Void
    ) throws {
        guard let handle = FileHandle(forWritingAtPath: destination) else {
            throw DataError.unreadable(file: destination, reason: "cannot open for writing")
        }
        defer { try? handle.close() }
        let offset = Int64(try handle.seekToEnd())
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: idleTimeout)
        if offset > 0 { request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
        let receiver = TransferReceiver(handle: handle, offset: offset, progress: progress)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        let session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        receiver.finished.wait()
        try receiver.outcome(url: url)
    }
}

/// Why a transfer from one source failed, and whether continuing it could help.
public struct TransferError: Error, CustomStringConvertible {
    public let url: URL
    public let reason: String
    /// A transfer that stopped part-way (as opposed to a refused request) may be continued.
    public var canResume = false

    public var description: String { "\(url.absoluteString): \(reason)" }
}
