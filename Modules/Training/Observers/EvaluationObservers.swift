import TensorCore

/// Evaluates the untrained model on the test set (`TrainingHistory.initialEvaluation`).
public final class InitialEvaluation<Scalar: TensorScalar>: TrainingObserver {
    public init() {}

    public func trainingWillBegin(_ state: TrainingState<Scalar>) throws {
        guard let test = state.test else { return }
        let evaluation = try state.evaluate(test)
        state.history.initialEvaluation = Evaluation(iteration: 0, loss: evaluation.loss, accuracy: evaluation.accuracy)
    }
}

/// Evaluates the whole training set after every epoch (`EpochRecord.trainEvaluationLoss` and `…Accuracy`).
public final class TrainingSetEvaluation<Scalar: TensorScalar>: TrainingObserver {
    public init() {}

    public func epochDidEnd(_ record: inout EpochRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision {
        let evaluation = try state.evaluate(state.train)
        (record.trainEvaluationLoss, record.trainEvaluationAccuracy) = (evaluation.loss, evaluation.accuracy)
        return .proceed
    }
}

/// The test loss after every epoch with the model left in training mode, dropout active
/// (`EpochRecord.testLossInTrainingMode`). Dropout masks are drawn from the run's random source.
public final class TestLossInTrainingMode<Scalar: TensorScalar>: TrainingObserver {
    public init() {}

    public func epochDidEnd(_ record: inout EpochRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision {
        guard let test = state.test else { return .proceed }
        record.testLossInTrainingMode = try state.evaluate(test, inTrainingMode: true).loss
        return .proceed
    }
}

/// Evaluates the test set every `interval` steps (`TrainingHistory.periodicEvaluations`).
public final class PeriodicEvaluation<Scalar: TensorScalar>: TrainingObserver {
    public let interval: Int

    /// - Parameter interval: steps between evaluations (≥ 1).
    public init(interval: Int) { self.interval = max(interval, 1) }

    public func stepDidEnd(_ step: StepRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision {
        guard step.updated, step.iteration % interval == 0, let test = state.test else { return .proceed }
        let evaluation = try state.evaluate(test)
        state.history.periodicEvaluations.append(
            Evaluation(iteration: step.iteration, loss: evaluation.loss, accuracy: evaluation.accuracy))
        return .proceed
    }
}

/// Keeps every step's loss and accuracy (`TrainingHistory.iterationLosses` and `…Accuracies`).
public final class IterationLog<Scalar: TensorScalar>: TrainingObserver {
    public init() {}

    public func stepDidEnd(_ step: StepRecord, _ state: TrainingState<Scalar>) throws -> ObserverDecision {
        state.history.iterationLosses.append(step.loss)
        state.history.iterationAccuracies.append(step.accuracy)
        return .proceed
    }
}
