import Backprop
import Foundation

/// Which data a run trains and evaluates on.
struct DatasetSpec: Codable, Hashable {
    /// "disk", "syn20", "syng", "mnist".
    var name: String
    var trainCount: Int?
    var testCount: Int?
    /// MNIST preprocessing ("centered", "standardized", "unitScale").
    var preprocessing: String?
    /// Report 004: train on the first 55,000 training images, evaluate on the last 5,000.
    var validationSplit: Bool?
}

/// What to record beyond per-epoch metrics.
struct RecordingSpec: Codable, Hashable {
    var evaluateEveryEpoch = true
    var evaluateBeforeTraining = false
    var evaluateTrainingSet = false
    var evaluateTestInTrainingMode = false
    /// Mean loss and accuracy over windows of this many iterations (report 003: 50).
    var iterationWindow: Int?
    /// Keep the loss of each of the first this-many iterations (report 004 Figs. 4–5).
    var rawIterations: Int?
    var evaluationInterval: Int?
    var nonFiniteStops = true
}

/// One cacheable training run: data, model, training settings, recording and seed.
/// Its JSON encoding (sorted keys) is the cache key, so any change of setting is a new run.
struct RunRequest: Codable, Hashable {
    /// "mlp" (the shared loop), "scalar-synthetic" (report 004's scalar network), "cifar-cnn".
    var kind: String
    var label: String
    var dataset: DatasetSpec
    var model: ModelSpec?
    var training: TrainingSpec
    var recording = RecordingSpec()
    var seed: UInt64

    var key: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    var hash: String { String(SHA256.hexDigest(Array(key.utf8)).prefix(24)) }
}

/// What a run produced: the training history reduced to what the reports need.
struct RunResult: Codable {
    var history: TrainingHistory
    /// Window means of per-iteration loss and accuracy (when `iterationWindow` was set).
    var windowLosses: [Double] = []
    var windowAccuracies: [Double] = []
    /// Final evaluations on the training and test sets.
    var finalTrainLoss: Double?
    var finalTrainAccuracy: Double?
    var finalTestLoss: Double?
    var finalTestAccuracy: Double?
    var seconds: Double
}

/// A seed derived from (experiment, trial), written into the outputs (spec §0, Randomness).
func derivedSeed(base: UInt64, experiment: String, trial: Int) -> UInt64 {
    let digest = SHA256.hexDigest(Array("\(base)/\(experiment)/\(trial)".utf8))
    return UInt64(digest.prefix(12), radix: 16) ?? 0
}
