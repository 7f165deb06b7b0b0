import Datasets
import Foundation
import Layers
import Losses
import Optimizers
import Randomness
import Schedulers
import TensorCore

/// The one training loop every experiment and the `train` app share: mini-batches from a
/// `DataLoader`, forward, loss, backward, optimizer step; per-epoch and metric-driven schedules;
/// per-epoch metrics; timing; and NaN handling. Everything else a run measures, and any early
/// stop, comes from its `observers`, called at fixed events (`TrainingObserver`).
public final class Trainer<Scalar: TensorScalar> {
    public let model: any Module<Scalar>
    public let loss: any Loss<Scalar>
    public let optimizer: any Optimizer<Scalar>
    /// Called in order at every event of every `fit`.
    public var observers: [any TrainingObserver<Scalar>] = []

    /// Called after every batch with (epoch, batch, batches per epoch), both 1-based.
    public var progress: ((Int, Int, Int) -> Void)?
    /// Called with each epoch's record as soon as it is complete (a checkpoint can be written there).
    public var epochFinished: ((EpochRecord) throws -> Void)?
    /// When requested, training stops before its next step; the epoch in progress is recorded with
    /// the examples it saw, and `TrainingHistory.interrupted` is set.
    public var stopRequest: StopRequest?
    /// Called after each epoch that ran whole (not interrupted, not stopped early) with what
    /// `fit(resuming:)` needs to continue from there as if training had never stopped.
    public var epochCompleted: ((ResumePoint) throws -> Void)?

    /// - Parameters:
    ///   - model: the network to train.
    ///   - loss: the objective.
    ///   - optimizer: what updates the model's parameters.
    ///   - observers: called at the loop's events, in order.
    public init(
        model: any Module<Scalar>, loss: any Loss<Scalar>, optimizer: any Optimizer<Scalar>,
        observers: [any TrainingObserver<Scalar>] = []
    ) {
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        self.observers = observers
    }

    /// Trains for `configuration.epochs` epochs on `train`, evaluating on `test` when given.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    /// With `resuming`, training continues after the point's epoch: the model, the optimizer and
    /// `random` must already hold that point's state (a metric-driven schedule is brought there
    /// by replaying the recorded epochs).
    public func fit(
        train: LabeledDataset<Scalar>, test: LabeledDataset<Scalar>? = nil,
        configuration: TrainingConfiguration, random: RandomSource, resuming: ResumePoint? = nil
    ) throws -> TrainingHistory {
        try inFloatMode(of: configuration) {
            try runEpochs(on: train, test: test, configuration: configuration, random: random, resuming: resuming)
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
        configuration: TrainingConfiguration, random: RandomSource, resuming: ResumePoint?
    ) throws -> TrainingHistory {
        guard train.count > 0 else { throw TrainingError.emptyDataset(role: "training") }
        if let test, test.count == 0 { throw TrainingError.emptyDataset(role: "test") }
        let state = TrainingState(trainer: self, train: train, test: test, configuration: configuration)
        let loader = DataLoader(
            dataset: train, batchSize: configuration.batchSize, shuffle: configuration.shuffle, random: random)
        let metricDriven = configuration.schedule as? any MetricDrivenSchedule
        let watched = try metricDriven.map { schedule in
            guard let metric = EpochMetric(rawValue: schedule.monitor) else {
                throw TrainingError.metricUnavailable(metric: schedule.monitor, epoch: 0)
            }
            return metric
        }
        let start = Date()
        if let resuming {
            (state.history, state.iteration) = (resuming.history, resuming.iteration)
            if let metricDriven, let watched {
                for record in resuming.history.epochs { metricDriven.observe(try watched.value(in: record)) }
            }
        }
        let firstEpoch = (resuming?.history.epochs.count ?? 0) + 1
        for observer in observers { try observer.trainingWillBegin(state) }
        epochs: for epoch in stride(from: firstEpoch, through: max(configuration.epochs, 1), by: 1) {
            if stopRequest?.isRequested == true {
                state.history.interrupted = true
                break epochs
            }
            state.epoch = epoch
            let epochStart = Date()
            if let schedule = configuration.schedule { optimizer.learningRate = schedule.learningRate(at: epoch - 1) }
            let rate = optimizer.learningRate
            model.train()
            for observer in observers { try observer.epochWillBegin(state) }
            var lossTotal = 0.0
            var correct = 0
            var seen = 0
            var batchIndex = 0
            var stopped = false
            try loader.forEachBatch { batch in
                guard !stopped else { return }
                if stopRequest?.isRequested == true {
                    (stopped, state.history.interrupted) = (true, true)
                    return
                }
                batchIndex += 1
                let output = try model.forward(batch.features)
                let target = try Self.target(
                    for: batch, encoding: configuration.targetEncoding, classes: train.classCount)
                let (value, gradient) = try loss.evaluate(predicted: output, target: target)
                let perExample = Double(value) * (loss.reduction == .mean ? 1 : 1 / Double(batch.labels.count))
                let hits = try Self.correctCount(output, labels: batch.labels, encoding: configuration.targetEncoding)
                if !perExample.isFinite, state.history.firstNonFiniteIteration == nil {
                    state.history.firstNonFiniteIteration = state.iteration
                }
                lossTotal += perExample * Double(batch.labels.count)
                correct += hits
                seen += batch.labels.count
                state.iteration += 1
                let update = perExample.isFinite || configuration.nonFinitePolicy == .continue
                if update {
                    optimizer.zeroGrad()
                    try model.accumulateGradients(gradient)
                    try optimizer.step()
                } else {
                    stopped = true
                }
                let step = StepRecord(
                    epoch: epoch, batch: batchIndex, batchesPerEpoch: loader.batchCount, iteration: state.iteration,
                    loss: perExample, accuracy: Double(hits) / Double(batch.labels.count),
                    examples: batch.labels.count, updated: update)
                if try notify(observers, state, { try $0.stepDidEnd(step, state) }) { stopped = true }
                if update { progress?(epoch, batchIndex, loader.batchCount) }
            }
            var record = EpochRecord(
                epoch: epoch, trainLoss: lossTotal / Double(max(seen, 1)), trainLossTotal: lossTotal,
                trainAccuracy: Double(correct) / Double(max(seen, 1)), testLoss: nil, testAccuracy: nil,
                learningRate: rate, seconds: Date().timeIntervalSince(epochStart))
            let last = epoch == configuration.epochs || stopped
            if let test, configuration.evaluateEveryEpoch || last {
                let evaluation = try evaluate(test, configuration: configuration)
                (record.testLoss, record.testAccuracy) = (evaluation.loss, evaluation.accuracy)
            }
            if try notify(observers, state, { try $0.epochDidEnd(&record, state) }) { stopped = true }
            if let metricDriven, let watched {
                let before = optimizer.learningRate
                metricDriven.observe(try watched.value(in: record))
                optimizer.learningRate = metricDriven.learningRate(at: epoch)
                if optimizer.learningRate < before { state.history.rateReductionEpochs.append(epoch) }
            }
            guard seen > 0 else { break epochs }
            state.history.epochs.append(record)
            try epochFinished?(record)
            if stopped || state.history.interrupted == true { break epochs }
            try epochCompleted?(ResumePoint(history: state.history, iteration: state.iteration))
        }
        state.history.trainingSeconds = Date().timeIntervalSince(start)
        for observer in observers { try observer.trainingDidEnd(state) }
        return state.history
    }

    /// Calls `event` on every observer; true when one asked to stop (the first one is named in the history).
    private func notify(
        _ observers: [any TrainingObserver<Scalar>], _ state: TrainingState<Scalar>,
        _ event: (any TrainingObserver<Scalar>) throws -> ObserverDecision
    ) throws -> Bool {
        var stop = false
        for observer in observers where try event(observer) == .stop {
            if !stop, state.history.stoppedBy == nil {
                state.history.stoppedBy = ComponentRegistry.typeName(type(of: observer))
            }
            stop = true
        }
        return stop
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
