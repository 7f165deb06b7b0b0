import Backprop
import XCTest

@testable import BackpropHarness

/// A spec's statistics and a panels series' averaging, against hand-computed values.
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
