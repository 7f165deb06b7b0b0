import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// A spec's statistics, its checks' combined measures and a panels series' averaging, against
/// hand-computed values.
final class SpecStatisticTests: XCTestCase {
    /// A run whose epochs have these test accuracies, with the training set's final accuracy.
    func run(testAccuracies: [Double], finalTrain: Double, seconds: Double = 1) -> RunResult {
        var history = TrainingHistory()
        history.epochs = testAccuracies.enumerated().map { index, accuracy in
            EpochRecord(
                epoch: index + 1, trainLoss: 1 / Double(index + 1), trainLossTotal: 0, trainAccuracy: 0.5,
                testLoss: nil, testAccuracy: accuracy, learningRate: 0.1, seconds: 0)
        }
        return RunResult(history: history, finalTrainAccuracy: finalTrain, seconds: seconds)
    }

    func testErrorRatesTheirVarianceAndTheTrainingSetAfterTraining() {
        let runs: [RunResult?] = [
            run(testAccuracies: [0.5, 0.9], finalTrain: 0.9), run(testAccuracies: [0.6, 0.8], finalTrain: 0.8),
        ]
        let error = { (metric: RunMetric, over: TrialReduction) in
            StatisticSpec(metric: metric, at: .final, over: over, scale: 100, complement: true).value(runs)
        }
        // Train errors 10 % and 20 %: mean 15, sample variance ((−5)² + 5²) / 1 = 50 (%²), std √50.
        XCTAssertEqual(error(.finalTrainAccuracy, .mean) ?? .nan, 15, accuracy: 1e-12)
        XCTAssertEqual(error(.finalTrainAccuracy, .variance) ?? .nan, 50, accuracy: 1e-10)
        XCTAssertEqual(error(.finalTrainAccuracy, .std) ?? .nan, 50.squareRoot(), accuracy: 1e-12)
        // Test errors after the last epoch: 10 % and 20 %; at epoch 1: 50 % and 40 %.
        XCTAssertEqual(error(.testAccuracy, .median) ?? .nan, 15, accuracy: 1e-12)
        let first = StatisticSpec(metric: .testAccuracy, at: .epoch, epoch: 1, over: .max, complement: true)
        XCTAssertEqual(first.value(runs) ?? .nan, 0.5, accuracy: 1e-12)
        XCTAssertNil(error(.finalTrainLoss, .mean), "no training-set loss was recorded: no value, not 0")
        XCTAssertEqual(StatisticSpec(metric: .seconds, at: .final, over: .mean).value(runs), 1)
    }

    func testChecksCombineTwoStatisticsReduceAcrossVariantsAndPickOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        let example = root.appendingPathComponent("docs/examples/reports/depth-width").standardized
        let report = try XCTUnwrap(SpecReportLoader.load(example.path, registry: .standard).first)
        let context = ReproductionContext(
            mode: .full, seed: 1, trials: nil, data: DataStore(dataDirectory: "none", registry: .standard),
            registry: .standard)
        // Test accuracies: width 1×4 0.9 and 0.7 (errors 10 % and 30 %, mean 20 %), 1×16 0.6, 1×64 not a number.
        let rendering = SpecRendering(
            report: report,
            runs: [
                "width 1×4": [run(testAccuracies: [0.9], finalTrain: 1), run(testAccuracies: [0.7], finalTrain: 1)],
                "width 1×16": [run(testAccuracies: [0.6], finalTrain: 1)],
                "width 1×64": [run(testAccuracies: [.nan], finalTrain: 1)],
            ], context: context)
        let error = { (group: String?) in
            StatisticSpec(group: group, metric: .testAccuracy, at: .final, over: .mean, scale: 100, complement: true)
        }
        var acrossWidths = error(nil)
        (acrossWidths.groups, acrossWidths.across) = (["width 1×4", "width 1×16"], .max)
        XCTAssertEqual(rendering.value(acrossWidths) ?? .nan, 40, accuracy: 1e-9)
        acrossWidths.across = .mean
        XCTAssertEqual(rendering.value(acrossWidths) ?? .nan, 30, accuracy: 1e-9)

        var gap = CheckSpec(
            item: "Table 1", quantity: "gap", measured: error("width 1×4"), tolerance: ToleranceSpec(kind: .atLeast),
            versus: error("width 1×16"))
        XCTAssertEqual(rendering.measuredNumber(gap) ?? .nan, -20, accuracy: 1e-9)
        gap.combine = .absoluteDifference
        XCTAssertEqual(rendering.measuredNumber(gap) ?? .nan, 20, accuracy: 1e-9)
        gap.combine = .ratio
        XCTAssertEqual(rendering.measuredNumber(gap) ?? .nan, 0.5, accuracy: 1e-12)

        // Mean accuracies 0.8, 0.6 and NaN, which ranks last either way.
        var best = CheckSpec(
            item: "Table 1", quantity: "best", paper: PaperReference(value: .text("1×4")),
            measured: StatisticSpec(metric: .testAccuracy, at: .final, over: .mean), tolerance: .exact,
            pick: .highest, among: ["width"])
        XCTAssertEqual(rendering.picked(best)?.variant.name, "width 1×4")
        best.pick = .lowest
        XCTAssertEqual(rendering.picked(best)?.variant.name, "width 1×16")
        let document = ReportDocument(prefix: "depth-width", title: "", context: context)
        rendering.add(best, to: document)
        best.paper = PaperReference(value: .text("width 1×16"))
        rendering.add(best, to: document)
        XCTAssertEqual(document.checks.map(\.verdict), [.fail, .pass], "the paper names the pick by label or name")
        XCTAssertEqual(document.checks.first?.reproduced, "width 1×16 (0.6)")
    }

    func testASeriesAveragesPointsPerEpochAndWindows() {
        let series = SeriesSpec(metric: .iterationLoss, pointsPerEpoch: 2)
        // 8 iterations over 2 epochs, 2 points per epoch: means of 2 iterations at epochs 0.5, 1, 1.5, 2.
        let x = (1...8).map(Double.init)
        let (points, lines) = series.averaged(x, [[1, 3, 5, 7, 9, 11, 13, 15]], epochs: 2)
        XCTAssertEqual(points, [0.5, 1, 1.5, 2])
        XCTAssertEqual(lines[0], [2, 6, 10, 14])
        let windows = SeriesSpec(metric: .iterationLoss, window: 3).averaged(x, [x], epochs: 1)
        XCTAssertEqual(windows.x, [3, 6, 8], "each window drawn at its end; the last is shorter")
        XCTAssertEqual(windows.lines[0], [2, 5, 7.5])
    }
}
