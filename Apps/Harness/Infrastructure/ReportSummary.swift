import Backprop
import Foundation

/// What the index (Reports/README.md) lists for a report, written beside it as summary.json, so
/// an index made later (after another report was rerun) reads data instead of parsing Markdown.
struct ReportSummary: Codable, Equatable {
    static let fileName = "summary.json"

    var prefix: String
    /// Verdict (its raw value: "pass", "n/c", …) → how many checks have it.
    var verdicts: [String: Int]
    var trainingSeconds: Double

    init(prefix: String, verdicts: [Verdict: Int], trainingSeconds: Double) {
        self.prefix = prefix
        self.verdicts = Dictionary(uniqueKeysWithValues: verdicts.map { ($0.key.rawValue, $0.value) })
        self.trainingSeconds = trainingSeconds
    }

    var verdictCounts: [Verdict: Int] {
        Dictionary(
            uniqueKeysWithValues: verdicts.compactMap { key, count in Verdict(rawValue: key).map { ($0, count) } })
    }

    func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(
            try encoder.encode(self), to: folder.appendingPathComponent(prefix).appendingPathComponent(Self.fileName))
    }

    static func read(prefix: String, from folder: URL) -> ReportSummary? {
        let url = folder.appendingPathComponent(prefix).appendingPathComponent(fileName)
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(ReportSummary.self, from: $0) }
    }
}
