import TensorCore

/// Softmax and cross entropy fused on logits: L = −Σ_i y_i log softmax(z)_i, computed with a
/// max-shifted log-sum-exp; ∂L/∂z = softmax(z)·Σy − y, i.e. softmax − y for one-hot targets
/// divided by N under `.mean`.
public struct SoftmaxCrossEntropyLoss<Scalar: TensorScalar>: Loss {
    public let reduction: Reduction

    /// - Parameter reduction: batch mean or sum.
    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func evaluate(predicted: Tensor<Scalar>, target: Tensor<Scalar>) throws -> (
        value: Scalar, gradient: Tensor<Scalar>
    ) {
        let dense = try Targets.dense(target, like: predicted)
        let logProbabilities = try RowSoftmax.logSoftmax(predicted)
        let scale: Scalar = reduction.scale(count: predicted.rowCount)
        var value: Scalar = 0
        var gradient = logProbabilities
        let width = predicted.shape[1]
        dense.withUnsafeBufferPointer { y in
            gradient.withUnsafeMutableBufferPointer { g in
                for row in 0..<predicted.shape[0] {
                    let base = row * width
                    var targetMass: Scalar = 0
                    for j in 0..<width {
                        value -= y[base + j] * g[base + j]
                        targetMass += y[base + j]
                    }
                    for j in 0..<width { g[base + j] = (Scalar.exp(g[base + j]) * targetMass - y[base + j]) * scale }
                }
            }
        }
        return (value * scale, gradient)
    }
}
