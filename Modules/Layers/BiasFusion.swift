import TensorCore

/// An elementwise layer that, during inference, can apply itself in the same pass that adds the
/// preceding layer's bias row: x ← f(x + b) once over the batch instead of twice.
public protocol BiasFusing<Scalar>: Module {
    /// x ← f(x + bias) in place, the bias broadcast over the rows of the matrix x.
    func inferAddingBias(_ bias: Tensor<Scalar>, to x: inout Tensor<Scalar>) throws
}

/// A layer computing a product plus a bias row that can, during inference, leave the bias to the
/// next layer (a `BiasFusing` one) so the two run as one fused step. `Linear` adopts it; so can a
/// user's own linear layer.
public protocol BiasDeferring<Scalar>: Module {
    /// The bias row the next layer may add, or nil when there is none (then nothing is fused).
    var deferrableBias: Tensor<Scalar>? { get }
    /// The layer's inference without adding the bias.
    func inferWithoutBias(_ x: inout Tensor<Scalar>) throws
}

extension Linear: BiasDeferring {
    public var deferrableBias: Tensor<Scalar>? { bias?.value }
}

extension Activation: BiasFusing {
    public func inferAddingBias(_ bias: Tensor<Scalar>, to x: inout Tensor<Scalar>) throws {
        try applyInPlace(to: &x, addingBias: bias)
    }

    /// x ← f(x + bias) in place, or x ← f(x) without a bias: the one inference kernel of `Activation`.
    @_specialize(where Scalar == Float, Function == ReLUFunction)
    @_specialize(where Scalar == Double, Function == ReLUFunction)
    @_specialize(where Scalar == Float, Function == SigmoidFunction)
    @_specialize(where Scalar == Double, Function == SigmoidFunction)
    @_specialize(where Scalar == Float, Function == TanhFunction)
    @_specialize(where Scalar == Double, Function == TanhFunction)
    func applyInPlace(to x: inout Tensor<Scalar>, addingBias bias: Tensor<Scalar>?) throws {
        guard let bias else {
            x.withUnsafeMutableBufferPointer { values in
                for i in 0..<values.count { values[i] = Function.value(values[i]) }
            }
            return
        }
        let width = bias.count
        guard x.rank == 2, x.rowWidth == width else {
            throw TensorError.shapeMismatch(operation: "\(typeName).inferAddingBias", lhs: x.shape, rhs: bias.shape)
        }
        let rows = x.shape[0]
        bias.withUnsafeBufferPointer { b in
            x.withUnsafeMutableBufferPointer { values in
                for i in 0..<rows {
                    let row = values.baseAddress! + i * width
                    for j in 0..<width { row[j] = Function.value(row[j] + b[j]) }
                }
            }
        }
    }
}

extension Sequential {
    /// The next step of inference from `index`: a `BiasDeferring` layer followed by a `BiasFusing`
    /// one runs as one fused step (product, then bias and activation in one pass); anything else
    /// runs alone. Returns how many layers were consumed.
    func inferStep(at index: Int, _ x: inout Tensor<Scalar>) throws -> Int {
        if index + 1 < layers.count, let producer = layers[index] as? any BiasDeferring<Scalar>,
            let bias = producer.deferrableBias,
            let next = layers[index + 1] as? any BiasFusing<Scalar>
        {
            try producer.inferWithoutBias(&x)
            try next.inferAddingBias(bias, to: &x)
            return 2
        }
        try layers[index].infer(&x)
        return 1
    }
}
