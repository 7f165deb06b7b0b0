import TensorCore

/// An elementwise layer that, during inference, can apply itself in the same pass that adds the
/// preceding layer's bias row: x ← f(x + b) once over the batch instead of twice.
public protocol BiasFusing<Scalar>: Module {
    /// x ← f(x + bias) in place, the bias broadcast over the rows of the matrix x.
    func inferAddingBias(_ bias: Tensor<Scalar>, to x: inout Tensor<Scalar>) throws
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
    /// The next step of inference from `index`: a Linear layer followed by a `BiasFusing` layer runs
    /// as one fused step (product, then bias and activation in one pass); anything else runs alone.
    /// Returns how many layers were consumed.
    func inferStep(at index: Int, _ x: inout Tensor<Scalar>) throws -> Int {
        if index + 1 < layers.count, let linear = layers[index] as? Linear<Scalar>, let bias = linear.bias,
           let next = layers[index + 1] as? any BiasFusing<Scalar> {
            try linear.inferWithoutBias(&x)
            try next.inferAddingBias(bias.value, to: &x)
            return 2
        }
        try layers[index].infer(&x)
        return 1
    }
}
