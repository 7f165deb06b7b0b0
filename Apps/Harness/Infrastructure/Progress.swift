import Foundation

/// Progress of a batch of runs on stderr: a redrawn bar with the overall ETA and the ETA of the run
/// in progress on a terminal; one plain line per finished run (and per quarter of a long run) otherwise.
final class Progress: @unchecked Sendable {
    private let total: Double
    private let runs: Int
    private var done = 0.0
    private var finished = 0
    private let start = Date()
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastDraw = Date.distantPast
    private var reportedQuarters: [String: Int] = [:]

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
        let status =
            "\(finished)/\(runs) runs, \(Int(fraction * 100))%, elapsed \(Self.clock(elapsed)), ETA \(Self.clock(eta))"
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(status)  \(label.prefix(40))".utf8))
            if finished == runs { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            FileHandle.standardError.write(Data("[\(status)] \(label) (\(String(format: "%.1f", seconds)) s)\n".utf8))
        }
    }

    /// A run reports how far it is (0…1) and when it started: redraws at most twice a second.
    func runAdvanced(_ label: String, fraction: Double, started: Date) {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(started)
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        if isTerminal {
            guard Date().timeIntervalSince(lastDraw) > 0.5 else { return }
            lastDraw = Date()
            let overall = min(done / total, 1)
            let text =
                "\(finished)/\(runs) runs, \(Int(overall * 100))% overall | \(label.prefix(40)): \(Int(fraction * 100))%, ETA \(Self.clock(eta))"
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
        } else if elapsed > 30 {
            let quarter = Int(fraction * 4)
            guard quarter > reportedQuarters[label, default: 0], quarter < 4 else { return }
            reportedQuarters[label] = quarter
            FileHandle.standardError.write(
                Data("  \(label): \(quarter * 25)% after \(Self.clock(elapsed)), ETA \(Self.clock(eta))\n".utf8))
        }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600
            ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
