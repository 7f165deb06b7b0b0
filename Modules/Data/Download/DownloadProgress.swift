import Foundation

/// A one-line progress bar on standard error for one file: bytes so far, the total, speed and
/// time left. On a terminal it redraws in place a few times a second; elsewhere (logs, CI) it
/// writes a line at each quarter of the file.
///
/// `@unchecked Sendable` holds because its state is read and written only with `lock` held.
public final class DownloadProgress: @unchecked Sendable {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let started = Date()
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var lastQuarter = -1

    /// - Parameter label: what is being fetched ("mnist/train-images-idx3-ubyte.gz").
    public init(label: String) { self.label = label }

    /// Shows `bytes` of `total` (when known).
    public func update(_ bytes: Int64, of total: Int64?) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if isTerminal {
            guard now.timeIntervalSince(lastDrawn) >= 0.2 || bytes == total else { return }
            lastDrawn = now
            write("\r\u{1B}[K" + line(bytes, total, now: now))
        } else if let total, total > 0 {
            let quarter = Int(bytes * 4 / total)
            guard quarter > lastQuarter else { return }
            lastQuarter = quarter
            write(line(bytes, total, now: now) + "\n")
        }
    }

    /// Ends the line with what happened ("verified", or why the file was refused).
    public func finish(_ outcome: String) {
        lock.lock()
        defer { lock.unlock() }
        write((isTerminal ? "\r\u{1B}[K" : "") + "\(label): \(outcome)\n")
    }

    private func line(_ bytes: Int64, _ total: Int64?, now: Date) -> String {
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(bytes) / seconds
        var text = "\(label): \(Self.size(bytes))"
        if let total, total > 0 {
            let percent = Int(bytes * 100 / total)
            let bar = String(repeating: "#", count: percent / 5).padding(toLength: 20, withPad: ".", startingAt: 0)
            let left = rate > 0 ? Double(total - bytes) / rate : 0
            text =
                "\(label): [\(bar)] \(percent)% \(Self.size(bytes)) of \(Self.size(total)), ETA \(Int(left.rounded())) s"
        }
        return text + String(format: ", %.1f MB/s", rate / 1_000_000)
    }

    /// "9.7 MB", or "28.9 kB" below a megabyte.
    private static func size(_ bytes: Int64) -> String {
        bytes < 1_000_000
            ? String(format: "%.1f kB", Double(bytes) / 1000) : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
