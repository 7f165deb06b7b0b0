import TensorCore

/// Row-wise softmax, y_j = e^{z_j − z_max} / Σ_i e^{z_i − z_max} (max-shifted for stability).
///
/// Backward applies the full Jacobian ∂y_i/∂z_j = y_i(δ_ij − y_j) to the upstream gradient,
/// row by row: ∂z_j = y_j (g_j − Σ_i g_i y_i). That is the Jacobian-vector product computed with `bmm` elsewhere,
/// without building the N×C×C Jacobian.
public final class Softmax<Scalar: TensorScalar>: Module {
    public var isTraining = true
    private var output: Tensor<Scalar>?

    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let output = try RowSoftmax.softmax(input)
        self.output = output
        return output
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try rowwiseBackward(output: output, outputGradient, layer: "Softmax") { y, g, base, width in
            var dot: Scalar = 0
            for j in 0..<width { dot += g[base + j] * y[base + j] }
            for j in 0..<width { g[base + j] = y[base + j] * (g[base + j] - dot) }
        }
    }
}

/// Row-wise log-softmax, z_j − z_max − log Σ_i e^{z_i − z_max}; backward ∂z = g − softmax·Σg.
public final class LogSoftmax<Scalar: TensorScalar>: Module {
    public var isTraining = true
    private var output: Tensor<Scalar>?

    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let output = try RowSoftmax.logSoftmax(input)
        self.output = output
        return output
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try rowwiseBackward(output: output, outputGradient, layer: "LogSoftmax") { logY, g, base, width in
            var total: Scalar = 0
            for j in 0..<width { total += g[base + j] }
            for j in 0..<width { g[base + j] -= Scalar.exp(logY[base + j]) * total }
        }
    }
}

/// The backward both row-wise layers share: checks the cached output and the gradient's shape, then
/// runs `kernel(output, gradient, rowStart, width)` on every row of a copy of the gradient.
@inlinable
func rowwiseBackward<Scalar: TensorScalar>(
    output: Tensor<Scalar>?, _ outputGradient: Tensor<Scalar>, layer: String,
    _ kernel: (UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>, Int, Int) -> Void
) throws -> Tensor<Scalar> {
    guard let output else { throw ModuleError.backwardBeforeForward(module: layer) }
    guard outputGradient.shape == output.shape else {
        throw TensorError.shapeMismatch(operation: "\(layer).backward", lhs: outputGradient.shape, rhs: output.shape)
    }
    var gradient = outputGradient
    let width = output.rowWidth
    output.withUnsafeBufferPointer { y in
        gradient.withUnsafeMutableBufferPointer { g in
            for row in 0..<(g.count / Swift.max(width, 1)) { kernel(y, g, row * width, width) }
        }
    }
    return gradient
}
