import XCTest

@testable import BackpropHarness

final class ReportComparisonTests: XCTestCase {
    func check(_ quantity: String, _ reproduced: String, tolerance: String, _ verdict: Verdict, quick: Verdict? = nil)
        -> Check
    {
        Check(
            item: "Table 12", quantity: quantity, paper: "1.0", reproduced: reproduced, delta: "", tolerance: tolerance,
            verdict: verdict, quickVerdict: quick)
    }

    func report(_ checks: [Check]) -> ReportChecks {
        ReportChecks(prefix: "003", title: "t", mode: .full, components: [:], checks: checks)
    }

    func testVerdictChangesComeFirstThenNumbersBeyondTheirTolerance() {
        let a = report([
            check("test acc (%)", "97.37", tolerance: "±0.5 pp", .pass),
            check("train loss", "0.0539", tolerance: "±25 %", .fail),
            check("train acc (%)", "98.62", tolerance: "±0.5 pp", .pass),
            check("order", "a < b", tolerance: "ORDER", .pass),
            check("quick gate", "0.9", tolerance: "≥ 0.9 (quick: pass)", .soft, quick: .pass),
        ])
        let b = report([
            check("test acc (%)", "96.10", tolerance: "±0.5 pp", .fail),
            check("train loss", "0.0900", tolerance: "±25 %", .fail),
            check("train acc (%)", "98.70", tolerance: "±0.5 pp", .pass),
            check("order", "b < a", tolerance: "ORDER", .pass),
            check("quick gate", "0.5", tolerance: "≥ 0.9 (quick: fail)", .soft, quick: .fail),
        ])
        let comparison = ReportComparison([a], [b])
        XCTAssertEqual(comparison.compared, 5)
        XCTAssertEqual(comparison.verdictChanges.map(\.check.quantity), ["test acc (%)", "quick gate"])
        XCTAssertEqual(
            comparison.movedNumbers.map(\.row.check.quantity), ["train loss"],
            "0.0539 → 0.0900 is beyond ±25 %; 98.62 → 98.70 is within ±0.5 pp")
        XCTAssertEqual(comparison.movedNumbers[0].difference, 0.0361, accuracy: 1e-12)
        XCTAssertEqual(comparison.movedNumbers[0].allowed, 0.0539 * 0.25, accuracy: 1e-12)
    }

    func testToleranceTexts() {
        XCTAssertEqual(ReportComparison.tolerance("±0.5 pp (quick: pass)", reference: 90), 0.5)
        XCTAssertEqual(ReportComparison.tolerance("±25 %", reference: 2), 0.5)
        XCTAssertEqual(ReportComparison.tolerance("within 5 %", reference: 10), 0.5)
        XCTAssertEqual(ReportComparison.tolerance("0.558 ± 0.01", reference: 0.5), 0.01)
        XCTAssertEqual(ReportComparison.tolerance("EXACT", reference: 3), 0)
        XCTAssertNil(ReportComparison.tolerance("SHAPE", reference: 3))
        XCTAssertEqual(ReportComparison.firstNumber("97.37 ± 0.12"), 97.37)
        XCTAssertEqual(ReportComparison.firstNumber("lr 1e-3 → 0.5"), 1e-3)
        XCTAssertTrue(ReportComparison.firstNumber("nan")!.isNaN)
    }

    func testRowsAndReportsOnOneSideOnly() {
        let a = report([check("x", "1", tolerance: "EXACT", .pass), check("y", "1", tolerance: "EXACT", .pass)])
        var b = report([check("x", "1", tolerance: "EXACT", .pass), check("z", "1", tolerance: "EXACT", .pass)])
        b.prefix = "003"
        var other = b
        other.prefix = "004"
        let comparison = ReportComparison([a], [b, other])
        XCTAssertEqual(comparison.onlyInFirst, ["003 Table 12 | y"])
        XCTAssertEqual(comparison.onlyInSecond, ["003 Table 12 | z", "004 (whole report)"])
        XCTAssertTrue(comparison.verdictChanges.isEmpty)
    }
}
