import Backprop
import Foundation

/// What the reports' runs record beyond per-epoch metrics, as the fields their cache keys have
/// always held. These fields are closed: each maps to a built-in observer (`observers`) or a
/// reduction of the result, and a new measurement is an observer named in `training.observers`
/// instead of a new field here.
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
    /// Skip the final evaluation of the whole training set (CIFAR-10: it would cost a third of an epoch). Absent means false.
    var skipsFinalTrainEvaluation: Bool?
    /// Record Σθ² over every parameter after training (for a loss that includes the weight-decay
    /// term ½·wd·Σθ²). Absent means false, so older runs keep their cache keys.
    var recordsParameterSquaredNorm: Bool?

    /// The built-in observers these fields stand for, in the order the loop has always run them.
    var observers: [any TrainingObserver<Float>] {
        var observers: [any TrainingObserver<Float>] = []
        if evaluateBeforeTraining { observers.append(InitialEvaluation()) }
        if iterationWindow != nil || rawIterations != nil { observers.append(IterationLog()) }
        if let evaluationInterval { observers.append(PeriodicEvaluation(interval: evaluationInterval)) }
        if evaluateTrainingSet { observers.append(TrainingSetEvaluation()) }
        if evaluateTestInTrainingMode { observers.append(TestLossInTrainingMode()) }
        return observers
    }
}

/// How a run is executed. The raw values are the ones cache keys have always held.
enum RunKind: String, Codable {
    /// The shared training loop on a model built from the registry (any layer list; "mlp" for history).
    case sharedLoop = "mlp"
    /// Report 004's scalar 2-3-2 network, trained one example at a time outside the registry.
    case scalarSynthetic = "scalar-synthetic"
}

/// One cacheable training run: data, model, training settings, recording, seed and the user's
/// components it uses. Its JSON encoding (sorted keys) is the cache key, so any change of setting,
/// and any component swapped into a slot the run uses, is a new run.
struct RunRequest: Codable, Hashable {
    var kind: RunKind
    var label: String
    var dataset: DatasetSpec
    var model: ModelSpec?
    var training: TrainingSpec
    var recording = RecordingSpec()
    var seed: UInt64
    /// SHA-256 of the data files, for data without a published checksum that is verified on load
    /// (CIFAR-10); absent otherwise, so other runs keep their cache keys.
    var dataIdentity: String?
    /// The registry slots this run uses that a user filled ("optimizer sgd" → "StudentSGD"); absent with built-ins only.
    var components: [String: String]?

    var key: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Non-finite numbers (the only values JSONEncoder refuses here) are written as strings, so
        // every request has its own key; finite ones encode as they always have.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(self) else {
            preconditionFailure("a run request of strings and numbers failed to encode: \(label)")
        }
        return String(decoding: data, as: UTF8.self)
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
    /// Σθ² over every parameter after training (when `recordsParameterSquaredNorm` was set).
    var finalParameterSquaredNorm: Double?
    var seconds: Double
}

/// A seed derived from (experiment, trial), written into the outputs (spec §0, Randomness).
func derivedSeed(base: UInt64, experiment: String, trial: Int) -> UInt64 {
    let digest = SHA256.hexDigest(Array("\(base)/\(experiment)/\(trial)".utf8))
    return UInt64(digest.prefix(12), radix: 16) ?? 0
}
