import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// Issue 14: Reports/README.md re-parsed each report's Markdown for its counts; it now reads the
/// summary.json every report writes.
final class ReportSummaryTests: XCTestCase {
    func testTheIndexListsReportsFromTheirSummaries() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("summaries-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }
        let summary = ReportSummary(
            prefix: "003", verdicts: [.pass: 101, .fail: 13, .soft: 11, .notComparable: 2], trainingSeconds: 2909.7)
        try summary.write(to: out)
        XCTAssertEqual(ReportSummary.read(prefix: "003", from: out), summary)
        XCTAssertEqual(summary.verdictCounts[.notComparable], 2)

        let options = try ReproductionOptions.parse(["--full", "--out", out.path])
        try ReportRendering(options: options, context: options.context(registry: .standard)).render([], runSeconds: 0)
        let index = try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(
            index.contains("| [003](003/README.md) | \(Report003.builtIn.title) | 101 | 13 | 11 | 2 | 0 | 2910 |"),
            index)
        XCTAssertFalse(index.contains("[001]"), "a report without a summary is not listed")
    }
}
