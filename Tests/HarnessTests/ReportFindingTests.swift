import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// Every fail and n/c check links to the finding that explains it (issue 14): in a rendered
/// document, and in the committed full reproduction.
final class ReportFindingTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    func document() -> ReportDocument {
        let registry = ComponentRegistry.standard
        let context = ReproductionContext(
            mode: .full, seed: 2024, trials: nil, data: DataStore(dataDirectory: "no-data-here", registry: registry),
            registry: registry)
        return ReportDocument(prefix: "999", title: "test", context: context)
    }

    func testFailAndNotComparableChecksLinkToTheirFindingAndUncoveredOnesSaySo() throws {
        let document = document()
        document.gate("Table 1", "covered", paper: "1", expected: 1, measured: 2, tolerance: .exact, finding: "why")
        document.gate("Table 1", "passing", paper: "1", expected: 1, measured: 1, tolerance: .exact, finding: "why")
        document.note(
            "Table 1", "flagged", paper: "1", reproduced: "3", tolerance: ToleranceSpec(kind: .notComparable))
        document.addTable(number: "1", title: "numbers", caption: "caption", markdown: "| a |\n|---|\n| 1 |")
        document.addFinding(
            Finding(
                id: "why", title: "a reason",
                tests: [Finding.Test(hypothesis: "h", experiment: "e", numbers: "| n |\n|---|\n| 0.5 |", outcome: "o")],
                conclusion: .explained("because")))
        XCTAssertEqual(document.checksWithoutFinding.map(\.quantity), ["flagged"])

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        try document.write(to: folder, settings: "", components: [:])
        let readme = try String(contentsOf: folder.appendingPathComponent("999/README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("| covered | 1 | 2 |  | EXACT | fail ([finding 1](#finding-1)) |"), readme)
        XCTAssertTrue(readme.contains("| passing | 1 | 1 |  | EXACT | pass |"), "a passing check links nowhere")
        XCTAssertTrue(readme.contains("| flagged | 1 | 3 |  | N/C | n/c (no finding) |"))
        XCTAssertTrue(readme.contains("<a id=\"finding-1\"></a>\n### Finding 1: a reason"))
        XCTAssertTrue(
            readme.contains("Covers: Table 1 “covered” (fail)."),
            "the finding lists the failing checks it covers, not the passing one")
        XCTAssertTrue(readme.contains("**Conclusion: explained.** because"))
        let tableFile = try String(contentsOf: folder.appendingPathComponent("999/table-1.md"), encoding: .utf8)
        XCTAssertTrue(
            tableFile.contains("fail ([finding 1](README.md#finding-1))"), "a table file links into the README")
        XCTAssertLessThan(
            try XCTUnwrap(readme.range(of: "## Table 1")).lowerBound,
            try XCTUnwrap(readme.range(of: "## Findings")).lowerBound)
    }

    func testACheckWithoutASectionOfItsOwnIsStillShown() throws {
        let document = document()
        document.note("Text-9", "loose", paper: "1", reproduced: "2", tolerance: .soft())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        try document.write(to: folder, settings: "", components: [:])
        let readme = try String(contentsOf: folder.appendingPathComponent("999/README.md"), encoding: .utf8)
        XCTAssertTrue(
            readme.contains("### Other checks\n\n| check | paper | reproduced | Δ | tolerance | verdict |"), readme)
        XCTAssertTrue(readme.contains("| loose | 1 | 2 |  | SOFT | soft |"))
    }

    /// The committed full run: no fail or n/c row without its finding, and every linked finding exists.
    func testEveryFailAndNotComparableRowOfTheCommittedReportsHasAFinding() throws {
        var rows = 0
        for prefix in ["000", "001", "002", "003", "004"] {
            let readme = try String(
                contentsOf: root.appendingPathComponent("Reports/\(prefix)/README.md"), encoding: .utf8)
            for line in readme.split(separator: "\n") where line.hasPrefix("| ") {
                let verdict = line.split(separator: "|").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard verdict.hasPrefix("fail") || verdict.hasPrefix("n/c") else { continue }
                rows += 1
                let link = try XCTUnwrap(verdict.range(of: "#finding-"), "\(prefix): \(line)")
                let number = verdict[link.upperBound...].prefix { $0.isNumber }
                XCTAssertTrue(
                    readme.contains("<a id=\"finding-\(number)\"></a>"), "\(prefix): finding \(number) is written")
            }
        }
        XCTAssertGreaterThan(rows, 0, "the committed reports have fail and n/c rows to explain")
    }
}
