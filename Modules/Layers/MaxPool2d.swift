import TensorCore

/// Max pooling over k×k windows of [N, C, H, W] inputs (stride defaults to k, no padding);
/// backward routes each gradient to the position that held the maximum.
public final class MaxPool2d<Scalar: TensorScalar>: Module {
    public let kernelSize: Int, stride: Int
    public var isTraining = true
    private var winners: [Int] = []
    private var inputShape: [Int]?

    public init(kernelSize: Int, stride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard input.rank == 4, input.shape[2] >= kernelSize, input.shape[3] >= kernelSize else {
            throw TensorError.invalidShape(operation: "MaxPool2d.forward", shape: input.shape, expected: "[N, C, H, W] with H, W ≥ \(kernelSize)")
        }
        let (planes, height, width) = (input.shape[0] * input.shape[1], input.shape[2], input.shape[3])
        let outHeight = (height - kernelSize) / stride + 1, outWidth = (width - kernelSize) / stride + 1
        var output = [Scalar](repeating: 0, count: planes * outHeight * outWidth)
        winners = [Int](repeating: 0, count: output.count)
        input.withUnsafeBufferPointer { x in
            for p in 0..<planes {
                for oy in 0..<outHeight {
                    for ox in 0..<outWidth {
                        var best = -Scalar.infinity, bestIndex = 0
                        for ky in 0..<kernelSize {
                            for kx in 0..<kernelSize {
                                let index = (p * height + oy * stride + ky) * width + ox * stride + kx
                                if x[index] > best { (best, bestIndex) = (x[index], index) }
                            }
                        }
                        let out = (p * outHeight + oy) * outWidth + ox
                        output[out] = best
                        winners[out] = bestIndex
                    }
                }
            }
        }
        inputShape = input.shape
        return try Tensor(shape: [input.shape[0], input.shape[1], outHeight, outWidth], scalars: output)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let inputShape else { throw ModuleError.backwardBeforeForward(module: "MaxPool2d") }
        guard outputGradient.count == winners.count else {
            throw TensorError.shapeMismatch(operation: "MaxPool2d.backward", lhs: outputGradient.shape, rhs: [winners.count])
        }
        var gradient = Tensor<Scalar>.zeros(inputShape)
        gradient.withUnsafeMutableBufferPointer { g in
            for (out, value) in outputGradient.scalars.enumerated() { g[winners[out]] += value }
        }
        return gradient
    }
}
