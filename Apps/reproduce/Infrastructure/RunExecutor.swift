import Backprop
import Foundation

/// Executes one `RunRequest` from scratch: data, model, loss, optimizer and schedule from the
/// registry, then the shared training loop.
struct RunExecutor {
    let data: DataStore
    let registry = ComponentRegistry.standard
    /// Called with the fraction of a run's batches done (runs through the shared loop only).
    var progress: ((RunRequest, Double) -> Void)?

    func execute(_ request: RunRequest) throws -> RunResult {
        switch request.kind {
        case "scalar-synthetic": return try ScalarSyntheticRun(data: data).execute(request)
        case "cifar-cnn": return try CIFARRun(data: data).execute(request)
        default: return try executeMLP(request)
        }
    }

    private func executeMLP(_ request: RunRequest) throws -> RunResult {
        guard let modelSpec = request.model else { throw RegistryError.unknown(kind: "model", name: "none", known: ["mlp"]) }
        let random = RandomSource(seed: request.seed)
        let split = try data.split(request.dataset, random: random)
        let model = try registry.makeModel(modelSpec, random: random)
        let optimizer = try registry.makeOptimizer(request.training.optimizer, parameters: model.allParameters())
        let loss = try registry.makeLoss(request.training.loss)
        let (schedule, plateau) = try registry.makeSchedule(request.training.schedule, initialRate: request.training.optimizer.learningRate)
        let recording = request.recording
        var configuration = TrainingConfiguration(
            epochs: request.training.epochs, batchSize: request.training.batchSize, shuffle: request.training.shuffle,
            targetEncoding: ComponentRegistry.targetEncoding(loss: request.training.loss, outputs: modelSpec.outputs),
            schedule: schedule, plateau: plateau, nonFinitePolicy: recording.nonFiniteStops ? .stop : .continue,
            evaluateEveryEpoch: recording.evaluateEveryEpoch,
            recordIterations: recording.iterationWindow != nil || recording.rawIterations != nil)
        configuration.evaluateBeforeTraining = recording.evaluateBeforeTraining
        configuration.evaluateTrainingSet = recording.evaluateTrainingSet
        configuration.evaluateTestInTrainingMode = recording.evaluateTestInTrainingMode
        configuration.evaluationInterval = recording.evaluationInterval
        let trainer = Trainer(model: model, loss: loss, optimizer: optimizer)
        if let progress {
            let epochs = Double(request.training.epochs)
            trainer.progress = { epoch, batch, batches in
                if batch % 50 == 0 || batch == batches { progress(request, (Double(epoch - 1) + Double(batch) / Double(batches)) / epochs) }
            }
        }
        var history = try trainer.fit(train: split.train, test: split.test, configuration: configuration, random: random)
        let finalTrain = try trainer.evaluate(split.train, configuration: configuration)
        var result = RunResult(
            history: history, finalTrainLoss: finalTrain.loss, finalTrainAccuracy: finalTrain.accuracy,
            finalTestLoss: history.last?.testLoss, finalTestAccuracy: history.last?.testAccuracy, seconds: history.trainingSeconds)
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
