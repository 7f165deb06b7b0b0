/// Numerically stable softmax and log-softmax over the rows of a matrix (max-shifted).
/// Shared by the Softmax layers, the cross-entropy losses and the autograd ops.
public enum RowSoftmax {
    /// Softmax of each row.
    @inlinable
    public static func softmax<Scalar: TensorScalar>(_ logits: Tensor<Scalar>) throws -> Tensor<Scalar> {
        var result = try logSoftmax(logits)
        result.apply { Scalar.exp($0) }
        return result
    }

    /// Log-softmax of each row: z − max(z) − log Σ exp(z − max(z)).
    @inlinable
    public static func logSoftmax<Scalar: TensorScalar>(_ logits: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard logits.rank == 2 else {
            throw TensorError.invalidShape(
                operation: "softmax", shape: logits.shape, expected: "a matrix [batch, classes]")
        }
        var result = logits
        let width = logits.shape[1]
        result.withUnsafeMutableBufferPointer { z in
            for row in 0..<logits.shape[0] {
                let base = row * width
                var largest = -Scalar.infinity
                for j in 0..<width { largest = Swift.max(largest, z[base + j]) }
                var total: Scalar = 0
                for j in 0..<width { total += Scalar.exp(z[base + j] - largest) }
                let shift = largest + Scalar.log(total)
                for j in 0..<width { z[base + j] -= shift }
            }
        }
        return result
    }
}
