import Datasets
import Layers
import Losses
import Optimizers
import Randomness
import TensorCore
import Training
import XCTest

final class ConvergenceTests: XCTestCase {
    /// A 2-25-25-25-2 ReLU network with softmax cross-entropy, Adam, on 1,000 + 1,000 disk points.
    private func trainDiskNetwork(seed: UInt64, epochs: Int) throws -> (
        history: TrainingHistory, model: Sequential<Float>
    ) {
        let random = RandomSource(seed: seed)
        let data: DatasetSplit<Float> = DiskDataset.split(trainCount: 1000, testCount: 1000, random: random)
        let model = Sequential<Float>(
            Linear(inputFeatures: 2, outputFeatures: 25, random: random), ReLU(),
            Linear(inputFeatures: 25, outputFeatures: 25, random: random), ReLU(),
            Linear(inputFeatures: 25, outputFeatures: 25, random: random), ReLU(),
            Linear(inputFeatures: 25, outputFeatures: 2, random: random))
        let trainer = Trainer(
            model: model, loss: SoftmaxCrossEntropyLoss(),
            optimizer: Adam(parameters: model.allParameters(), learningRate: 0.01))
        let history = try trainer.fit(
            train: data.train, test: data.test,
            configuration: TrainingConfiguration(epochs: epochs, batchSize: 50, evaluateEveryEpoch: false),
            random: random)
        return (history, model)
    }

    func testDiskNetworkReaches95PercentWithin200Epochs() throws {
        // 150 epochs of batch 50 (3,000 Adam steps), well under 20 s in a debug build.
        let (history, _) = try trainDiskNetwork(seed: 7, epochs: 150)
        let accuracy = try XCTUnwrap(history.last?.testAccuracy)
        XCTAssertGreaterThanOrEqual(accuracy, 0.95, "test accuracy \(accuracy)")
        XCTAssertLessThan(history.epochs.last!.trainLoss, history.epochs.first!.trainLoss / 4)
    }

    func testSameSeedGivesBitIdenticalWeights() throws {
        let first = try trainDiskNetwork(seed: 11, epochs: 5).model.stateDict()
        let second = try trainDiskNetwork(seed: 11, epochs: 5).model.stateDict()
        let other = try trainDiskNetwork(seed: 12, epochs: 5).model.stateDict()
        XCTAssertEqual(first.map(\.tensor), second.map(\.tensor))
        XCTAssertNotEqual(first.map(\.tensor), other.map(\.tensor))
    }

    func testNaNLossIsRecordedAndStopsCleanly() throws {
        let random = RandomSource(seed: 3)
        let data: DatasetSplit<Float> = DiskDataset.split(trainCount: 200, testCount: 100, random: random)
        let model = Sequential<Float>(Linear(inputFeatures: 2, outputFeatures: 1, random: random))
        // A learning rate of 1e30 overflows the squared error within a few steps.
        let trainer = Trainer(
            model: model, loss: MSELoss(), optimizer: SGD(parameters: model.allParameters(), learningRate: 1e30))
        let configuration = TrainingConfiguration(epochs: 50, batchSize: 10, targetEncoding: .scalarLabel)
        let history = try trainer.fit(train: data.train, test: data.test, configuration: configuration, random: random)
        XCTAssertTrue(history.diverged)
        XCTAssertLessThan(history.epochs.count, 50)
        XCTAssertFalse(history.epochs.last!.trainLoss.isFinite)
        XCTAssertNotNil(history.epochs.last!.testAccuracy)
    }
}

final class FloatModeTests: XCTestCase {
    /// An identity layer that records whether subnormals were being flushed when it ran.
    final class Recorder: Module {
        var isTraining = true
        var seen: [Bool] = []
        func forward(_ input: Tensor<Float>) throws -> Tensor<Float> {
            seen.append(BLASLibrary.flushesSubnormals)
            return input
        }
        func backward(_ outputGradient: Tensor<Float>) throws -> Tensor<Float> { outputGradient }
    }

    func testTrainingAndEvaluationFlushSubnormalsUnlessAskedNotTo() throws {
        let random = RandomSource(seed: 1)
        let data: DatasetSplit<Float> = DiskDataset.split(trainCount: 20, testCount: 20, random: random)
        let recorder = Recorder()
        let model = Sequential<Float>(recorder, Linear(inputFeatures: 2, outputFeatures: 2, random: random))
        let trainer = Trainer(
            model: model, loss: SoftmaxCrossEntropyLoss(),
            optimizer: SGD(parameters: model.allParameters(), learningRate: 0.1))
        var configuration = TrainingConfiguration(epochs: 2, batchSize: 10)
        _ = try trainer.fit(train: data.train, test: data.test, configuration: configuration, random: random)
        XCTAssertFalse(recorder.seen.isEmpty)
        XCTAssertTrue(recorder.seen.allSatisfy { $0 })
        XCTAssertFalse(BLASLibrary.flushesSubnormals)
        recorder.seen = []
        configuration.flushesSubnormals = false
        _ = try trainer.fit(train: data.train, test: data.test, configuration: configuration, random: random)
        XCTAssertTrue(recorder.seen.allSatisfy { !$0 })
    }
}
