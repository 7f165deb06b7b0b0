import Backprop
import Foundation

/// Executes one `RunRequest` from scratch: data, model, loss, optimizer and schedule from the
/// registry, then the shared training loop.
struct RunExecutor: Sendable {
    let data: DataStore
    let registry: ComponentRegistry
    /// Called with the fraction of a run's batches done (runs through the shared loop only).
    var progress: (@Sendable (RunRequest, Double) -> Void)?

    func execute(_ request: RunRequest) throws -> RunResult {
        switch request.kind {
        case .scalarSynthetic: return try ScalarSyntheticRun(data: data).execute(request)
        case .sharedLoop: return try executeSharedLoop(request)
        }
    }

    private func executeSharedLoop(_ request: RunRequest) throws -> RunResult {
        guard let modelSpec = request.model else {
            throw RecipeError.malformed(source: request.label, detail: "a shared-loop run needs a model")
        }
        let random = RandomSource(seed: request.seed)
        let split = try data.split(request.dataset, random: random)
        var setup = try TrainingSetup(
            registry: registry, model: modelSpec, training: request.training,
            inputShape: Array(split.train.features.shape.dropFirst()), classCount: split.train.classCount,
            random: random)
        let recording = request.recording
        setup.configuration.nonFinitePolicy = recording.nonFiniteStops ? .stop : .continue
        setup.configuration.evaluateEveryEpoch = recording.evaluateEveryEpoch
        let trainer = setup.trainer
        trainer.observers = recording.observers + trainer.observers
        if let progress {
            let epochs = Double(request.training.epochs)
            trainer.progress = { epoch, batch, batches in
                if batch % 50 == 0 || batch == batches {
                    progress(request, (Double(epoch - 1) + Double(batch) / Double(batches)) / epochs)
                }
            }
        }
        var history = try trainer.fit(
            train: split.train, test: split.test, configuration: setup.configuration, random: random)
        let finalTrain =
            recording.skipsFinalTrainEvaluation == true
            ? nil : try trainer.evaluate(split.train, configuration: setup.configuration)
        var result = RunResult(
            history: history, finalTrainLoss: finalTrain?.loss, finalTrainAccuracy: finalTrain?.accuracy,
            finalTestLoss: history.last?.testLoss, finalTestAccuracy: history.last?.testAccuracy,
            seconds: history.trainingSeconds)
        if recording.recordsParameterSquaredNorm == true {
            result.finalParameterSquaredNorm = setup.model.allParameters().reduce(0) { sum, parameter in
                parameter.value.scalars.reduce(sum) { $0 + Double($1) * Double($1) }
            }
        }
        if let window = recording.iterationWindow {
            result.windowLosses = Self.windowMeans(history.iterationLosses, window)
            result.windowAccuracies = Self.windowMeans(history.iterationAccuracies, window)
        }
        let keep = recording.rawIterations ?? 0
        history.iterationLosses = Array(history.iterationLosses.prefix(keep))
        history.iterationAccuracies = Array(history.iterationAccuracies.prefix(keep))
        result.history = history
        return result
    }

    /// Means of consecutive windows of `size` values (the last window may be shorter).
    static func windowMeans(_ values: [Double], _ size: Int) -> [Double] {
        stride(from: 0, to: values.count, by: size).map { start in
            let window = values[start..<min(start + size, values.count)]
            return window.reduce(0, +) / Double(window.count)
        }
    }
}
