import Backprop
import Foundation

/// A run a built-in report's findings add beyond its groups' (`ReportSpec.experiments`): one
/// variant's first trial with a change (recipe fields, recording, the trial whose seed it takes),
/// named in runs.csv after that run as "<run> | finding: <change>". Experiments run in full mode
/// only, through the same cached runner as every run.
struct ExperimentSpec: Codable, StrictRecipeObject {
    /// The name the findings hook reads its result by.
    var name: String
    /// The variant whose first trial it changes.
    var variant: String
    /// What it changes, as runs.csv names it ("50,000 training images").
    var change: String
    /// Recipe fields it sets, by dotted path (`"dataset.trainCount": 50000`).
    var set: [String: SettingValue]?
    /// What it records beyond its variant's runs; every experiment is evaluated after each epoch.
    var recording: RecordingSettings?
    /// The trial whose seed it takes (by default 0, the variant's own run).
    var trial: Int?
}

extension SpecReport {
    /// The run of `experiment`; its recipe fields were checked when the spec was loaded.
    func request(_ experiment: ExperimentSpec, _ context: ReproductionContext) throws -> RunRequest {
        guard let variant = variants(named: [experiment.variant]).first else {
            throw RecipeError.malformed(
                source: file, detail: "experiment \(experiment.name): no variant \"\(experiment.variant)\"")
        }
        var request = self.request(variant, trial: 0, context)
        request.label += " | finding: \(experiment.change)"
        if let trial = experiment.trial { request.seed = context.seed(variant.seedName, trial: trial) }
        if let recipe = try changedRecipe(experiment, of: variant) {
            request.dataset = recipe.dataset
            request.model = recipe.model
            request.training = recipe.training
        }
        request.recording = request.recording.overridden(by: experiment.recording)
        request.recording.evaluateEveryEpoch = true
        return request
    }

    /// The full-mode recipe of `variant` with the experiment's fields set (nil when it sets none).
    func changedRecipe(_ experiment: ExperimentSpec, of variant: SpecVariant) throws -> TrainingRecipe? {
        guard let changes = experiment.set, !changes.isEmpty else { return nil }
        var tree = variant.fullRecipe
        for (path, value) in changes.sorted(by: { $0.key < $1.key }) {
            tree = try RunGroupSpec.setting(
                tree, path: path, to: value, field: "experiments (\(experiment.name)).set", source: file)
        }
        return try RunGroupSpec.decode(tree, source: "\(file): experiment \(experiment.name)")
    }

    /// The experiments' runs: in full mode, when their variants' data is here.
    func experimentRequests(_ context: ReproductionContext) -> [RunRequest] {
        guard context.mode == .full else { return [] }
        return (spec.experiments ?? []).compactMap { experiment in
            guard let request = try? request(experiment, context), !context.data.isMissing(request.dataset.name)
            else { return nil }
            return request
        }
    }
}

extension ReportHookInput {
    /// The result of the spec's experiment `name` (nil: failed, or not run); a name the spec does
    /// not have is a defect of the built-in report.
    func experiment(_ name: String) -> RunResult? {
        guard let experiment = report.spec.experiments?.first(where: { $0.name == name }) else {
            preconditionFailure("report \(report.prefix)'s spec has no experiment \"\(name)\"")
        }
        return (try? report.request(experiment, context)).flatMap(result)
    }
}

extension RecordingSpec {
    /// This recording with every field `settings` sets taking its value.
    func overridden(by settings: RecordingSettings?) -> RecordingSpec {
        guard let settings else { return self }
        var recording = self
        recording.evaluateEveryEpoch = settings.evaluateEveryEpoch ?? evaluateEveryEpoch
        recording.evaluateBeforeTraining = settings.evaluateBeforeTraining ?? evaluateBeforeTraining
        recording.evaluateTrainingSet = settings.evaluateTrainingSet ?? evaluateTrainingSet
        recording.evaluateTestInTrainingMode = settings.evaluateTestInTrainingMode ?? evaluateTestInTrainingMode
        recording.iterationWindow = settings.iterationWindow ?? iterationWindow
        recording.rawIterations = settings.rawIterations ?? rawIterations
        recording.evaluationInterval = settings.evaluationInterval ?? evaluationInterval
        recording.nonFiniteStops = settings.nonFiniteStops ?? nonFiniteStops
        recording.skipsFinalTrainEvaluation = settings.skipsFinalTrainEvaluation ?? skipsFinalTrainEvaluation
        recording.recordsParameterSquaredNorm = settings.recordsParameterSquaredNorm ?? recordsParameterSquaredNorm
        return recording
    }
}
