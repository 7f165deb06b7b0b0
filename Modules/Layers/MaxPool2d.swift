import TensorCore

/// Max pooling over k×k windows of [N, C, H, W] inputs (stride defaults to k, no padding);
/// backward routes each gradient to the position that held the maximum. As in PyTorch, a NaN in a
/// window is its maximum, and a window of −∞ routes its gradient to its own first element.
public final class MaxPool2d<Scalar: TensorScalar>: Module {
    public let kernelSize: Int, stride: Int
    public var isTraining = true
    private var winners: [Int] = []
    private var inputShape: [Int]?
    /// The memory each step's output and input gradient are written into.
    private var outputs = TensorWorkspace<Scalar>(), inputGradients = TensorWorkspace<Scalar>()

    /// - Parameters:
    ///   - kernelSize: the square window's side (> 0).
    ///   - stride: the step between windows; the kernel size when nil, as in PyTorch.
    public init(kernelSize: Int, stride: Int? = nil) {
        precondition(
            kernelSize > 0 && (stride ?? 1) > 0,
            "MaxPool2d: kernel size and stride must be positive, got \(kernelSize) and \(stride ?? kernelSize)")
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let output = try outputs.tensor(outputShape(for: input)) { pool(input, into: &$0) }
        inputShape = input.shape
        return output
    }

    /// Forward without keeping the input's shape, into memory of its own: evaluation batches leave
    /// the training step's workspace as it is.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func infer(_ x: inout Tensor<Scalar>) throws {
        let input = x
        x = try TensorWorkspace.fresh(outputShape(for: input)) { pool(input, into: &$0) }
    }

    /// [N, C, H_out, W_out] for a valid input; throws naming the input's shape otherwise.
    private func outputShape(for input: Tensor<Scalar>) throws -> [Int] {
        guard input.rank == 4, input.shape[2] >= kernelSize, input.shape[3] >= kernelSize else {
            throw TensorError.invalidShape(
                operation: "MaxPool2d.forward", shape: input.shape, expected: "[N, C, H, W] with H, W ≥ \(kernelSize)")
        }
        let outHeight = (input.shape[2] - kernelSize) / stride + 1
        let outWidth = (input.shape[3] - kernelSize) / stride + 1
        return [input.shape[0], input.shape[1], outHeight, outWidth]
    }

    /// Each window's maximum into `output`, shaped by `outputShape(for:)`, and its position into `winners`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func pool(_ input: Tensor<Scalar>, into output: inout Tensor<Scalar>) {
        let (batch, channels, height, width) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (outHeight, outWidth) = (output.shape[2], output.shape[3])
        if winners.count != output.count { winners = [Int](repeating: 0, count: output.count) }
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                winners.withUnsafeMutableBufferPointer { winner in
                    pool(
                        x.baseAddress!, into: y.baseAddress!, winners: winner.baseAddress!,
                        planes: (batch, channels), height: height, width: width, outHeight: outHeight,
                        outWidth: outWidth)
                }
            }
        }
    }

    /// Each window's maximum into `y` and its position into `winner`, chunks of samples on both cores.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func pool(
        _ x: UnsafePointer<Scalar>, into y: UnsafeMutablePointer<Scalar>, winners winner: UnsafeMutablePointer<Int>,
        planes: (batch: Int, channels: Int), height: Int, width: Int, outHeight: Int, outWidth: Int
    ) {
        let (kernelSize, stride, channels) = (kernelSize, stride, planes.channels)
        BatchChunks.forEach(planes.batch) { _, samples in
            let planes = (samples.lowerBound * channels)..<(samples.upperBound * channels)
            if Scalar.self == Float.self, kernelSize == 2, stride == 2,
                outWidth >= MaxPoolPairs.minimumWidth, width < Int32.max
            {
                MaxPoolPairs.pool(
                    UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                    UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self),
                    winner,
                    planes: planes, height: height, width: width, outHeight: outHeight,
                    outWidth: outWidth)
                return
            }
            for p in planes {
                for oy in 0..<outHeight {
                    for ox in 0..<outWidth {
                        // As PyTorch: start from the window's first element; a later NaN wins (v != v) and propagates.
                        let first = (p &* height &+ oy &* stride) &* width &+ ox &* stride
                        var best = x[first]
                        var bestIndex = first
                        for ky in 0..<kernelSize {
                            let row = first &+ ky &* width
                            for kx in (ky == 0 ? 1 : 0)..<kernelSize {
                                let value = x[row &+ kx]
                                if value > best || value != value {
                                    (best, bestIndex) = (value, row &+ kx)
                                }
                            }
                        }
                        let out = (p * outHeight + oy) * outWidth + ox
                        y[out] = best
                        winner[out] = bestIndex
                    }
                }
            }
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let inputShape else { throw ModuleError.backwardBeforeForward(module: "MaxPool2d") }
        guard outputGradient.count == winners.count else {
            throw TensorError.shapeMismatch(
                operation: "MaxPool2d.backward", lhs: outputGradient.shape, rhs: [winners.count])
        }
        let outputsPerSample = winners.count / max(inputShape[0], 1)
        return inputGradients.zeros(inputShape) { gradient in
            outputGradient.withUnsafeBufferPointer { dy in
                gradient.withUnsafeMutableBufferPointer { g in
                    winners.withUnsafeBufferPointer { winner in
                        // Every window lies in its own sample, so chunks of samples write disjoint parts of the gradient.
                        BatchChunks.forEach(inputShape[0]) { _, samples in
                            for out in (samples.lowerBound * outputsPerSample)..<(samples.upperBound * outputsPerSample)
                            {
                                g[winner[out]] += dy[out]
                            }
                        }
                    }
                }
            }
        }
    }
}
