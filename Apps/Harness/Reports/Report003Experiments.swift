import Backprop
import Foundation

/// The extra runs behind report 003's findings (full mode only): each is a table's run changed in
/// one setting, through the normal cached runner.
extension Report003 {
    /// One finding's run: what it changes, relative to which row, and the request.
    struct Experiment {
        let change: String
        let request: RunRequest
    }

    /// A copy of `base` that differs in `change` (named in its label, so its cache key differs).
    private func variant(
        _ base: RunRequest, _ change: String, measured: Bool = false, _ edit: (inout RunRequest) -> Void = { _ in }
    ) -> Experiment {
        var request = base
        request.label += " | finding: \(change)"
        request.recording.evaluateEveryEpoch = true
        if measured {
            request.recording.evaluateTrainingSet = true
            request.recording.recordsParameterSquaredNorm = true
        }
        edit(&request)
        return Experiment(change: change, request: request)
    }

    /// A table's row run again with extra measurements: its short name, the table run's label, the
    /// run, and the paper's printed results for the row (accuracies in %).
    struct MeasuredRow {
        let name: String, tableLabel: String
        let experiment: Experiment
        let paper: PaperResults
    }

    /// The momentum-0.0 row (the largest train-loss miss) and the B = 400 row, measured every
    /// epoch, then the m = 0.0 run with one convention changed at a time.
    func trainLossExperiments() -> (measured: [MeasuredRow], conventions: [Experiment]) {
        let slow = request(baseline, momentum: 0.0)
        let wide = request(baseline, batch: 400)
        let slowPaper = paper13[0].results
        var initialisation = slow
        if case .mlp(var mlp) = slow.model {
            mlp.initializer = InitializerSpec(name: "normal", ["standardDeviation": .number(0.1)])
            initialisation.model = .mlp(mlp)
        }
        let measured = [
            MeasuredRow(
                name: "m 0.0", tableLabel: slow.label,
                experiment: variant(slow, "measured every epoch", measured: true),
                paper: PaperResults(
                    trainLoss: slowPaper.trainLoss, trainAccuracy: 100 * slowPaper.trainAccuracy,
                    testLoss: slowPaper.testLoss, testAccuracy: 100 * slowPaper.testAccuracy)),
            MeasuredRow(
                name: "B 400", tableLabel: wide.label,
                experiment: variant(wide, "measured every epoch", measured: true),
                paper: paper14.first { $0.value == 400 }!.results),
        ]
        let conventions = [
            variant(slow, "50,000 training images") { $0.dataset.trainCount = 50_000 },
            variant(slow, "55,000 training images") { $0.dataset.trainCount = 55_000 },
            variant(slow, "pixels x/255") { $0.dataset.settings["preprocessing"] = "unitScale" },
            variant(initialisation, "init std 0.1"),
        ]
        return (measured, conventions)
    }

    /// The two batch sizes whose test accuracy misses, with two more seeds each.
    func batchSeedExperiments() -> [(batch: Int, trial: Int, experiment: Experiment)] {
        [10, 30].flatMap { batch in
            (1...2).map { trial in
                var base = request(baseline, batch: batch)
                base.seed = context.seed("003", trial: trial)
                return (batch, trial, variant(base, "seed \(trial)"))
            }
        }
    }

    /// Table 12's lr 0.1 row, whose test accuracy moved out of its band with the BLAS kernel family, with two more seeds.
    func rateSeedExperiments() -> [Experiment] {
        (1...2).map { trial in
            var base = request(baseline, rate: 0.1)
            base.seed = context.seed("003", trial: trial)
            return variant(base, "seed \(trial)")
        }
    }

    /// The 1-layer ReLU SCE row measured every epoch, and without weight decay.
    func oneLayerExperiments() -> (measured: Experiment, withoutDecay: Experiment) {
        let base = request(models[5])
        return (
            variant(base, "measured every epoch", measured: true),
            variant(base, "no weight decay") { $0.training.optimizer.settings["weightDecay"] = 0 }
        )
    }

    /// The 0-layer SCE row measured every epoch.
    func zeroLayerExperiment() -> Experiment {
        variant(request(models[1]), "measured every epoch", measured: true)
    }

    /// Every finding run, in full mode; none in quick mode (3 epochs say nothing about the paper's 100).
    func experimentRequests() -> [RunRequest] {
        guard context.mode == .full, context.data.hasMNIST else { return [] }
        let trainLoss = trainLossExperiments()
        let oneLayer = oneLayerExperiments()
        return trainLoss.measured.map(\.experiment.request) + trainLoss.conventions.map(\.request)
            + batchSeedExperiments().map(\.experiment.request) + rateSeedExperiments().map(\.request)
            + [oneLayer.measured.request, oneLayer.withoutDecay.request, zeroLayerExperiment().request]
    }
}
