import ArgumentParser
import Foundation

/// `reproduce compare A B`: where two report folders differ, verdict changes first, then numbers
/// that moved beyond their row's tolerance. Exits 1 when a verdict changed (as `diff` does).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Prints, item by item, where two report folders differ: verdict changes, then numbers beyond their tolerance.",
        discussion:
            "In quick mode every verdict is soft; compare uses the verdict each gate would have given (shown as \"quick: pass\"). Exits 1 when a verdict changed."
    )

    @Argument(help: "The reference report folder (e.g. Reports/quick, run with the built-ins).")
    var first: String

    @Argument(help: "The report folder to compare with it (e.g. a run with your own components).")
    var second: String

    func run() throws {
        let (a, b) = (try Self.load(first), try Self.load(second))
        let comparison = ReportComparison(a, b)
        print("A: \(first) (\(Self.describe(a)))")
        print("B: \(second) (\(Self.describe(b)))")
        if Set(a.map(\.mode)) != Set(b.map(\.mode)) {
            print("warning: A and B were run in different modes; their numbers are not comparable")
        }
        print("\nverdict changes (\(comparison.verdictChanges.count)):")
        for row in comparison.verdictChanges {
            print(
                "  \(row.label): \(row.check.effectiveVerdict.rawValue) → \(row.other.effectiveVerdict.rawValue)"
                    + "  (paper \(row.check.paper); A \(row.check.reproduced); B \(row.other.reproduced); tolerance \(Self.bare(row.check.tolerance)))"
            )
        }
        print("\nnumbers beyond their tolerance, same verdict (\(comparison.movedNumbers.count)):")
        for (row, difference, allowed) in comparison.movedNumbers {
            print(
                "  \(row.label): A \(row.check.reproduced) vs B \(row.other.reproduced)"
                    + "  (|Δ| \(Self.format(difference)) > \(Self.format(allowed)) from \(Self.bare(row.check.tolerance)))"
            )
        }
        for missing in comparison.onlyInFirst { print("only in A: \(missing)") }
        for missing in comparison.onlyInSecond { print("only in B: \(missing)") }
        print(
            "\n\(comparison.compared) rows compared: \(comparison.verdictChanges.count) verdict changes, "
                + "\(comparison.movedNumbers.count) numbers beyond tolerance, "
                + "\(comparison.compared - comparison.verdictChanges.count - comparison.movedNumbers.count) the same within tolerance"
        )
        if !comparison.verdictChanges.isEmpty { throw ExitCode(1) }
    }

    /// Every report's checks in `folder` (its subfolders with a checks.json), by prefix.
    static func load(_ folder: String) throws -> [ReportChecks] {
        let url = URL(fileURLWithPath: folder)
        let entries = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []
        let reports = try entries.filter {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent(ReportChecks.fileName).path)
        }
        .map(ReportChecks.load).sorted { $0.prefix < $1.prefix }
        guard !reports.isEmpty else {
            throw ValidationError(
                "\(folder) holds no report folders with \(ReportChecks.fileName); give the --out folder of a `reproduce run`"
            )
        }
        return reports
    }

    static func describe(_ reports: [ReportChecks]) -> String {
        let modes = Set(reports.map(\.mode.rawValue)).sorted().joined(separator: "/")
        var components: [String: String] = [:]
        for report in reports { components.merge(report.components) { first, _ in first } }
        let swapped = components.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
        return
            "\(modes) mode, reports \(reports.map(\.prefix).joined(separator: " ")), components: \(swapped.isEmpty ? "built-in" : swapped)"
    }

    /// A tolerance without its quick-mode note.
    static func bare(_ tolerance: String) -> String {
        tolerance.range(of: " (quick:").map { String(tolerance[..<$0.lowerBound]) } ?? tolerance
    }

    static func format(_ value: Double) -> String { value.isFinite ? String(format: "%.4g", value) : "—" }
}
