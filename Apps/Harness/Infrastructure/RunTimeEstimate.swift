import Backprop
import Foundation

/// How long shared-loop runs will take on this machine, estimated without their data: the run's
/// own model, loss and optimizer (from the registry, so a user's components are what is timed)
/// train one epoch on random examples of the run's input shape and evaluate them, and the seconds
/// per example are scaled to the run's epochs and set sizes. Runs with the same model and batch
/// size share one calibration.
final class RunTimeEstimate {
    let registry: ComponentRegistry
    /// Examples trained on and evaluated during a calibration.
    let calibrationExamples: Int
    private var calibrations: [String: (train: Double, test: Double)] = [:]

    init(registry: ComponentRegistry, calibrationExamples: Int = 400) {
        self.registry = registry
        self.calibrationExamples = calibrationExamples
    }

    /// Estimated seconds of `request` on `trainCount` training and `testCount` test examples of
    /// `inputShape` in `classes` classes (one test evaluation per epoch, or one at the end, as the run records).
    func seconds(of request: RunRequest, inputShape: [Int], classes: Int, trainCount: Int, testCount: Int) throws
        -> Double
    {
        guard let model = request.model else {
            throw RecipeError.malformed(source: request.label, detail: "a shared-loop run needs a model")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let key = String(decoding: try encoder.encode(model), as: UTF8.self) + " batch \(request.training.batchSize)"
        let perExample =
            try calibrations[key] ?? calibrate(request, model: model, inputShape: inputShape, classes: classes)
        calibrations[key] = perExample
        let epochs = Double(request.training.epochs)
        let testPasses = request.recording.evaluateEveryEpoch ? epochs : 1
        let trainPasses = request.recording.skipsFinalTrainEvaluation == true ? 0.0 : 1
        return epochs * Double(trainCount) * perExample.train
            + (testPasses * Double(testCount) + trainPasses * Double(trainCount)) * perExample.test
    }

    /// Seconds per training example and per evaluated example of `request`'s setup.
    private func calibrate(_ request: RunRequest, model: ModelSpec, inputShape: [Int], classes: Int) throws -> (
        train: Double, test: Double
    ) {
        let random = RandomSource(seed: 0)
        let features: Tensor<Float> = random.gaussianTensor([calibrationExamples] + inputShape)
        let examples = try LabeledDataset(
            features: features, labels: (0..<calibrationExamples).map { $0 % classes }, classCount: classes)
        var setup = try TrainingSetup(
            registry: registry, model: model, training: request.training, inputShape: inputShape, random: random)
        setup.configuration.epochs = 1
        setup.configuration.nonFinitePolicy = .continue
        let trainStart = Date()
        _ = try setup.trainer.fit(train: examples, configuration: setup.configuration, random: random)
        let train = Date().timeIntervalSince(trainStart) / Double(calibrationExamples)
        let testStart = Date()
        _ = try setup.trainer.evaluate(examples, configuration: setup.configuration)
        return (train, Date().timeIntervalSince(testStart) / Double(calibrationExamples))
    }
}
