import TensorCore

/// Batch normalisation over [N, F]: y = γ·(x − μ)/√(σ² + ε) + β, with μ, σ² the batch mean and
/// biased variance in training mode and the running estimates in evaluation mode.
///
/// Running statistics are buffers (saved, not trained), updated as PyTorch does:
/// r ← (1 − momentum)·r + momentum·batch value, with the unbiased variance.
public final class BatchNorm1d<Scalar: TensorScalar>: Module {
    public let weight: Parameter<Scalar>
    public let bias: Parameter<Scalar>
    public let runningMean: Parameter<Scalar>
    public let runningVariance: Parameter<Scalar>
    public let epsilon: Scalar, momentum: Scalar
    public var isTraining = true
    private var normalised: Tensor<Scalar>?
    private var inverseStd: Tensor<Scalar>?

    /// - Parameters:
    ///   - features: the width of each example (> 0).
    ///   - epsilon: added to the variance before its square root.
    ///   - momentum: the weight of a new batch in the running statistics.
    public init(features: Int, epsilon: Scalar = 1e-5, momentum: Scalar = 0.1) {
        precondition(features > 0, "BatchNorm1d: features must be positive, got \(features)")
        weight = Parameter(Tensor.ones([features]), name: "weight")
        bias = Parameter(Tensor.zeros([features]), name: "bias")
        runningMean = Parameter(Tensor.zeros([features]), name: "running_mean")
        runningVariance = Parameter(Tensor.ones([features]), name: "running_var")
        self.epsilon = epsilon
        self.momentum = momentum
    }

    public var parameters: [Parameter<Scalar>] { [weight, bias] }
    public var buffers: [Parameter<Scalar>] { [runningMean, runningVariance] }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard input.rank == 2, input.shape[1] == weight.value.count else {
            throw TensorError.shapeMismatch(
                operation: "BatchNorm1d.forward", lhs: input.shape, rhs: [-1, weight.value.count])
        }
        let mean: Tensor<Scalar>
        let variance: Tensor<Scalar>
        if isTraining {
            guard input.shape[0] > 1 else {
                throw TensorError.invalidShape(
                    operation: "BatchNorm1d.forward (training)", shape: input.shape,
                    expected: "more than one row per batch")
            }
            mean = try input.mean(alongAxis: 0)
            variance = try input.variance(alongAxis: 0, correction: 0)
            let n = Scalar(input.shape[0])
            runningMean.value = try runningMean.value * (1 - momentum) + mean * momentum
            runningVariance.value = try runningVariance.value * (1 - momentum) + variance * (momentum * n / (n - 1))
        } else {
            (mean, variance) = (runningMean.value, runningVariance.value)
        }
        let inverseStd = (variance + epsilon).sqrt().map { 1 / $0 }
        let normalised = try (input - mean) * inverseStd
        (self.normalised, self.inverseStd) = (normalised, inverseStd)
        return try normalised * weight.value + bias.value
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let normalised, let inverseStd else { throw ModuleError.backwardBeforeForward(module: "BatchNorm1d") }
        try weight.grad += (outputGradient * normalised).sum(alongAxis: 0)
        try bias.grad += outputGradient.sum(alongAxis: 0)
        let gradNormalised = try outputGradient * weight.value
        guard isTraining else { return try gradNormalised * inverseStd }
        // ∂x = (1/σ)·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)), the batch statistics' dependence on x included.
        let meanGrad = try gradNormalised.mean(alongAxis: 0)
        let meanGradDotX = try (gradNormalised * normalised).mean(alongAxis: 0)
        return try (gradNormalised - meanGrad - normalised * meanGradDotX) * inverseStd
    }
}
