/// Lowers the learning rate when a monitored metric stops improving, with
/// PyTorch's `ReduceLROnPlateau` semantics: after more than `patience` calls without an
/// improvement beyond `threshold`, the rate is multiplied by `factor` (not below `minimumRate`),
/// then `cooldown` calls pass before bad calls count again. Call `step(metric:)` once per epoch;
/// the training loop does so through `MetricDrivenSchedule.observe(_:)` with the metric `monitor` names.
public final class ReduceLROnPlateau: MetricDrivenSchedule {
    /// Whether a lower (loss) or a higher (accuracy) metric is better.
    public enum Mode: String, Sendable, CaseIterable { case minimize, maximize }
    /// Whether `threshold` is a fraction of the best value or an absolute margin.
    public enum ThresholdMode: String, Sendable, CaseIterable { case relative, absolute }

    public let mode: Mode, thresholdMode: ThresholdMode
    public let factor: Double, patience: Int, threshold: Double, cooldown: Int, minimumRate: Double
    public let monitor: String
    public private(set) var learningRate: Double
    public private(set) var best: Double
    public private(set) var badCalls = 0
    private var cooldownLeft = 0
    /// The 1-based call numbers at which the rate was reduced.
    public private(set) var reductions: [Int] = []
    private var calls = 0

    /// - Parameters:
    ///   - initialRate: the starting rate.
    ///   - mode: whether smaller or larger values of the metric are better.
    ///   - factor: the rate is multiplied by this (< 1) on a plateau.
    ///   - patience: epochs without improvement before a reduction.
    ///   - threshold: the least change that counts as an improvement.
    ///   - thresholdMode: whether `threshold` is relative or absolute.
    ///   - cooldown: epochs to wait after a reduction.
    ///   - minimumRate: the rate never goes below this.
    ///   - monitor: the name of the metric the training loop feeds it ("trainLoss", "testLoss", …).
    public init(
        initialRate: Double, mode: Mode = .minimize, factor: Double = 0.1, patience: Int = 10,
        threshold: Double = 1e-4, thresholdMode: ThresholdMode = .relative, cooldown: Int = 0, minimumRate: Double = 0,
        monitor: String = "trainLoss"
    ) {
        self.monitor = monitor
        (self.learningRate, self.mode, self.factor, self.patience) = (initialRate, mode, factor, patience)
        (self.threshold, self.thresholdMode, self.cooldown, self.minimumRate) = (
            threshold, thresholdMode, cooldown, minimumRate
        )
        best = mode == .minimize ? .infinity : -.infinity
    }

    public var name: String { "plateau" }

    /// The current rate, whatever the step: it changes only when a metric is fed.
    public func learningRate(at step: Int) -> Double { learningRate }

    public func observe(_ metric: Double) { step(metric: metric) }

    /// Feeds one value of the metric; returns the learning rate to use from now on.
    @discardableResult
    public func step(metric: Double) -> Double {
        calls += 1
        if isImprovement(metric) {
            best = metric
            badCalls = 0
        } else {
            badCalls += 1
        }
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            badCalls = 0
        }
        if badCalls > patience {
            let reduced = max(learningRate * factor, minimumRate)
            if learningRate - reduced > 1e-8 {
                learningRate = reduced
                reductions.append(calls)
            }
            cooldownLeft = cooldown
            badCalls = 0
        }
        return learningRate
    }

    private func isImprovement(_ value: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.minimize, .relative): return value < best * (1 - threshold)
        case (.minimize, .absolute): return value < best - threshold
        case (.maximize, .relative): return value > best * (1 + threshold)
        case (.maximize, .absolute): return value > best + threshold
        }
    }
}
