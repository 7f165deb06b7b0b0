import XCTest

@testable import BackpropHarness

final class ReportComparisonTests: XCTestCase {
    /// A row as a report records it: its display text is junk on purpose, so only the numbers can decide.
    func check(
        _ quantity: String, _ reproduced: Double?, _ tolerance: ToleranceSpec, _ verdict: Verdict,
        quick: Verdict? = nil
    ) -> Check {
        Check(
            item: "Table 12", quantity: quantity, paper: "1.0", reproduced: "shown", delta: "", tolerance: "text",
            verdict: verdict, quickVerdict: quick,
            numbers: CheckNumbers(paper: 1, reproduced: reproduced, tolerance: tolerance))
    }

    func report(_ checks: [Check]) -> ReportChecks {
        ReportChecks(prefix: "003", title: "t", mode: .full, components: [:], checks: checks)
    }

    func testVerdictChangesComeFirstThenNumbersBeyondTheirTypedTolerance() {
        let a = report([
            check("test acc (%)", 97.37, .absolute(0.5, unit: "pp"), .pass),
            check("train loss", 0.0539, .relative(percent: 25), .fail),
            check("train acc (%)", 98.62, .absolute(0.5, unit: "pp"), .pass),
            check("order", nil, .order, .pass),
            check("quick gate", 0.9, .atLeast(0.9), .soft, quick: .pass),
            check("ratio", 2, .ratio(4), .pass),
            check("exact", 3, .exact, .pass),
        ])
        let b = report([
            check("test acc (%)", 96.10, .absolute(0.5, unit: "pp"), .fail),
            check("train loss", 0.0900, .relative(percent: 25), .fail),
            check("train acc (%)", 98.70, .absolute(0.5, unit: "pp"), .pass),
            check("order", nil, .order, .pass),
            check("quick gate", 0.5, .atLeast(0.9), .soft, quick: .fail),
            check("ratio", 8.5, .ratio(4), .pass),
            check("exact", 3.5, .exact, .pass),
        ])
        let comparison = ReportComparison([a], [b])
        XCTAssertEqual(comparison.compared, 7)
        XCTAssertEqual(comparison.verdictChanges.map(\.check.quantity), ["test acc (%)", "quick gate"])
        XCTAssertEqual(
            comparison.movedNumbers.map(\.row.check.quantity), ["train loss", "ratio", "exact"],
            "0.0539 → 0.0900 is beyond ±25 %, 2 → 8.5 beyond 2·(4 − 1), 3 → 3.5 beyond exact; 98.62 → 98.70 is within ±0.5 pp"
        )
        XCTAssertEqual(comparison.movedNumbers[0].difference, 0.0361, accuracy: 1e-12)
        XCTAssertEqual(comparison.movedNumbers[0].allowed, 0.0539 * 0.25, accuracy: 1e-12)
        XCTAssertEqual(comparison.movedNumbers[1].allowed, 6)
        XCTAssertEqual(comparison.movedNumbers[2].allowed, 0)
    }

    func testRowsWithoutNumbersAreComparedByVerdictOnly() {
        var old = check("x", 1, .exact, .pass)
        old.numbers = nil
        old.reproduced = "1"
        var new = old
        new.reproduced = "2"
        let comparison = ReportComparison([report([old])], [report([new])])
        XCTAssertTrue(comparison.movedNumbers.isEmpty, "text is never read back")
        XCTAssertTrue(comparison.verdictChanges.isEmpty)
        let lost = ReportComparison(
            [report([check("y", 1, .absolute(1), .pass)])], [report([check("y", nil, .absolute(1), .pass)])])
        XCTAssertEqual(lost.movedNumbers.first?.difference, .infinity, "a number that disappears is listed")
    }

    func testRowsAndReportsOnOneSideOnly() {
        let a = report([check("x", 1, .exact, .pass), check("y", 1, .exact, .pass)])
        var b = report([check("x", 1, .exact, .pass), check("z", 1, .exact, .pass)])
        b.prefix = "003"
        var other = b
        other.prefix = "004"
        let comparison = ReportComparison([a], [b, other])
        XCTAssertEqual(comparison.onlyInFirst, ["003 Table 12 | y"])
        XCTAssertEqual(comparison.onlyInSecond, ["003 Table 12 | z", "004 (whole report)"])
        XCTAssertTrue(comparison.verdictChanges.isEmpty)
    }
}
