import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for download tests: it serves files from memory or from a
/// folder, honours `Range: bytes=N-`, and can cut a response short to imitate a dropped transfer.
///
/// `@unchecked Sendable` holds because its mutable state is read and written only with `lock` held.
public final class LoopbackServer: @unchecked Sendable {
    /// What one path answers.
    public enum Response: Sendable {
        /// The bytes, whole (or the range asked for).
        case bytes([UInt8])
        /// The first `times` responses announce every byte but close after `after` of them.
        case cutShort([UInt8], after: Int, times: Int)
    }

    /// The port it listens on.
    public private(set) var port: UInt16 = 0
    /// The base URL, `http://127.0.0.1:<port>`.
    public var url: String { "http://127.0.0.1:\(port)" }
    private let socketDescriptor: Int32
    private let lock = NSLock()
    private var routes: [String: Response] = [:]
    private var folder: String?
    private var served: [String] = []
    private var cutsLeft: [String: Int] = [:]

    /// Starts listening on a free port. `folder`, when given, serves its files for paths without a route.
    public init(folder: String? = nil) throws {
        self.folder = folder
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketDescriptor, generic, length) == 0 && listen(socketDescriptor, 16) == 0
                    && getsockname(socketDescriptor, generic, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { close(socketDescriptor) }

    /// Makes `path` ("/mnist/x.gz") answer `response`.
    public func route(_ path: String, _ response: Response) {
        lock.lock()
        defer { lock.unlock() }
        routes[path] = response
        if case .cutShort(_, _, let times) = response { cutsLeft[path] = times }
    }

    /// Every request so far, as "GET /path" plus " range N-" when one was asked for.
    public var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return served
    }

    /// Stops accepting connections.
    public func stop() { shutdown(socketDescriptor, Int32(SHUT_RDWR)) }

    private func acceptLoop() {
        while true {
            let client = accept(socketDescriptor, nil, nil)
            guard client >= 0 else { return }
            Thread { [self] in
                answer(client)
                close(client)
            }.start()
        }
    }

    private func answer(_ client: Int32) {
        var request = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !request.suffix(4).elementsEqual([13, 10, 13, 10]) {
            let count = read(client, &chunk, chunk.count)
            guard count > 0 else { return }
            request += chunk[0..<count]
        }
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        let path = lines[0].split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let start = lines.first { $0.lowercased().hasPrefix("range: bytes=") }
            .flatMap { Int($0.dropFirst("range: bytes=".count).split(separator: "-").first ?? "") }
        let (body, cutAfter) = lookUp(path, range: start)
        guard let body else { return send(client, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", []) }
        let offset = min(start ?? 0, body.count)
        let status = start == nil ? "200 OK" : "206 Partial Content"
        let header = "HTTP/1.1 \(status)\r\nContent-Length: \(body.count - offset)\r\nConnection: close\r\n\r\n"
        let payload = Array(body[offset...])
        send(client, header, cutAfter.map { Array(payload.prefix($0)) } ?? payload)
    }

    private func lookUp(_ path: String, range: Int?) -> (body: [UInt8]?, cutAfter: Int?) {
        lock.lock()
        defer { lock.unlock() }
        served.append("GET \(path)" + (range.map { " range \($0)-" } ?? ""))
        switch routes[path] {
        case .bytes(let bytes): return (bytes, nil)
        case .cutShort(let bytes, let after, _):
            guard let left = cutsLeft[path], left > 0 else { return (bytes, nil) }
            cutsLeft[path] = left - 1
            return (bytes, after)
        case nil:
            guard let folder, let data = FileManager.default.contents(atPath: folder + path) else { return (nil, nil) }
            return (Array(data), nil)
        }
    }

    private func send(_ client: Int32, _ header: String, _ body: [UInt8]) {
        let bytes = Array(header.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            sent += count
        }
    }
}
