import Datasets
import TensorCore

/// Something the training loop calls at fixed events, as Keras and Lightning callbacks: before
/// training, at the start and end of every epoch, after every step, and after training. What a
/// run measures beyond the loop's own loss and accuracy (evaluations, per-step logs, a user's
/// gradient norms) and when it stops early (early stopping) are observers, not loop options.
/// Every method has an empty default; an observer implements the events it needs.
public protocol TrainingObserver<Scalar>: AnyObject {
    associatedtype Scalar: TensorScalar
    /// Before the first epoch.
    /// - Parameter state: the loop's state (model, data, history).
    func trainingWillBegin(_ state: TrainingState<Scalar>) throws
    /// Before each epoch's first step, with `state.epoch` set.
    func epochWillBegin(_ state: TrainingState<Scalar>) throws
    /// After each step (also the one a non-finite loss stops before its update, with `updated` false).
    /// - Parameters:
    ///   - step: the step's loss and accuracy.
    ///   - state: the loop's state.
    /// - Returns: `.stop` to end training after this step.
    func stepDidEnd(_ step: StepRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision
    /// After each epoch, with its test evaluation in `record` when there is one; the observer may
    /// add to the record (further evaluations) before it is kept.
    /// - Parameters:
    ///   - record: the epoch's metrics.
    ///   - state: the loop's state.
    /// - Returns: `.stop` to train no further epoch.
    func epochDidEnd(_ record: inout EpochRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision
    /// After the last epoch.
    func trainingDidEnd(_ state: TrainingState<Scalar>) throws
}

extension TrainingObserver {
    public func trainingWillBegin(_ state: TrainingState<Scalar>) throws {}
    public func epochWillBegin(_ state: TrainingState<Scalar>) throws {}
    public func stepDidEnd(_ step: StepRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision { .proceed }
    public func epochDidEnd(_ record: inout EpochRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision {
        .proceed
    }
    public func trainingDidEnd(_ state: TrainingState<Scalar>) throws {}
}

/// Whether training goes on after an observer's event.
public enum ObserverDecision: Sendable, Equatable {
    case proceed
    case stop
}

/// One optimizer step as observers see it.
public struct StepRecord: Sendable, Equatable {
    /// 1-based epoch and batch within it.
    public var epoch: Int, batch: Int, batchesPerEpoch: Int
    /// Steps taken so far, this one included.
    public var iteration: Int
    /// The batch's per-example loss and its accuracy.
    public var loss: Double, accuracy: Double
    public var examples: Int
    /// False when the loop stopped on a non-finite loss before updating the parameters.
    public var updated: Bool
}

/// The loop's state as observers see it: the model, loss and optimizer (through the trainer),
/// the data, where training stands, and the history, which observers may write to.
public final class TrainingState<Scalar: TensorScalar> {
    public let trainer: Trainer<Scalar>
    public let train: LabeledDataset<Scalar>
    public let test: LabeledDataset<Scalar>?
    public let configuration: TrainingConfiguration
    /// The current epoch, from 1 (0 before training).
    public internal(set) var epoch = 0
    /// Steps taken so far.
    public internal(set) var iteration = 0
    /// Everything recorded so far; observers add to it.
    public var history = TrainingHistory()

    init(
        trainer: Trainer<Scalar>, train: LabeledDataset<Scalar>, test: LabeledDataset<Scalar>?,
        configuration: TrainingConfiguration
    ) {
        (self.trainer, self.train, self.test, self.configuration) = (trainer, train, test, configuration)
    }

    /// Per-example loss and accuracy of the model on `dataset` (evaluation mode unless asked otherwise).
    public func evaluate(_ dataset: LabeledDataset<Scalar>, inTrainingMode: Bool = false) throws -> (
        loss: Double, accuracy: Double
    ) {
        try trainer.evaluate(dataset, configuration: configuration, inTrainingMode: inTrainingMode)
    }

    /// Appends `value` to the history's series `name` (a user observer's own measurement).
    public func record(_ value: Double, as name: String) {
        history.observations = history.observations ?? [:]
        history.observations![name, default: []].append(value)
    }
}
