import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Receives one HTTP response into a file for `FileTransfer`: appends after a 206 (the range
/// asked for), starts the file over after a 200, and refuses any other status.
///
/// `@unchecked Sendable` holds because URLSession calls the delegate methods one at a time on its
/// own queue, and `outcome` reads the state only after `finished` was signalled by the last call.
final class TransferReceiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let finished = DispatchSemaphore(value: 0)
    private let handle: FileHandle
    private let progress: @Sendable (Int64, Int64?) -> Void
    private var received: Int64
    private var total: Int64?
    private var status = 0
    private var failure: Error?
    private var writeFailure: Error?

    init(handle: FileHandle, offset: Int64, progress: @escaping @Sendable (Int64, Int64?) -> Void) {
        (self.handle, self.received, self.progress) = (handle, offset, progress)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let length = response.expectedContentLength
        switch status {
        case 206:
            total = length >= 0 ? received + length : nil
        case 200:
            do {
                try handle.truncate(atOffset: 0)
            } catch {
                writeFailure = error
            }
            (received, total) = (0, length >= 0 ? length : nil)
        default:
            completionHandler(.cancel)
            return
        }
        completionHandler(writeFailure == nil ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard writeFailure == nil else { return }
        do {
            try handle.write(contentsOf: data)
        } catch {
            writeFailure = error
            dataTask.cancel()
            return
        }
        received += Int64(data.count)
        progress(received, total)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        failure = error
        finished.signal()
    }

    /// Throws unless the whole body arrived with a 200 or 206.
    func outcome(url: URL) throws {
        if let writeFailure { throw TransferError(url: url, reason: "cannot write (\(writeFailure))") }
        guard status == 200 || status == 206 else {
            let reason = status == 0 ? (failure?.localizedDescription ?? "no response") : "HTTP status \(status)"
            throw TransferError(url: url, reason: reason)
        }
        if let failure {
            throw TransferError(
                url: url, reason: "stopped after \(received) bytes (\(failure.localizedDescription))", canResume: true)
        }
        if let total, received != total {
            throw TransferError(url: url, reason: "stopped after \(received) of \(total) bytes", canResume: true)
        }
    }
}
