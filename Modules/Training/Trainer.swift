import Datasets
import Foundation
import Layers
import Losses
import Optimizers
import Randomness
import Schedulers
import TensorCore

/// The one training loop every experiment and the `train` app share: mini-batches from a
/// `DataLoader`, forward, loss, backward, optimizer step; per-epoch schedules; per-batch and
/// per-epoch metrics; timing; and NaN handling.
public final class Trainer<Scalar: TensorScalar> {
    public let model: any Module<Scalar>
    public let loss: any Loss<Scalar>
    public let optimizer: any Optimizer<Scalar>

    /// Called after every batch with (epoch, batch, batches per epoch), both 1-based.
    public var progress: ((Int, Int, Int) -> Void)?
    /// Called with each epoch's record as soon as it is complete (a checkpoint can be written there).
    public var epochFinished: ((EpochRecord) throws -> Void)?
    /// When requested, training stops before its next step; the epoch in progress is recorded with
    /// the examples it saw, and `TrainingHistory.interrupted` is set.
    public var stopRequest: StopRequest?

    /// - Parameters:
    ///   - model: the network to train.
    ///   - loss: the objective.
    ///   - optimizer: what updates the model's parameters.
    public init(model: any Module<Scalar>, loss: any Loss<Scalar>, optimizer: any Optimizer<Scalar>) {
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
    }

    /// Trains for `configuration.epochs` epochs on `train`, evaluating on `test` when given.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func fit(
        train: LabeledDataset<Scalar>, test: LabeledDataset<Scalar>? = nil,
        configuration: TrainingConfiguration, random: RandomSource
    ) throws -> TrainingHistory {
        try inFloatMode(of: configuration) {
            try runEpochs(on: train, test: test, configuration: configuration, random: random)
        }
    }

    /// Runs `body` with subnormals flushed to zero when the configuration asks for it.
    private func inFloatMode<R>(of configuration: TrainingConfiguration, _ body: () throws -> R) rethrows -> R {
        configuration.flushesSubnormals ? try BLASLibrary.flushingSubnormals(body) : try body()
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func runEpochs(
        on train: LabeledDataset<Scalar>, test: LabeledDataset<Scalar>?,
        configuration: TrainingConfiguration, random: RandomSource
    ) throws -> TrainingHistory {
        guard train.count > 0 else { throw TrainingError.emptyDataset(role: "training") }
        if let test, test.count == 0 { throw TrainingError.emptyDataset(role: "test") }
        var history = TrainingHistory()
        let loader = DataLoader(
            dataset: train, batchSize: configuration.batchSize, shuffle: configuration.shuffle, random: random)
        let plateau = configuration.plateau.map { ReduceLROnPlateau(initialRate: optimizer.learningRate, settings: $0) }
        let start = Date()
        var iteration = 0
        if configuration.evaluateBeforeTraining, let test {
            let evaluation = try evaluate(test, configuration: configuration)
            history.initialEvaluation = Evaluation(iteration: 0, loss: evaluation.loss, accuracy: evaluation.accuracy)
        }
        epochs: for epoch in 1...max(configuration.epochs, 1) {
            if stopRequest?.isRequested == true {
                history.interrupted = true
                break epochs
            }
            let epochStart = Date()
            if let schedule = configuration.schedule { optimizer.learningRate = schedule.learningRate(at: epoch - 1) }
            let rate = optimizer.learningRate
            model.train()
            var lossTotal = 0.0
            var correct = 0
            var seen = 0
            var batchIndex = 0
            var stopped = false
            try loader.forEachBatch { batch in
                guard !stopped else { return }
                if stopRequest?.isRequested == true {
                    (stopped, history.interrupted) = (true, true)
                    return
                }
                batchIndex += 1
                let output = try model.forward(batch.features)
                let target = try Self.target(
                    for: batch, encoding: configuration.targetEncoding, classes: train.classCount)
                let (value, gradient) = try loss.evaluate(predicted: output, target: target)
                let perExample = Double(value) * (loss.reduction == .mean ? 1 : 1 / Double(batch.labels.count))
                let hits = try Self.correctCount(output, labels: batch.labels, encoding: configuration.targetEncoding)
                if !perExample.isFinite, history.firstNonFiniteIteration == nil {
                    history.firstNonFiniteIteration = iteration
                }
                lossTotal += perExample * Double(batch.labels.count)
                correct += hits
                seen += batch.labels.count
                if configuration.recordIterations {
                    history.iterationLosses.append(perExample)
                    history.iterationAccuracies.append(Double(hits) / Double(batch.labels.count))
                }
                iteration += 1
                if !perExample.isFinite, configuration.nonFinitePolicy == .stop {
                    stopped = true
                    return
                }
                optimizer.zeroGrad()
                try model.accumulateGradients(gradient)
                try optimizer.step()
                if let interval = configuration.evaluationInterval, iteration % interval == 0, let test {
                    let evaluation = try evaluate(test, configuration: configuration)
                    history.periodicEvaluations.append(
                        Evaluation(iteration: iteration, loss: evaluation.loss, accuracy: evaluation.accuracy))
                }
                progress?(epoch, batchIndex, loader.batchCount)
            }
            var record = EpochRecord(
                epoch: epoch, trainLoss: lossTotal / Double(max(seen, 1)), trainLossTotal: lossTotal,
                trainAccuracy: Double(correct) / Double(max(seen, 1)), testLoss: nil, testAccuracy: nil,
                learningRate: rate, seconds: 0)
            if configuration.evaluateTrainingSet {
                let evaluation = try evaluate(train, configuration: configuration)
                (record.trainEvaluationLoss, record.trainEvaluationAccuracy) = (evaluation.loss, evaluation.accuracy)
            }
            if configuration.evaluateTestInTrainingMode, let test {
                record.testLossInTrainingMode = try evaluate(test, configuration: configuration, inTrainingMode: true)
                    .loss
            }
            if let plateau {
                let before = plateau.learningRate
                optimizer.learningRate = plateau.step(metric: record.trainLoss)
                if optimizer.learningRate < before { history.rateReductionEpochs.append(epoch) }
            }
            record.seconds = Date().timeIntervalSince(epochStart)
            let last = epoch == configuration.epochs || stopped
            if let test, configuration.evaluateEveryEpoch || last {
                let evaluation = try evaluate(test, configuration: configuration)
                (record.testLoss, record.testAccuracy) = (evaluation.loss, evaluation.accuracy)
            }
            guard seen > 0 else { break epochs }
            history.epochs.append(record)
            try epochFinished?(record)
            if stopped { break epochs }
        }
        history.trainingSeconds = Date().timeIntervalSince(start)
        return history
    }

    /// Per-example mean loss and accuracy of the model on `dataset`, in evaluation mode unless asked otherwise.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func evaluate(
        _ dataset: LabeledDataset<Scalar>, configuration: TrainingConfiguration, inTrainingMode: Bool = false
    ) throws -> (loss: Double, accuracy: Double) {
        try inFloatMode(of: configuration) {
            try measure(dataset, configuration: configuration, inTrainingMode: inTrainingMode)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func measure(
        _ dataset: LabeledDataset<Scalar>, configuration: TrainingConfiguration, inTrainingMode: Bool
    ) throws -> (loss: Double, accuracy: Double) {
        guard dataset.count > 0 else { throw TrainingError.emptyDataset(role: "evaluation") }
        let wasTraining = model.isTraining
        if inTrainingMode { model.train() } else { model.eval() }
        defer { if wasTraining { model.train() } else { model.eval() } }
        let loader = DataLoader(dataset: dataset, batchSize: configuration.evaluationBatchSize, shuffle: false)
        var lossTotal = 0.0
        var correct = 0
        try loader.forEachBatch { batch in
            var output = batch.features
            try model.infer(&output)
            let target = try Self.target(
                for: batch, encoding: configuration.targetEncoding, classes: dataset.classCount)
            let value = Double(try loss.value(predicted: output, target: target))
            lossTotal += loss.reduction == .mean ? value * Double(batch.labels.count) : value
            correct += try Self.correctCount(output, labels: batch.labels, encoding: configuration.targetEncoding)
        }
        return (lossTotal / Double(max(dataset.count, 1)), Double(correct) / Double(max(dataset.count, 1)))
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func target(for batch: Batch<Scalar>, encoding: TargetEncoding, classes: Int) throws -> Tensor<Scalar> {
        switch encoding {
        case .classIndices: return batch.targets
        case .oneHot: return try Targets.dense(batch.targets, like: Tensor.zeros([batch.labels.count, classes]))
        case .scalarLabel: return try batch.targets.reshaped([batch.labels.count, 1])
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func correctCount(_ output: Tensor<Scalar>, labels: [Int], encoding: TargetEncoding) throws -> Int {
        if encoding == .scalarLabel || output.rowWidth == 1 {
            return zip(output.scalars, labels).filter { ($0 > 0.5 ? 1 : 0) == $1 }.count
        }
        return zip(try output.argmax(alongAxis: 1), labels).filter { $0 == $1 }.count
    }
}
