import Randomness
import TensorCore

/// 2-D convolution (cross-correlation, as PyTorch) over [N, C, H, W] inputs, by im2col + GEMM.
///
/// Weight [outChannels, inChannels, k, k], bias [outChannels]; output side
/// ⌊(H + 2·padding − k)/stride⌋ + 1. Per sample, the input patches are unrolled into a
/// [C·k·k, H_out·W_out] matrix so the convolution is one matrix product; backward is the two
/// transposed products plus col2im (patch gradients added back to their pixels).
public final class Conv2d<Scalar: TensorScalar>: Module {
    public let weight: Parameter<Scalar>
    public let bias: Parameter<Scalar>
    public let inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int
    public var isTraining = true
    private var columns: [Tensor<Scalar>] = []
    private var inputShape: [Int]?

    public init(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        weightInitializer: Initializer = .pytorchDefault, random: RandomSource
    ) {
        (self.inChannels, self.outChannels, self.kernelSize, self.stride, self.padding) = (inChannels, outChannels, kernelSize, stride, padding)
        let fanIn = inChannels * kernelSize * kernelSize, fanOut = outChannels * kernelSize * kernelSize
        weight = Parameter(
            weightInitializer.make([outChannels, inChannels, kernelSize, kernelSize], fanIn: fanIn, fanOut: fanOut, random: random),
            name: "weight")
        let biasScheme: Initializer = { if case .pytorchDefault = weightInitializer { return .pytorchDefault }; return .zeros }()
        bias = Parameter(biasScheme.make([outChannels], fanIn: fanIn, fanOut: fanOut, random: random), name: "bias")
    }

    public var parameters: [Parameter<Scalar>] { [weight, bias] }

    /// The spatial output size for an input side of `size`.
    public func outputSize(_ size: Int) -> Int { (size + 2 * padding - kernelSize) / stride + 1 }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard input.rank == 4, input.shape[1] == inChannels, outputSize(input.shape[2]) > 0, outputSize(input.shape[3]) > 0 else {
            throw TensorError.shapeMismatch(operation: "Conv2d.forward", lhs: input.shape, rhs: [-1, inChannels, kernelSize, kernelSize])
        }
        let (batch, height, width) = (input.shape[0], input.shape[2], input.shape[3])
        let (outHeight, outWidth) = (outputSize(height), outputSize(width))
        let weightMatrix = try weight.value.reshaped([outChannels, inChannels * kernelSize * kernelSize])
        var output = [Scalar]()
        output.reserveCapacity(batch * outChannels * outHeight * outWidth)
        columns = []
        for n in 0..<batch {
            let patches = im2col(input, sample: n, height: height, width: width, outHeight: outHeight, outWidth: outWidth)
            var product = try Tensor.matmul(weightMatrix, patches)
            try product += bias.value.reshaped([outChannels, 1])
            output += product.scalars
            columns.append(patches)
        }
        inputShape = input.shape
        return try Tensor(shape: [batch, outChannels, outHeight, outWidth], scalars: output)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let inputShape else { throw ModuleError.backwardBeforeForward(module: "Conv2d") }
        let (batch, height, width) = (inputShape[0], inputShape[2], inputShape[3])
        let (outHeight, outWidth) = (outputSize(height), outputSize(width))
        guard outputGradient.shape == [batch, outChannels, outHeight, outWidth] else {
            throw TensorError.shapeMismatch(operation: "Conv2d.backward", lhs: outputGradient.shape, rhs: [batch, outChannels, outHeight, outWidth])
        }
        let patchSize = inChannels * kernelSize * kernelSize
        let weightMatrix = try weight.value.reshaped([outChannels, patchSize])
        var weightGradient = try weight.grad.reshaped([outChannels, patchSize])
        var inputGradient = [Scalar](repeating: 0, count: inputShape.reduce(1, *))
        let plane = outHeight * outWidth
        for n in 0..<batch {
            let g = try Tensor(shape: [outChannels, plane], scalars: Array(outputGradient.scalars[(n * outChannels * plane)..<((n + 1) * outChannels * plane)]))
            try Tensor.gemm(g, columns[n], transposeB: true, beta: 1, into: &weightGradient)
            try bias.grad += g.sum(alongAxis: 1)
            let patchGradient = try Tensor.matmul(weightMatrix, g, transposeA: true)
            col2im(patchGradient, into: &inputGradient, sample: n, height: height, width: width, outHeight: outHeight, outWidth: outWidth)
        }
        weight.grad = try weightGradient.reshaped(weight.value.shape)
        return try Tensor(shape: inputShape, scalars: inputGradient)
    }

    /// Visits every (patch row, output position, input offset) triple; the offset is nil over padding.
    private func forEachPatchElement(height: Int, width: Int, outHeight: Int, outWidth: Int, _ body: (Int, Int, Int?) -> Void) {
        for c in 0..<inChannels {
            for ky in 0..<kernelSize {
                for kx in 0..<kernelSize {
                    let row = (c * kernelSize + ky) * kernelSize + kx
                    for oy in 0..<outHeight {
                        let y = oy * stride - padding + ky
                        for ox in 0..<outWidth {
                            let x = ox * stride - padding + kx
                            let inside = y >= 0 && y < height && x >= 0 && x < width
                            body(row, oy * outWidth + ox, inside ? (c * height + y) * width + x : nil)
                        }
                    }
                }
            }
        }
    }

    private func im2col(_ input: Tensor<Scalar>, sample n: Int, height: Int, width: Int, outHeight: Int, outWidth: Int) -> Tensor<Scalar> {
        let plane = outHeight * outWidth
        var patches = Tensor<Scalar>.zeros([inChannels * kernelSize * kernelSize, plane])
        let sampleOffset = n * inChannels * height * width
        input.withUnsafeBufferPointer { source in
            patches.withUnsafeMutableBufferPointer { target in
                forEachPatchElement(height: height, width: width, outHeight: outHeight, outWidth: outWidth) { row, position, offset in
                    if let offset { target[row * plane + position] = source[sampleOffset + offset] }
                }
            }
        }
        return patches
    }

    private func col2im(_ patches: Tensor<Scalar>, into gradient: inout [Scalar], sample n: Int, height: Int, width: Int, outHeight: Int, outWidth: Int) {
        let plane = outHeight * outWidth
        let sampleOffset = n * inChannels * height * width
        patches.withUnsafeBufferPointer { source in
            gradient.withUnsafeMutableBufferPointer { target in
                forEachPatchElement(height: height, width: width, outHeight: outHeight, outWidth: outWidth) { row, position, offset in
                    if let offset { target[sampleOffset + offset] += source[row * plane + position] }
                }
            }
        }
    }
}
