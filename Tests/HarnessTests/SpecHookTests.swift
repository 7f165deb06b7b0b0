import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// What a built-in report's spec states and its hooks only fill in: checks with their typed
/// tolerances, item prose, findings' words and the findings' experiment runs.
final class SpecHookTests: XCTestCase {
    func context(_ mode: Mode) -> ReproductionContext {
        ReproductionContext(
            mode: mode, seed: 2024, trials: nil, data: DataStore(dataDirectory: "no-data-here", registry: .standard),
            registry: .standard)
    }

    func input(_ report: SpecReport, _ item: String?, _ document: ReportDocument, _ mode: Mode = .full)
        -> ReportHookInput
    {
        ReportHookInput(
            report: report, context: context(mode), document: document, runs: [:], result: { _ in nil },
            item: item.flatMap { id in report.spec.items.first { $0.id == id } })
    }

    func document(_ mode: Mode = .full) -> ReportDocument {
        ReportDocument(prefix: "999", title: "test", context: context(mode))
    }

    func testHookChecksTakeTheirToleranceFromTheSpecAndOnlyTheRowsItStates() throws {
        let report = Report003.builtIn
        let within = document()
        let table12 = input(report, "Table 12", within)
        try table12.check("lr 1.0 diverges", .condition(true, shown: "2.3026 / 11.35"), optional: true)
        try table12.check("lr 0.01 diverges", .condition(false, shown: "0.0585 / 98.27"), optional: true)
        XCTAssertEqual(within.checks.count, 1, "the spec gates lr 1.0's divergence, not lr 0.01's")
        XCTAssertEqual(within.checks[0].quantity, "learning rate 1.0: diverges")
        XCTAssertEqual(within.checks[0].paper, "2.3037 / 11.35 %")
        XCTAssertTrue(within.checks[0].tolerance.contains("loss NaN/inf or ≥ 2.2 with accuracy ≤ 20 %"))
        XCTAssertEqual(within.checks[0].verdict, .pass)

        let beyond = document()
        try input(report, "Table 12", beyond).check("lr 1.0 diverges", .condition(false, shown: "0.1 / 97"))
        XCTAssertEqual(beyond.checks.map(\.verdict), [.fail])

        let quick = document(.quick)
        try input(report, "Table 12", quick, .quick).check("lr 1.0 diverges", .condition(false, shown: "0.1 / 97"))
        XCTAssertEqual(quick.checks[0].verdict, .soft)
        XCTAssertEqual(quick.checks[0].quickVerdict, .fail)
    }

    func testAHookFillsTheQuantitysPlaceholders() throws {
        let report = Report004.builtIn
        let figure3 = document()
        try input(report, "Fig. 3", figure3).check("final accuracy", .number(0.95), ["seeds": "5"])
        XCTAssertEqual(figure3.checks.first?.quantity, "median final validation accuracy over 5 seed(s)")
        XCTAssertEqual(figure3.checks.first?.verdict, .pass, "≥ 0.9")
    }

    func testItemProseFillsThePlaceholdersItsHookGivesAndNamesAnUnfilledOne() throws {
        let item = try XCTUnwrap(Report004.builtIn.spec.items.first { $0.id == "Fig. 6" })
        let prose = try item.prose(["epochs": "5", "simulations": "5", "table": "| a |"])
        XCTAssertEqual(prose.title, "Mini-batch gradient descent on MNIST, learning rates")
        XCTAssertTrue(prose.caption.contains("summed gradients, 5 epoch(s), 5 simulations each"), prose.caption)
        XCTAssertTrue(prose.caption.hasSuffix("\n\n| a |"))
        XCTAssertThrowsError(try item.prose(["epochs": "5", "table": ""])) {
            XCTAssertTrue("\($0)".contains("item Fig. 6: field caption: nothing fills {{simulations}}"), "\($0)")
        }
    }

    func testFindingsTakeTheirWordsFromTheSpecAndTheHooksCaseAndNumbers() throws {
        let spec = try XCTUnwrap(Report004.builtIn.spec.findings?.first { $0.id == "004-fig-6-explosion" })
        let trained = try spec.finding(
            FindingResult(conclusion: "trained", numbers: ["| n |"], values: ["trained": "2"]))
        XCTAssertEqual(trained.conclusion.label, "not explained")
        XCTAssertEqual(trained.tests[0].outcome, "2 of the two rates train without a non-finite loss here.")
        XCTAssertEqual(trained.tests[0].numbers, "| n |")
        let exploded = try spec.finding(FindingResult(conclusion: "exploded", numbers: [""]))
        XCTAssertEqual(exploded.conclusion.label, "explained")
        XCTAssertEqual(exploded.tests[0].outcome, "Both rates blow up in this set-up.")
        XCTAssertThrowsError(try spec.finding(FindingResult(conclusion: "vanished", numbers: [""])))
        XCTAssertThrowsError(try spec.finding(FindingResult(conclusion: "trained", numbers: [""]))) {
            XCTAssertTrue("\($0)".contains("nothing fills {{trained}}"), "\($0)")
        }
    }

    /// A check the spec states but no hook reports would never show: every check of the five
    /// specs is a row of the committed full reports (placeholders match any text).
    func testEveryCheckTheBuiltInSpecsStateIsARowOfTheCommittedReports() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        for report in allReports.compactMap({ $0 as? SpecReport }) {
            let rows = try ReportChecks.load(from: root.appendingPathComponent("Reports/\(report.prefix)")).checks
            for check in report.spec.checks ?? [] {
                let pattern =
                    "^"
                    + check.quantity.components(separatedBy: "{{").enumerated().map { index, part in
                        NSRegularExpression.escapedPattern(
                            for: index == 0 ? part : String(part.drop { $0 != "}" }.dropFirst(2)))
                    }.joined(separator: ".*") + "$"
                XCTAssertTrue(
                    rows.contains {
                        $0.item == check.item && $0.quantity.range(of: pattern, options: .regularExpression) != nil
                    },
                    "report \(report.prefix): \(check.item) “\(check.quantity)” is in its spec but not in Reports")
            }
        }
    }

    func testExperimentsAreTheirVariantsFirstRunWithTheChangeInFullModeOnly() throws {
        let report = Report003.builtIn
        let full = context(.full)
        let table = report.request(try XCTUnwrap(report.variants(named: ["m 0.0"]).first), trial: 0, full)
        let experiments = try XCTUnwrap(report.spec.experiments)
        let images = try report.request(
            try XCTUnwrap(experiments.first { $0.name == "m 0.0, 50,000 training images" }), full)
        XCTAssertEqual(images.label, table.label + " | finding: 50,000 training images")
        XCTAssertEqual(images.dataset.trainCount, 50_000)
        XCTAssertEqual(images.seed, table.seed)
        XCTAssertEqual(images.model, table.model)
        XCTAssertTrue(images.recording.evaluateEveryEpoch)
        XCTAssertFalse(table.recording.evaluateEveryEpoch, "the table's runs evaluate after the last epoch only")

        let measured = try report.request(try XCTUnwrap(experiments.first { $0.name == "m 0.0 measured" }), full)
        XCTAssertTrue(measured.recording.evaluateTrainingSet)
        XCTAssertEqual(measured.recording.recordsParameterSquaredNorm, true)
        XCTAssertEqual(measured.training, table.training)

        let seed = try report.request(try XCTUnwrap(experiments.first { $0.name == "B 10 seed 2" }), full)
        XCTAssertEqual(seed.seed, full.seed("003", trial: 2))
        XCTAssertTrue(report.experimentRequests(context(.quick)).isEmpty, "three epochs say nothing about 100")
        XCTAssertTrue(report.experimentRequests(full).isEmpty, "MNIST is not in no-data-here")
    }
}
