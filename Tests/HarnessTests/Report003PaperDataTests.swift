@testable import BackpropHarness
import XCTest

/// Report 003's printed numbers as labelled records (issue 14): spot values against the paper's
/// tables, and the rows line up with the runs the full mode makes.
final class Report003PaperDataTests: XCTestCase {
    func testTable11RowsBelongToTheirModels() throws {
        let models = Report003.models
        XCTAssertEqual(models.filter(\.inPaper).count, 10, "ten rows in the paper plus the spec's extra row")
        let first = try XCTUnwrap(models.first { $0.name == "0-layer + MSE" }?.paper)
        XCTAssertEqual(first.seconds, 168)
        XCTAssertEqual(first.results.testAccuracy, 91.09)
        let last = try XCTUnwrap(models.first { $0.name == "2-layer + Relu + SCE" }?.paper)
        XCTAssertEqual([last.results.trainLoss, last.results.trainAccuracy, last.results.testLoss, last.results.testAccuracy], [0.0174, 99.72, 0.0541, 98.34])
        XCTAssertEqual(models.compactMap(\.trainLossErratum), ["E003-5", "E003-6"])
        XCTAssertEqual(models.first { $0.name.contains("std 0.1") }?.accuracyBand, 1.5)
    }

    func testSweepRowsCoverTheFullModeValues() {
        XCTAssertEqual(Report003.paper12.map(\.value), [1.0, 0.1, 0.01, 0.001, 0.0001, 0.00001])
        XCTAssertEqual(Report003.paper13.count, 11)
        XCTAssertTrue(Report003.paper13.last!.results.trainLoss.isNaN, "momentum 1.0 diverged in the paper")
        XCTAssertEqual(Report003.paper14.map(\.value), [10, 20, 30, 40, 50, 60, 100, 200, 300, 400])
        // The baseline row (lr 0.01, m 0.9, B 100) is the same run in every table, and the paper prints it the same way.
        let baseline = [Report003.paper12[2].results, Report003.paper13[9].results].map { [$0.trainLoss, $0.testLoss] }
        XCTAssertEqual(baseline[0], baseline[1])
        XCTAssertEqual(Report003.paper14[6].results.trainLoss, Report003.paper12[2].results.trainLoss)
        XCTAssertEqual(Report003.Sweep.batchSize.plural, "Batch Sizes")
    }
}
