import Foundation

/// A learning rate as a function of the step index (0-based). Whether a step is a batch or an
/// epoch is the caller's choice.
/// The training loop sets the optimizer's rate from `learningRate(at:)` explicitly.
public protocol LearningRateSchedule {
    /// The registry name ("exp_decay").
    var name: String { get }
    /// The rate for a step.
    /// - Parameter step: counted from 0 (an epoch or an iteration, as the caller applies it).
    func learningRate(at step: Int) -> Double
}

/// A schedule that also reads a metric after every epoch, as PyTorch's `ReduceLROnPlateau`: the
/// training loop feeds it the metric `monitor` names once per epoch, and before the next epoch
/// sets the optimizer's rate from `learningRate(at:)`. A user's own conforms the same way.
public protocol MetricDrivenSchedule: LearningRateSchedule, AnyObject {
    /// The metric it reads: "trainLoss", "trainAccuracy", "testLoss" or "testAccuracy".
    var monitor: String { get }
    /// Takes one epoch's value of the metric.
    /// - Parameter metric: the value.
    func observe(_ metric: Double)
}

/// lr_i = lr₀.
public struct ConstantSchedule: LearningRateSchedule {
    public let initialRate: Double
    /// - Parameter initialRate: lr₀.
    public init(initialRate: Double) { self.initialRate = initialRate }
    public var name: String { "constant" }
    public func learningRate(at step: Int) -> Double { initialRate }
}

/// lr_i = lr₀·d^⌊i/L⌋: step decay.
public struct StepDecaySchedule: LearningRateSchedule {
    public let initialRate: Double, decayRate: Double, stepLength: Int
    /// - Parameters:
    ///   - initialRate: lr₀.
    ///   - decayRate: d, the factor per step length.
    ///   - stepLength: L, steps between decays.
    public init(initialRate: Double, decayRate: Double, stepLength: Int) {
        (self.initialRate, self.decayRate, self.stepLength) = (initialRate, decayRate, max(stepLength, 1))
    }
    public var name: String { "step_decay" }
    public func learningRate(at step: Int) -> Double { initialRate * pow(decayRate, Double(step / stepLength)) }
}

/// lr_i = lr₀·exp(−d·i): exponential decay in closed form.
public struct ExponentialDecaySchedule: LearningRateSchedule {
    public let initialRate: Double, decayRate: Double
    /// - Parameters:
    ///   - initialRate: lr₀.
    ///   - decayRate: d.
    public init(initialRate: Double, decayRate: Double) {
        (self.initialRate, self.decayRate) = (initialRate, decayRate)
    }
    public var name: String { "exp_decay" }
    public func learningRate(at step: Int) -> Double { initialRate * exp(-decayRate * Double(step)) }
}

/// lr_i = lr₀/(1 + d·i): 1/t decay in closed form.
public struct InverseTimeDecaySchedule: LearningRateSchedule {
    public let initialRate: Double, decayRate: Double
    /// - Parameters:
    ///   - initialRate: lr₀.
    ///   - decayRate: d.
    public init(initialRate: Double, decayRate: Double) {
        (self.initialRate, self.decayRate) = (initialRate, decayRate)
    }
    public var name: String { "t_frac_decay" }
    public func learningRate(at step: Int) -> Double { initialRate / (1 + decayRate * Double(step)) }
}

/// lr_i = lr_min + (lr₀ − lr_min)·(1 + cos(π·i/T))/2 for i ≤ T, then lr_min (cosine annealing without restarts).
public struct CosineAnnealingSchedule: LearningRateSchedule {
    public let initialRate: Double, minimumRate: Double, period: Int
    /// - Parameters:
    ///   - initialRate: lr₀, the rate at the start of each period.
    ///   - period: steps per cosine half-wave.
    ///   - minimumRate: the rate at the end of a period.
    public init(initialRate: Double, period: Int, minimumRate: Double = 0) {
        (self.initialRate, self.period, self.minimumRate) = (initialRate, max(period, 1), minimumRate)
    }
    public var name: String { "cosine" }
    public func learningRate(at step: Int) -> Double {
        let progress = Double(min(step, period)) / Double(period)
        return minimumRate + (initialRate - minimumRate) * (1 + cos(Double.pi * progress)) / 2
    }
}
