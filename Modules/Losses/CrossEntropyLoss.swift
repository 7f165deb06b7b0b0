import TensorCore

/// Cross entropy on probabilities (after a separate `Softmax`), L = −Σ_i y_i log(p_i + ε), ∂L/∂p_i = −y_i/(p_i + ε).
///
/// It exists for report 000, which uses this pair with ε = 1e-20. When the correct class's
/// probability underflows the gradient vanishes, which is why `SoftmaxCrossEntropyLoss` is the default.
public struct CrossEntropyLoss<Scalar: TensorScalar>: Loss {
    public let epsilon: Scalar
    public let reduction: Reduction

    /// - Parameters:
    ///   - epsilon: added to each probability inside the log.
    ///   - reduction: batch mean or sum.
    public init(epsilon: Scalar = 1e-20, reduction: Reduction = .mean) {
        self.epsilon = epsilon
        self.reduction = reduction
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func evaluate(predicted: Tensor<Scalar>, target: Tensor<Scalar>) throws -> (
        value: Scalar, gradient: Tensor<Scalar>
    ) {
        let dense = try Targets.dense(target, like: predicted)
        let shifted = predicted + epsilon
        let scale: Scalar = reduction.scale(count: predicted.rowCount)
        let value = -(try dense * shifted.log()).sum() * scale
        return (value, try -dense / shifted * scale)
    }
}
