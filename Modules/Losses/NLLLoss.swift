import TensorCore

/// Negative log-likelihood on log-probabilities (after `LogSoftmax`): L = −Σ_i y_i·ℓ_i, ∂L/∂ℓ = −y.
public struct NLLLoss<Scalar: TensorScalar>: Loss {
    public let reduction: Reduction

    /// - Parameter reduction: batch mean or sum.
    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func evaluate(predicted: Tensor<Scalar>, target: Tensor<Scalar>) throws -> (
        value: Scalar, gradient: Tensor<Scalar>
    ) {
        let dense = try Targets.dense(target, like: predicted)
        let scale: Scalar = reduction.scale(count: predicted.rowCount)
        return (-(try dense * predicted).sum() * scale, -dense * scale)
    }
}
