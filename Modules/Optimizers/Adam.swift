import TensorCore

/// Adam (Kingma & Ba, 2015, arXiv:1412.6980) with both moments bias-corrected:
///
///     m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
///     w ← w − η·m̂/(√v̂ + ε) − η·λ_d·w_old
///
/// `weightDecay` adds λ·w to g (PyTorch `Adam`); `decoupledWeightDecay` shrinks w directly (the
/// AdamW form; it exists for report 001's penalty step).
public final class Adam<Scalar: TensorScalar>: ParameterwiseOptimizer<Scalar> {
    public let beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double, decoupledWeightDecay: Double

    /// - Parameters:
    ///   - parameters: what to update.
    ///   - learningRate: η.
    ///   - beta1: the first moment's decay, in [0, 1).
    ///   - beta2: the second moment's decay, in [0, 1).
    ///   - epsilon: added to √v̂ (≥ 0).
    ///   - weightDecay: λ, added to the gradient (PyTorch `Adam`).
    ///   - decoupledWeightDecay: λ_d, shrinking w directly (AdamW).
    public init(
        parameters: [Parameter<Scalar>], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Double = 0
    ) {
        precondition(
            (0..<1).contains(beta1) && (0..<1).contains(beta2),
            "Adam: betas must lie in [0, 1), got (\(beta1), \(beta2))")
        precondition(epsilon >= 0, "Adam: epsilon must be ≥ 0, got \(epsilon)")
        (self.beta1, self.beta2, self.epsilon) = (beta1, beta2, epsilon)
        (self.weightDecay, self.decoupledWeightDecay) = (weightDecay, decoupledWeightDecay)
        super.init(parameters: parameters, learningRate: learningRate, slotNames: ["exp_avg", "exp_avg_sq"])
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    override public func update(_ parameter: Parameter<Scalar>, state: inout [Tensor<Scalar>], step: Int) throws {
        let b1 = Scalar(beta1)
        let b2 = Scalar(beta2)
        let eps = Scalar(epsilon)
        let lr = Scalar(learningRate)
        let correction1 = Scalar(1 - Double.pow(beta1, step))
        let correction2 = Scalar(1 - Double.pow(beta2, step))
        let decay = Scalar(weightDecay)
        let decoupled = Scalar(learningRate * decoupledWeightDecay)
        var m = state[0]
        var v = state[1]
        state = []
        parameter.grad.withUnsafeBufferPointer { g in
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    parameter.value.withUnsafeMutableBufferPointer { w in
                        for i in 0..<w.count {
                            let old = w[i]
                            let d = g[i] + decay * old
                            m[i] = b1 * m[i] + (1 - b1) * d
                            v[i] = b2 * v[i] + (1 - b2) * d * d
                            let mHat = m[i] / correction1
                            let vHat = v[i] / correction2
                            w[i] = old - lr * mHat / (vHat.squareRoot() + eps) - decoupled * old
                        }
                    }
                }
            }
        }
        state = [m, v]
    }
}
