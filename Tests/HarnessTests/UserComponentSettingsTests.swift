import ArgumentParser
import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// Issue 22: a user's optimizer, metric-driven schedule and observer each declare settings of
/// their own, receive them from a recipe through the registry, and run in `train`.
final class UserComponentSettingsTests: XCTestCase {
    /// Lion (Chen et al. 2023): w ← w − η·(sign(β₁m + (1 − β₁)g) + λw), m ← β₂m + (1 − β₂)g.
    final class Lion: ParameterwiseOptimizer<Float> {
        static let settings: [Setting] = [
            .numbers("betas", default: [0.9, 0.99], in: .halfOpenUnitInterval, "β₁ for the update, β₂ for the moment"),
            .number("weightDecay", default: 0, in: .nonNegative, "λ, decoupled"),
        ]
        let beta1: Float, beta2: Float, weightDecay: Float

        init(parameters: [Parameter<Float>], settings: ComponentSettings) throws {
            let betas = try settings.numbers("betas")
            (beta1, beta2, weightDecay) = (Float(betas[0]), Float(betas[1]), Float(try settings.number("weightDecay")))
            super.init(
                parameters: parameters, learningRate: try settings.number("learningRate"), slotNames: ["exp_avg"])
        }

        override func update(_ parameter: Parameter<Float>, state: inout [Tensor<Float>], step: Int) throws {
            let rate = Float(learningRate)
            var m = state[0].scalars
            var w = parameter.value.scalars
            for (i, g) in parameter.grad.scalars.enumerated() {
                let direction = beta1 * m[i] + (1 - beta1) * g
                w[i] -= rate * ((direction > 0 ? 1 : direction < 0 ? -1 : 0) + weightDecay * w[i])
                m[i] = beta2 * m[i] + (1 - beta2) * g
            }
            parameter.value = try Tensor(shape: parameter.value.shape, scalars: w)
            state[0] = try Tensor(shape: parameter.value.shape, scalars: m)
        }
    }

    /// Halves the rate whenever the watched metric got worse than the epoch before.
    final class HalveOnWorse: MetricDrivenSchedule {
        let monitor: String
        private(set) var rate: Double
        private var previous: Double?
        var name: String { "halve_on_worse" }

        init(initialRate: Double, settings: ComponentSettings) throws {
            (rate, monitor) = (initialRate, try settings.string("monitor"))
        }

        func learningRate(at step: Int) -> Double { rate }

        func observe(_ metric: Double) {
            if let previous, metric > previous { rate /= 2 }
            previous = metric
        }
    }

    /// Stops once the training loss is below `target`, recording every epoch's loss.
    final class StopBelow: TrainingObserver {
        let target: Double
        init(target: Double) { self.target = target }

        func epochDidEnd(_ record: inout EpochRecord, _ state: TrainingState<Float>) throws -> ObserverDecision {
            state.record(record.trainLoss, as: "seen loss")
            return record.trainLoss < target ? .stop : .proceed
        }
    }

    var registry: ComponentRegistry {
        var registry = ComponentRegistry.standard
        registry.register(optimizer: "lion", settings: Lion.settings) { try Lion(parameters: $0, settings: $1) }
        registry.register(
            schedule: "halve_on_worse",
            settings: [.choice("monitor", default: EpochMetric.trainLoss, "the metric watched")]
        ) { try HalveOnWorse(initialRate: $0, settings: $1) }
        registry.register(
            observer: "stop-below", settings: [.number("target", in: .positive, required: true, "the loss to reach")]
        ) { StopBelow(target: try $0.number("target")) }
        return registry
    }

    func recipe(optimizer: String, extra: String = "", epochs: Int = 6) -> String {
        """
        {"dataset": {"name": "disk", "trainCount": 300, "testCount": 100},
         "model": {"hidden": [16]},
         "training": {"epochs": \(epochs), "batchSize": 10, "shuffle": true, "optimizer": \(optimizer)\(extra)},
         "seed": 11}
        """
    }

    /// `train --config` with `text`, in a scratch folder; returns the epochs of history.json.
    func runTrain(_ text: String, registry: ComponentRegistry) throws -> [[String: Any]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("user-settings-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.createFolders(folder)
        let config = folder.appendingPathComponent("recipe.json")
        try Data(text.utf8).write(to: config)
        let out = folder.appendingPathComponent("out")
        try TrainCommand.parse(["--config", config.path, "--out", out.path]).run(registry: registry)
        let history = try Data(contentsOf: out.appendingPathComponent("history.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: history) as? [[String: Any]])
    }

    func testAUserOptimizerTakesItsOwnSettingsFromARecipe() throws {
        let lion = #"{"name": "lion", "learningRate": 0.001, "betas": [0.95, 0.98], "weightDecay": 0.01}"#
        let epochs = try runTrain(recipe(optimizer: lion), registry: registry)
        let losses = epochs.compactMap { $0["trainLoss"] as? Double }
        XCTAssertEqual(losses.count, 6)
        XCTAssertLessThan(losses.last!, losses.first!, "Lion trains")
        let history = try TrainingRecipe.decode(Data(recipe(optimizer: lion).utf8), source: "x").run(
            registry: registry
        ).history
        let defaults = try TrainingRecipe.decode(
            Data(recipe(optimizer: #"{"name": "lion", "learningRate": 0.001}"#).utf8), source: "x"
        ).run(registry: registry).history
        for (library, written) in zip(history.epochs.map(\.trainLoss), losses) {
            XCTAssertEqual(library, written, accuracy: 1e-12, "train and the library run the same")
        }
        XCTAssertNotEqual(history.epochs.last!.trainLoss, defaults.epochs.last!.trainLoss, "the betas reach Lion")
        XCTAssertThrowsError(
            try runTrain(
                recipe(optimizer: #"{"name": "lion", "learningRate": 0.001, "momentum": 0.9}"#), registry: registry)
        ) {
            XCTAssertTrue("\($0)".contains("training.optimizer (lion): unknown setting \"momentum\""), "\($0)")
            XCTAssertTrue("\($0)".contains("it takes: betas, learningRate, weightDecay"), "\($0)")
        }
    }

    /// Lion's first step by hand: m = 0, so w ← w − η·(sign(g) + λ·w).
    func testLionsFirstStepIsTheHandComputedOne() throws {
        let w = Parameter(Tensor<Float>([1, -2, 0.5]), name: "w")
        w.grad = Tensor([0.3, -0.1, 0])
        let settings = try ComponentSettings(
            location: "test", values: ["learningRate": 0.1, "weightDecay": 0.5],
            declarations: [ComponentRegistry.learningRateSetting] + Lion.settings)
        try Lion(parameters: [w], settings: settings).step()
        let expected: [Float] = [1 - 0.1 * (1 + 0.5), -2 - 0.1 * (-1 - 1), 0.5 - 0.1 * 0.25]
        XCTAssertEqual(w.value.scalars, expected)
    }

    func testAUserMetricDrivenScheduleIsFedItsMetricEveryEpoch() throws {
        // A large rate makes the loss bounce, so the schedule halves it at least once.
        let text = recipe(
            optimizer: #"{"name": "sgd", "learningRate": 2.0, "momentum": 0.9}"#,
            extra: #", "schedule": {"name": "halve_on_worse", "monitor": "trainLoss"}"#, epochs: 8)
        let epochs = try runTrain(text, registry: registry)
        let losses = epochs.compactMap { $0["trainLoss"] as? Double }
        let rates = epochs.compactMap { $0["learningRate"] as? Double }
        XCTAssertEqual(rates.first, 2.0)
        var expected = [2.0, 2.0]
        for (previous, loss) in zip(losses, losses.dropFirst()).dropLast() {
            expected.append(loss > previous ? expected.last! / 2 : expected.last!)
        }
        XCTAssertEqual(Array(rates.prefix(expected.count)), expected, "halved exactly after each worse epoch")
        XCTAssertLessThan(rates.last!, 2.0, "it did halve")
    }

    func testAUserObserverStopsTrainingByRecipe() throws {
        let text = recipe(
            optimizer: #"{"name": "adam", "learningRate": 0.01}"#,
            extra: #", "observers": [{"name": "stop-below", "target": 0.4}]"#, epochs: 50)
        let epochs = try runTrain(text, registry: registry)
        let losses = epochs.compactMap { $0["trainLoss"] as? Double }
        XCTAssertLessThan(losses.count, 50, "stopped early")
        XCTAssertLessThan(losses.last!, 0.4)
        XCTAssertTrue(losses.dropLast().allSatisfy { $0 >= 0.4 }, "at the first epoch below the target")
        let history = try TrainingRecipe.decode(Data(text.utf8), source: "x").run(registry: registry).history
        XCTAssertEqual(history.stoppedBy, "StopBelow")
        let seen = try XCTUnwrap(history.observations?["seen loss"])
        XCTAssertEqual(seen.count, losses.count)
        for (recorded, written) in zip(seen, losses) { XCTAssertEqual(recorded, written, accuracy: 1e-12) }
    }

    func testBuiltInEarlyStoppingStopsAfterItsPatience() throws {
        let text = recipe(
            optimizer: #"{"name": "sgd", "learningRate": 3.0}"#,
            extra: #", "observers": [{"name": "early-stopping", "monitor": "testLoss", "patience": 1}]"#, epochs: 40)
        let history = try TrainingRecipe.decode(Data(text.utf8), source: "x").run(registry: .standard).history
        let losses = history.epochs.map { $0.testLoss! }
        var best = losses[0]
        var worse = 0
        var stopEpoch = losses.count
        for (index, loss) in losses.enumerated().dropFirst() {
            if loss < best { (best, worse) = (loss, 0) } else { worse += 1 }
            if worse > 1 {
                stopEpoch = index + 1
                break
            }
        }
        XCTAssertEqual(history.epochs.count, stopEpoch, "stops at the second epoch in a row without a new best")
        if stopEpoch < 40 { XCTAssertEqual(history.stoppedBy, "EarlyStopping") }
    }

    func testTrainListsEveryComponentWithItsSettingsAUsersIncluded() throws {
        let listing = ComponentCatalog(registry: registry).description
        for fragment in [
            "optimizers:", "  adam\n", "      betas = [0.9, 0.999]: a list of 2 numbers, each in [0, 1)",
            "  lion (yours: Lion)", "      weightDecay = 0: a number ≥ 0; λ, decoupled",
            "schedules:", "  halve_on_worse (yours: HalveOnWorse)", "  plateau\n", "      patience = 10",
            "observers:", "  early-stopping\n", "  stop-below (yours: StopBelow)", "      target (required)",
            "layers:", "      out (optional)", "initializers:", "      standardDeviation = 1",
            "datasets:", "  mnist\n", "      validationSplit = false", "losses:", "  relu: no settings",
        ] {
            XCTAssertTrue(listing.contains(fragment), "missing \(fragment)")
        }
        XCTAssertNoThrow(try TrainCommand.parse(["--components"]).run(registry: registry))
    }
}
