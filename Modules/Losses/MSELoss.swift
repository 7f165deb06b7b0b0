import TensorCore

/// Mean squared error over all elements, L = (1/M)·Σ(p − t)², ∂L/∂p = (2/M)(p − t).
/// With `.sum`, L = Σ(p − t)² and ∂L/∂p = 2(p − t).
public struct MSELoss<Scalar: TensorScalar>: Loss {
    public var targets: LossTargets { .values }
    public let reduction: Reduction

    /// - Parameter reduction: mean over all elements, or their sum.
    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func evaluate(predicted: Tensor<Scalar>, target: Tensor<Scalar>) throws -> (
        value: Scalar, gradient: Tensor<Scalar>
    ) {
        let dense = try Targets.dense(target, like: predicted)
        let difference = try predicted - dense
        let scale: Scalar = reduction.scale(count: predicted.count)
        return (difference.squared().sum() * scale, difference * (2 * scale))
    }
}
