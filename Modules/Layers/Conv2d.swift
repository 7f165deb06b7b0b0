import Randomness
import TensorCore

/// 2-D convolution (cross-correlation, as PyTorch) over [N, C, H, W] inputs, by im2col + GEMM.
///
/// Weight [outChannels, inChannels, k, k], bias [outChannels]; output side
/// ⌊(H + 2·padding − k)/stride⌋ + 1. Each sample's input patches are unrolled (`PatchUnfolding`)
/// into a [C·k·k, H_out·W_out] matrix, all samples into one buffer reused from step to step, so the
/// convolution is one matrix product per sample written straight into the output; backward is the
/// two transposed products plus col2im (patch gradients added back to their pixels).
public final class Conv2d<Scalar: TensorScalar>: Module {
    public let weight: Parameter<Scalar>
    public let bias: Parameter<Scalar>
    public let inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int
    public var isTraining = true
    /// The patch matrices of the last forward's samples, one after another (kept for backward).
    private var columns: [Scalar] = []
    /// One sample's patch gradients, reused.
    private var patchGradient: [Scalar] = []
    /// Per-chunk partial weight and bias gradients (several chunks only), reused.
    private var partials: [Scalar] = []
    /// Wᵀ as [C·k·k, outChannels], refreshed each backward into a reused buffer.
    private var transposedWeight: [Scalar] = []
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

    private func unfolding(for shape: [Int]) -> PatchUnfolding {
        PatchUnfolding(channels: inChannels, height: shape[2], width: shape[3], kernelSize: kernelSize, stride: stride, padding: padding,
                       outHeight: outputSize(shape[2]), outWidth: outputSize(shape[3]))
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard input.rank == 4, input.shape[1] == inChannels, input.shape[2] + 2 * padding >= kernelSize,
              input.shape[3] + 2 * padding >= kernelSize else {
            throw TensorError.shapeMismatch(operation: "Conv2d.forward", lhs: input.shape, rhs: [-1, inChannels, kernelSize, kernelSize])
        }
        let batch = input.shape[0], geometry = unfolding(for: input.shape)
        let (rows, positions) = (geometry.rows, geometry.positions)
        let patchCount = batch * rows * positions
        if columns.count != patchCount { columns = [Scalar](repeating: 0, count: patchCount) }
        let outputCount = batch * outChannels * positions
        var output = [Scalar](unsafeUninitializedCapacity: outputCount) { _, count in count = outputCount }
        input.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                bias.value.withUnsafeBufferPointer { b in
                    columns.withUnsafeMutableBufferPointer { patches in
                        output.withUnsafeMutableBufferPointer { y in
                            BatchChunks.forEach(batch) { _, samples in
                                for n in samples {
                                    let samplePatches = patches.baseAddress! + n * rows * positions
                                    geometry.unfold(x.baseAddress! + n * geometry.imageSize, into: samplePatches)
                                    let sampleOutput = y.baseAddress! + n * outChannels * positions
                                    Scalar.gemm(transposeA: false, transposeB: false, m: outChannels, n: positions, k: rows,
                                                alpha: 1, a: w.baseAddress!, lda: rows, b: samplePatches, ldb: positions,
                                                beta: 0, c: sampleOutput, ldc: positions)
                                    for o in 0..<outChannels {
                                        let row = sampleOutput + o * positions, shift = b[o]
                                        for p in 0..<positions { row[p] += shift }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        inputShape = input.shape
        return try Tensor(shape: [batch, outChannels, geometry.outHeight, geometry.outWidth], scalars: output)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try gradients(outputGradient, needsInputGradient: true) ?? Tensor.zeros([0])
    }

    /// The first layer of a network needs no ∂loss/∂input: the col2im pass is skipped.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func accumulateGradients(_ outputGradient: Tensor<Scalar>) throws {
        _ = try gradients(outputGradient, needsInputGradient: false)
    }

    /// ∂W += Σ_n G_n·P_nᵀ and ∂b += row sums of G_n, and ∂X = col2im(Wᵀ·G_n) when asked. Each chunk
    /// of the batch sums its samples in order into a partial of its own; the partials are then added
    /// in chunk order (one chunk, for small batches, adds straight into the gradients).
    private func gradients(_ outputGradient: Tensor<Scalar>, needsInputGradient: Bool) throws -> Tensor<Scalar>? {
        guard let inputShape else { throw ModuleError.backwardBeforeForward(module: "Conv2d") }
        let batch = inputShape[0], geometry = unfolding(for: inputShape)
        let (rows, positions) = (geometry.rows, geometry.positions)
        guard outputGradient.shape == [batch, outChannels, geometry.outHeight, geometry.outWidth] else {
            throw TensorError.shapeMismatch(
                operation: "Conv2d.backward", lhs: outputGradient.shape, rhs: [batch, outChannels, geometry.outHeight, geometry.outWidth])
        }
        let chunks = BatchChunks.ranges(batch).count
        var inputGradient = needsInputGradient ? [Scalar](repeating: 0, count: batch * geometry.imageSize) : []
        if needsInputGradient, patchGradient.count != chunks * rows * positions {
            patchGradient = [Scalar](repeating: 0, count: chunks * rows * positions)
        }
        let weightSize = outChannels * rows
        if partials.count != (chunks > 1 ? chunks * (weightSize + outChannels) : 0) {
            partials = [Scalar](repeating: 0, count: chunks > 1 ? chunks * (weightSize + outChannels) : 0)
        }
        // Each chunk's first GEMM overwrites its weight partial; the bias partials are added into, so they start at zero.
        if chunks > 1 { partials.withUnsafeMutableBufferPointer { $0[(chunks * weightSize)...].update(repeating: 0) } }
        var biasGradient = bias.grad
        // Wᵀ as its own [C·k·k, outChannels] matrix: BLAS's small-matrix kernels run the plain product faster than the transposed one.
        if needsInputGradient {
            if transposedWeight.count != weightSize { transposedWeight = [Scalar](repeating: 0, count: weightSize) }
            weight.value.withUnsafeBufferPointer { w in
                transposedWeight.withUnsafeMutableBufferPointer { wt in
                    for o in 0..<outChannels {
                        for r in 0..<rows { wt[r * outChannels + o] = w[o * rows + r] }
                    }
                }
            }
        }
        try weight.accumulateGradient { weightGradient, overwrite in
            outputGradient.withUnsafeBufferPointer { g in
                transposedWeight.withUnsafeBufferPointer { wt in
                    columns.withUnsafeBufferPointer { patches in
                        weightGradient.withUnsafeMutableBufferPointer { dw in
                            biasGradient.withUnsafeMutableBufferPointer { db in
                                patchGradient.withUnsafeMutableBufferPointer { dp in
                                    inputGradient.withUnsafeMutableBufferPointer { dx in
                                        partials.withUnsafeMutableBufferPointer { partial in
                                            BatchChunks.forEach(batch) { chunk, samples in
                                                // One chunk accumulates into the gradients themselves; several into their partials.
                                                let weightTarget = chunks > 1 ? partial.baseAddress! + chunk * weightSize : dw.baseAddress!
                                                let biasTarget = chunks > 1 ? partial.baseAddress! + chunks * weightSize + chunk * outChannels : db.baseAddress!
                                                let startsFresh = chunks > 1 || overwrite
                                                for n in samples {
                                                    let sampleGradient = g.baseAddress! + n * outChannels * positions
                                                    Scalar.gemm(transposeA: false, transposeB: true, m: outChannels, n: rows, k: positions,
                                                                alpha: 1, a: sampleGradient, lda: positions,
                                                                b: patches.baseAddress! + n * rows * positions, ldb: positions,
                                                                beta: n == samples.lowerBound && startsFresh ? 0 : 1, c: weightTarget, ldc: rows)
                                                    for o in 0..<outChannels {
                                                        let row = sampleGradient + o * positions
                                                        var sum: Scalar = 0
                                                        for p in 0..<positions { sum += row[p] }
                                                        biasTarget[o] += sum
                                                    }
                                                    guard needsInputGradient else { continue }
                                                    let chunkPatches = dp.baseAddress! + chunk * rows * positions
                                                    Scalar.gemm(transposeA: false, transposeB: false, m: rows, n: positions, k: outChannels,
                                                                alpha: 1, a: wt.baseAddress!, lda: outChannels, b: sampleGradient, ldb: positions,
                                                                beta: 0, c: chunkPatches, ldc: positions)
                                                    geometry.fold(UnsafePointer(chunkPatches), addingInto: dx.baseAddress! + n * geometry.imageSize)
                                                }
                                            }
                                            guard chunks > 1 else { return }
                                            for i in 0..<weightSize {
                                                var total = overwrite ? 0 : dw[i]
                                                for chunk in 0..<chunks { total += partial[chunk * weightSize + i] }
                                                dw[i] = total
                                            }
                                            for o in 0..<outChannels {
                                                for chunk in 0..<chunks { db[o] += partial[chunks * weightSize + chunk * outChannels + o] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        bias.grad = biasGradient
        return needsInputGradient ? try Tensor(shape: inputShape, scalars: inputGradient) : nil
    }
}
