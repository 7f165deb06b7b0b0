import Backprop
import XCTest

@testable import BackpropHarness

/// Report 003's hooks over its built-in spec, in full mode.
private let report003 = Report003(
    report: Report003.builtIn,
    context: ReproductionContext(
        mode: .full, seed: 2024, trials: nil, data: DataStore(dataDirectory: "no-data-here", registry: .standard),
        registry: .standard))

/// Report 003's printed numbers as the spec's labelled paper rows (issues 14, 23): spot values against the paper's
/// tables, and the rows line up with the runs the full mode makes.
final class Report003PaperDataTests: XCTestCase {
    func testTable11RowsBelongToTheirModels() throws {
        let rows = Dictionary(uniqueKeysWithValues: (report003.report.spec.paper ?? []).map { ($0.label, $0.values) })
        let models = report003.report.variants(named: ["models"]).map(\.name)
        XCTAssertEqual(models.filter { rows[$0] != nil }.count, 10, "ten rows in the paper plus the spec's extra row")
        XCTAssertEqual(rows["models 0-layer + MSE"]?["Train Time (s)"], .number(168))
        XCTAssertEqual(report003.paper("models 0-layer + MSE").testAccuracy, 91.09)
        let last = report003.paper("models 2-layer + Relu + SCE")
        XCTAssertEqual(
            [last.trainLoss, last.trainAccuracy, last.testLoss, last.testAccuracy], [0.0174, 99.72, 0.0541, 98.34])
        let checks = report003.report.spec.checks ?? []
        XCTAssertEqual(
            checks.filter { $0.tolerance.kind == .notComparable }.compactMap(\.tolerance.reason), ["E003-5", "E003-6"])
        let band = checks.first { $0.quantity == "2-layer + Sigmoid + MSE (std 0.1): test accuracy (%)" }
        XCTAssertEqual(band?.tolerance.amount, 1.5)
    }

    func testSweepRowsCoverTheFullModeValues() {
        let values = { (group: String) in report003.report.variants(named: [group]).map { $0.axisValues.first ?? nil } }
        XCTAssertEqual(values("lr"), [1.0, 0.1, 0.01, 0.001, 0.0001, 0.00001])
        XCTAssertEqual(values("m").count, 11)
        XCTAssertTrue(report003.paper("m 1.0").trainLoss.isNaN, "momentum 1.0 diverged in the paper")
        XCTAssertEqual(values("B"), [10, 20, 30, 40, 50, 60, 100, 200, 300, 400])
        XCTAssertEqual(report003.paper("m 0.9").testAccuracy, 98.34, accuracy: 1e-9, "Table 13's fractions in %")
        // The baseline row (lr 0.01, m 0.9, B 100) is the same run in every table, and the paper prints it the same way.
        let baseline = [report003.paper("lr 0.01"), report003.paper("m 0.9")].map { [$0.trainLoss, $0.testLoss] }
        XCTAssertEqual(baseline[0], baseline[1])
        XCTAssertEqual(report003.paper("B 100").trainLoss, report003.paper("lr 0.01").trainLoss)
        let titles = report003.report.spec.items.filter { $0.hook == "003.sweep-table" }.compactMap(\.title)
        XCTAssertEqual(titles.last, "Experimental Results with Different Batch Sizes")
    }
}

/// The spec's checks judge the printed rows; the architecture tables travel with the models.
final class Report003GateDataTests: XCTestCase {
    func testSweepRowsCarryTheirGates() throws {
        let checks = report003.report.spec.checks ?? []
        let judgedByHook = checks.filter { $0.tolerance.kind == .shape }.compactMap(\.hook)
        XCTAssertEqual(
            judgedByHook.filter { $0.hasSuffix("diverges") || $0.hasSuffix("near chance") },
            ["lr 1.0 diverges", "lr 1e-05 near chance", "m 1.0 diverges"],
            "lr 1.0 and m 1.0 diverged in the paper, lr 1e-5 stays near chance")
        let band = checks.first { $0.quantity == "learning rate 0.0001: test accuracy (%)" }?.tolerance
        XCTAssertEqual(band?.kind, .absolute)
        XCTAssertEqual(band?.amount, 3.0, "still converging: ±3 pp")
        let trainLoss = { (table: String) in
            checks.filter { $0.item == table && $0.quantity.hasSuffix(": train loss") }.map(\.quantity)
        }
        XCTAssertEqual(
            trainLoss("Table 12"),
            ["learning rate 0.1: train loss", "learning rate 0.01: train loss", "learning rate 0.001: train loss"],
            "losses gated for the converging rates only")
        XCTAssertEqual(trainLoss("Table 13").count, 10, "every momentum but 1.0")
        XCTAssertEqual(trainLoss("Table 14").count, 10)
        let fraction = try XCTUnwrap(checks.first { $0.quantity == "momentum 0.9: test accuracy (%)" })
        XCTAssertEqual(fraction.paper?.scale, 100, "Table 13 prints accuracies as fractions (E003-4)")
    }

    func testTablesOneToTenComeFromTheModelsWithTheSpecsCorrections() {
        let titled = (report003.report.spec.paper ?? []).compactMap { row -> String? in
            guard case .text(let title) = row.values["architecture"] else { return nil }
            return title
        }
        XCTAssertEqual(titled.count, 10, "the extra row has no architecture table")
        XCTAssertEqual(titled.first, "No-hidden-layer Network with Euclidean Loss")
        let corrected = report003.report.spec.items.filter { $0.caption?.contains("Corrected cell") ?? false }
        XCTAssertEqual(corrected.map(\.id), ["Table 1", "Table 9"], "E003-2 corrects Table 1, E003-3 Table 9")
        let chains = (report003.report.spec.checks ?? []).filter { $0.hook == "layers chain" }
        XCTAssertEqual(chains.filter { $0.paper?.value == .text("yes") }.count, 8, "the paper's other tables chain")
    }
}

/// `print(model)` of report 003's network, built from the registry as the runs build it.
final class Report003ModelDescriptionTests: XCTestCase {
    func testTheTwoLayerReLUNetworkPrintsEachLayerWithItsSizes() throws {
        let variant = try XCTUnwrap(report003.report.variants(named: ["models 2-layer + Relu + SCE"]).first)
        let model = try ComponentRegistry.standard.makeModel(variant.recipe(.full).model, random: RandomSource(seed: 0))
        XCTAssertEqual(
            "\(model)",
            """
            Sequential(
              (0): Linear(inputFeatures: 784, outputFeatures: 256, bias: true)
              (1): ReLU()
              (2): Linear(inputFeatures: 256, outputFeatures: 128, bias: true)
              (3): ReLU()
              (4): Linear(inputFeatures: 128, outputFeatures: 10, bias: true)
            )
            """)
    }
}
