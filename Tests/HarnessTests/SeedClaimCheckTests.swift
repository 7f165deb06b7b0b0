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

    /// Report 002's hooks over its built-in spec.
    var report002: Report002 { Report002(report: Report002.builtIn, context: context) }

    /// Report 004's hooks over its built-in spec.
    var report004: Report004 { Report004(report: Report004.builtIn, context: context) }

    /// Table 1's printed accuracies (%), keyed as the report keys its rows.
    let printed: [String: Double] = [
        "0.0001/0.9/2.0": 27, "0.0001/0.9/10.0": 58, "0.001/0.9/2.0": 52, "0.01/0.9/2.0": 24, "0.001/0.7/2.0": 31,
        "0.001/0.5/0.5": 29, "0.001/0.9/5.0": 60, "0.001/0.9/10.0": 61,
    ]

    func testTable1OrderingsPassOnThePapersNumbersAndFailWhenOneIsSwapped() {
        let paper = document()
        report002.cifarOrderings(paper, accuracy: printed, present: true)
        XCTAssertEqual(paper.checks.map(\.verdict), [.pass, .pass, .pass])
        XCTAssertEqual(paper.checks[1].reproduced, "2 epochs 52, 5 epochs 60, 10 epochs 61")
        XCTAssertEqual(paper.checks[1].numbers?.tolerance.kind, .ordering)

        var swapped = printed
        swapped["0.001/0.9/10.0"] = 59.5
        swapped["0.001/0.7/2.0"] = 52.5
        let worse = document()
        report002.cifarOrderings(worse, accuracy: swapped, present: true)
        XCTAssertEqual(worse.checks.map(\.verdict), [.pass, .fail, .fail])

        let missing = document()
        report002.cifarOrderings(missing, accuracy: [:], present: false)
        XCTAssertEqual(missing.checks.map(\.verdict), [.notRun, .notRun, .notRun])
        XCTAssertTrue(missing.checks[0].tolerance.contains("not run: CIFAR-10 is missing"))
    }

    func record(_ epoch: Int, train: Double, validation: Double) -> EpochRecord {
        EpochRecord(
            epoch: epoch, trainLoss: 0.5, trainLossTotal: 0.5, trainAccuracy: train, testLoss: 0.4,
            testAccuracy: validation, learningRate: 0.001, seconds: 0)
    }

    func testFigure5FindsTheEpochWhereTrainingAccuracyOvertakesValidation() {
        let document = document()
        report004.crossoverNote(
            document,
            [
                record(1, train: 0.80, validation: 0.85), record(2, train: 0.87, validation: 0.87),
                record(3, train: 0.90, validation: 0.89),
            ])
        XCTAssertEqual(document.checks.first?.reproduced, "epoch 3", "equal is not overtaking")
        XCTAssertEqual(document.checks.first?.numbers?.reproduced, 3)
        XCTAssertEqual(document.checks.first?.verdict, .soft)
    }

    func sweep(_ setting: String, loss: Double, validation: Double, lossBand: Double, accuracyBand: Double)
        -> Report004.SweepFinal
    {
        Report004.SweepFinal(
            setting: setting, trainLoss: loss, trainAccuracy: 0.9, validationAccuracy: validation, lossBand: lossBand,
            accuracyBand: accuracyBand)
    }

    func testFigures6And7NameTheNarrowestAndWidestBandsAndTheBestBatchSize() {
        let rates = document()
        report004.bandNotes(
            rates,
            [
                sweep("lr 0.001", loss: 0.2, validation: 0.96, lossBand: 0.03, accuracyBand: 0),
                sweep("lr 0.0001", loss: 0.4, validation: 0.92, lossBand: 0.01, accuracyBand: 0),
                sweep("lr 1e-06", loss: 2.1, validation: 0.35, lossBand: 0.09, accuracyBand: 0),
            ])
        XCTAssertEqual(rates.checks.map(\.numbers?.reproduced), [0.01, 0.09])
        XCTAssertTrue(rates.checks[0].reproduced.hasPrefix("lr 0.0001 ("), rates.checks[0].reproduced)
        XCTAssertEqual(rates.checks[1].reproduced, "lr 1e-06")

        let batches = document()
        report004.batchNotes(
            batches,
            [
                sweep("B = 100", loss: 0.18, validation: 0.963, lossBand: 0, accuracyBand: 0.004),
                sweep("B = 250", loss: 0.19, validation: 0.962, lossBand: 0, accuracyBand: 0.003),
                sweep("B = 500", loss: 0.17, validation: 0.967, lossBand: 0, accuracyBand: 0.002),
                sweep("B = 1000", loss: 0.20, validation: 0.960, lossBand: 0, accuracyBand: 0.001),
            ])
        XCTAssertEqual(
            batches.checks.map(\.reproduced),
            [
                "B = 500 (0.1700)", "yes: 0.0040 vs 0.0030, 0.0020", "B = 500 (0.9670)",
            ])
        XCTAssertTrue(batches.checks.allSatisfy { $0.verdict == .soft })
    }
}
