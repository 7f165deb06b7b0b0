import Foundation

/// Progress of a batch of runs on stderr: a redrawn bar with ETA on a terminal, one plain line
/// per finished run otherwise (logs and CI).
final class Progress: @unchecked Sendable {
    private let total: Double
    private let runs: Int
    private var done = 0.0
    private var finished = 0
    private let start = Date()
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0

    /// `total` is the summed cost estimate of the runs to do.
    init(total: Double, runs: Int) {
        self.total = max(total, 1)
        self.runs = runs
    }

    func runFinished(_ label: String, cost: Double, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        done += cost
        finished += 1
        let fraction = min(done / total, 1)
        let elapsed = Date().timeIntervalSince(start)
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let status = "\(finished)/\(runs) runs, \(Int(fraction * 100))%, elapsed \(Self.clock(elapsed)), ETA \(Self.clock(eta))"
        if isTerminal {
            let width = 30, filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(status)  \(label.prefix(40))".utf8))
            if finished == runs { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            FileHandle.standardError.write(Data("[\(status)] \(label) (\(String(format: "%.1f", seconds)) s)\n".utf8))
        }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
