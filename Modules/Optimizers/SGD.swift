import TensorCore

/// Stochastic gradient descent with momentum, dampening, Nesterov and weight decay, as PyTorch's `SGD`:
///
///     g ← g + λ·w                                    (weightDecay, an L2 penalty in the gradient)
///     b ← g on the first step, else μ·b + (1 − τ)·g   (momentum μ, dampening τ)
///     g ← g + μ·b if nesterov, else b
///     w ← w − η·g − η·λ_d·w_old                       (decoupledWeightDecay λ_d)
///
/// `MomentumForm.velocity` is v ← γ·v + η·g; w ← w − v (it exists for report 001), which puts the
/// learning rate inside the buffer; the two agree while η is constant.
public final class SGD<Scalar: TensorScalar>: ParameterwiseOptimizer<Scalar> {
    /// Where the learning rate enters the momentum buffer.
    public typealias MomentumForm = Optimizers.MomentumForm

    public let momentum: Double, dampening: Double, weightDecay: Double, decoupledWeightDecay: Double
    public let nesterov: Bool
    public let momentumForm: MomentumForm

    /// - Parameters:
    ///   - parameters: what to update.
    ///   - learningRate: η.
    ///   - momentum: μ (0: plain SGD).
    ///   - dampening: τ, the share of the gradient dropped from the buffer.
    ///   - weightDecay: λ, added to the gradient as λ·w.
    ///   - nesterov: look ahead along the buffer (needs μ > 0 and τ = 0).
    ///   - decoupledWeightDecay: λ_d, shrinking w directly by η·λ_d·w.
    ///   - momentumForm: where η enters the buffer.
    public init(
        parameters: [Parameter<Scalar>], learningRate: Double, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false, decoupledWeightDecay: Double = 0,
        momentumForm: MomentumForm = .pytorch
    ) {
        // PyTorch raises ValueError for these; recipes are checked before they get here (OptimizerSpec.validate).
        precondition(
            !nesterov || (momentum > 0 && dampening == 0),
            "SGD: Nesterov momentum needs a momentum > 0 and dampening 0, got momentum \(momentum), dampening \(dampening)"
        )
        (self.momentum, self.dampening, self.weightDecay, self.nesterov) = (momentum, dampening, weightDecay, nesterov)
        (self.decoupledWeightDecay, self.momentumForm) = (decoupledWeightDecay, momentumForm)
        super.init(
            parameters: parameters, learningRate: learningRate, slotNames: momentum == 0 ? [] : ["momentum_buffer"])
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    override public func update(_ parameter: Parameter<Scalar>, state: inout [Tensor<Scalar>], step: Int) throws {
        let lr = Scalar(learningRate)
        let mu = Scalar(momentum)
        let keep = Scalar(1 - dampening)
        let decay = Scalar(weightDecay)
        let decoupled = Scalar(learningRate * decoupledWeightDecay)
        let first = step == 1
        let nesterov = nesterov
        let velocity = momentumForm == .velocity
        let hasMomentum = momentum != 0
        var buffer = hasMomentum ? state[0] : Tensor<Scalar>.zeros([0])
        if hasMomentum { state[0] = Tensor.zeros([0]) }
        parameter.grad.withUnsafeBufferPointer { g in
            buffer.withUnsafeMutableBufferPointer { b in
                parameter.value.withUnsafeMutableBufferPointer { w in
                    if hasMomentum && !first && !nesterov && !velocity && decoupled == 0 {
                        // The common case (momentum, no Nesterov or decoupled decay) without per-element branches.
                        for i in 0..<w.count {
                            b[i] = mu * b[i] + keep * (g[i] + decay * w[i])
                            w[i] -= lr * b[i]
                        }
                        return
                    }
                    if !hasMomentum {
                        // Plain SGD, no momentum.
                        for i in 0..<w.count {
                            let old = w[i]
                            w[i] = old - lr * (g[i] + decay * old) - decoupled * old
                        }
                        return
                    }
                    for i in 0..<w.count {
                        let old = w[i]
                        let d = g[i] + decay * old
                        let scaled = velocity ? lr * d : d
                        b[i] = first ? scaled : mu * b[i] + keep * scaled
                        let direction = nesterov ? scaled + mu * b[i] : b[i]
                        w[i] = old - (velocity ? direction : lr * direction) - decoupled * old
                    }
                }
            }
        }
        if hasMomentum { state[0] = buffer }
    }
}

/// How SGD keeps its momentum buffer (both give the same steps at a constant learning rate).
public enum MomentumForm: String, StringChoice {
    /// PyTorch: the buffer holds gradients, the rate multiplies it at the update.
    case pytorch
    /// The buffer holds η-scaled steps.
    case velocity
}
