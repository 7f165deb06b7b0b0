import TensorCore

/// The Euclidean loss, L = (1/2N)·Σ_n ‖p_n − t_n‖², with ∂L/∂p_n = (p_n − t_n)/N.
public struct EuclideanLoss<Scalar: TensorScalar>: Loss {
    public var targets: LossTargets { .values }
    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func evaluate(predicted: Tensor<Scalar>, target: Tensor<Scalar>) throws -> (
        value: Scalar, gradient: Tensor<Scalar>
    ) {
        let dense = try Targets.dense(target, like: predicted)
        let difference = try predicted - dense
        let n = Scalar(Swift.max(predicted.rowCount, 1))
        return (difference.squared().sum() / (2 * n), difference / n)
    }
}
