import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// The seed claims that became checks (issue 23 item 5): report 002 Table 1's orderings and
/// report 004 Figs. 5–7, each judged on numbers given here.
final class SeedClaimCheckTests: XCTestCase {
    let context = ReproductionContext(
        mode: .full, seed: 2024, trials: nil, data: DataStore(dataDirectory: "no-data-here", registry: .standard),
        registry: .standard)

    func document() -> ReportDocument { ReportDocument(prefix: "999", title: "test", context: context) }

    /// What the hook of a built-in report's item reads and writes, with `document`.
    func input(_ report: SpecReport, _ item: String, _ document: ReportDocument) -> ReportHookInput {
        ReportHookInput(
            report: report, context: context, document: document, runs: [:], result: { _ in nil },
            item: report.spec.items.first { $0.id == item })
    }

    func table1(_ document: ReportDocument) -> ReportHookInput { input(Report002.builtIn, "Table 1", document) }

    /// Report 004's hooks over its built-in spec.
    var report004: Report004 { Report004(report: Report004.builtIn, context: context) }

    /// Table 1's printed accuracies (%), by the spec's paper rows.
    let printed: [String: Double] = [
        "lr 0.0001 momentum 0.9 epochs 2": 27, "lr 0.0001 momentum 0.9 epochs 10": 58,
        "lr 0.001 momentum 0.9 epochs 2": 52, "lr 0.01 momentum 0.9 epochs 2": 24, "lr 0.001 momentum 0.7 epochs 2": 31,
        "lr 0.001 momentum 0.5 epochs 0.5": 29, "lr 0.001 momentum 0.9 epochs 5": 60,
        "lr 0.001 momentum 0.9 epochs 10": 61,
    ]

    func testTable1OrderingsPassOnThePapersNumbersAndFailWhenOneIsSwapped() throws {
        let paper = document()
        try Report002.cifarOrderings(table1(paper), accuracy: printed)
        XCTAssertEqual(paper.checks.map(\.verdict), [.pass, .pass, .pass])
        XCTAssertEqual(paper.checks[1].reproduced, "2 epochs 52, 5 epochs 60, 10 epochs 61")
        XCTAssertEqual(paper.checks[1].numbers?.tolerance.kind, .ordering)

        var swapped = printed
        swapped["lr 0.001 momentum 0.9 epochs 10"] = 59.5
        swapped["lr 0.001 momentum 0.7 epochs 2"] = 52.5
        let worse = document()
        try Report002.cifarOrderings(table1(worse), accuracy: swapped)
        XCTAssertEqual(worse.checks.map(\.verdict), [.pass, .fail, .fail])

        let missing = document()
        try Report002.cifarOrderings(table1(missing), accuracy: nil)
        XCTAssertEqual(missing.checks.map(\.verdict), [.notRun, .notRun, .notRun])
        XCTAssertTrue(missing.checks[0].tolerance.contains("not run: CIFAR-10 is missing"))
    }

    func record(_ epoch: Int, train: Double, validation: Double) -> EpochRecord {
        EpochRecord(
            epoch: epoch, trainLoss: 0.5, trainLossTotal: 0.5, trainAccuracy: train, testLoss: 0.4,
            testAccuracy: validation, learningRate: 0.001, seconds: 0)
    }

    func testFigure5FindsTheEpochWhereTrainingAccuracyOvertakesValidation() throws {
        let document = document()
        try report004.crossoverNote(
            input(Report004.builtIn, "Fig. 5", document),
            [
                record(1, train: 0.80, validation: 0.85), record(2, train: 0.87, validation: 0.87),
                record(3, train: 0.90, validation: 0.89),
            ])
        XCTAssertEqual(document.checks.first?.reproduced, "epoch 3", "equal is not overtaking")
        XCTAssertEqual(document.checks.first?.numbers?.reproduced, 3)
        XCTAssertEqual(document.checks.first?.verdict, .soft)
    }

    func sweep(_ setting: String, lossBand: Double, accuracyBand: Double) -> Report004.SweepFinal {
        Report004.SweepFinal(setting: setting, lossBand: lossBand, accuracyBand: accuracyBand)
    }

    func testFigures6And7NameTheNarrowestAndWidestBandsAndCompareTheBatchSizesBands() throws {
        let rates = document()
        try report004.bandNotes(
            input(Report004.builtIn, "Fig. 6", rates),
            [
                sweep("lr 0.001", lossBand: 0.03, accuracyBand: 0), sweep("lr 0.0001", lossBand: 0.01, accuracyBand: 0),
                sweep("lr 1e-06", lossBand: 0.09, accuracyBand: 0),
            ])
        XCTAssertEqual(rates.checks.map(\.numbers?.reproduced), [0.01, 0.09])
        XCTAssertTrue(rates.checks[0].reproduced.hasPrefix("lr 0.0001 ("), rates.checks[0].reproduced)
        XCTAssertEqual(rates.checks[1].reproduced, "lr 1e-06")

        let batches = document()
        try report004.batchNotes(
            input(Report004.builtIn, "Fig. 7", batches),
            [
                sweep("B = 100", lossBand: 0, accuracyBand: 0.004), sweep("B = 250", lossBand: 0, accuracyBand: 0.003),
                sweep("B = 500", lossBand: 0, accuracyBand: 0.002), sweep("B = 1000", lossBand: 0, accuracyBand: 0.001),
            ])
        XCTAssertEqual(batches.checks.map(\.reproduced), ["yes: 0.0040 vs 0.0030, 0.0020"])
        XCTAssertTrue(batches.checks.allSatisfy { $0.verdict == .soft })
    }

    /// Report 004's Fig. 7 claims the spec states as picks: the lowest training accuracy, the
    /// lowest loss and the best validation accuracy each name their batch size.
    func testFigure7PicksTheBatchSizeWithTheLowestLossAndTheBestValidationAccuracy() throws {
        let report = Report004.builtIn
        let run = { (loss: Double, train: Double, validation: Double) -> RunResult? in
            var history = TrainingHistory()
            history.epochs = [
                EpochRecord(
                    epoch: 1, trainLoss: loss, trainLossTotal: loss, trainAccuracy: train, testLoss: 0.4,
                    testAccuracy: validation, learningRate: 0.001, seconds: 0)
            ]
            return RunResult(history: history, seconds: 1)
        }
        let rendering = SpecRendering(
            report: report,
            runs: [
                "B 100": [run(0.18, 0.95, 0.963)], "B 250": [run(0.19, 0.94, 0.962)],
                "B 500": [run(0.17, 0.93, 0.967)], "B 1000": [run(0.20, 0.92, 0.960)],
            ], context: context)
        let fig7 = (report.spec.checks ?? []).filter { $0.item == "Fig. 7" && $0.pick != nil }
        XCTAssertEqual(fig7.map { rendering.picked($0)?.variant.name }, ["B 1000", "B 500", "B 500"])
    }
}
