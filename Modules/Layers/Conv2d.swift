import Randomness
import TensorCore

/// 2-D convolution (cross-correlation, as PyTorch) over [N, C, H, W] inputs, by im2col + GEMM.
///
/// Weight [outChannels, inChannels, k, k], bias [outChannels]; output side
/// ⌊(H + 2·padding − k)/stride⌋ + 1. Each sample's input patches are unrolled (`PatchUnfolding`)
/// into a [C·k·k, H_out·W_out] matrix, so the convolution is one matrix product per sample written
/// straight into the output. Backward unrolls each sample again rather than keeping the batch's
/// patch matrices: those are k² times the input and would stream through memory twice, while one
/// sample's stays in cache. It then runs the two transposed products, and col2im adds the patch
/// gradients back to their pixels. Large batches are split into `BatchChunks` on both cores. Layers
/// with few output channels run those products with `DirectConvolution`'s kernels instead (see
/// `algorithm`).
public final class Conv2d<Scalar: TensorScalar>: Module {
    public let weight: Parameter<Scalar>
    public let bias: Parameter<Scalar>
    public let inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int
    public var isTraining = true
    /// Whether the direct kernels may run (`.automatic`) or im2col always does (`.unrolled`).
    public var algorithm = ConvolutionAlgorithm.automatic
    /// One patch matrix per batch chunk.
    private let patches = ScratchBuffer<Scalar>()
    /// One patch-gradient matrix per batch chunk.
    private let patchGradients = ScratchBuffer<Scalar>()
    /// Per-chunk partial weight and bias gradients (several chunks only).
    private let partials = ScratchBuffer<Scalar>()
    /// Wᵀ as [C·k·k, outChannels], refreshed each backward.
    private let transposedWeight = ScratchBuffer<Scalar>()
    /// `DirectConvolution`'s padded copies, one set per batch chunk.
    private let directScratch = ScratchBuffer<Float>()
    /// The filters flipped for `DirectConvolution`'s input gradient.
    private let flippedWeight = ScratchBuffer<Float>()
    /// The last forward's input, unrolled again by backward (which then lets go of it).
    private var lastInput: Tensor<Scalar>?
    /// The memory each step's output and input gradient are written into.
    private var outputs = TensorWorkspace<Scalar>(), inputGradients = TensorWorkspace<Scalar>()

    /// - Parameters:
    ///   - inChannels: channels of each input image (> 0).
    ///   - outChannels: filters, the output's channels (> 0).
    ///   - kernelSize: the square kernel's side (> 0).
    ///   - stride: the step between windows (> 0).
    ///   - padding: zeros added on every side (≥ 0).
    ///   - weightInitializer: how the filters are drawn (PyTorch's default when omitted); the bias follows `defaultBias`.
    ///   - random: the source the weights are drawn from.
    public init(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        weightInitializer: Initializer = .pytorchDefault, random: RandomSource
    ) {
        precondition(
            inChannels > 0 && outChannels > 0 && kernelSize > 0 && stride > 0 && padding >= 0,
            "Conv2d: channels, kernel size and stride must be positive and padding ≥ 0, got \(inChannels) → \(outChannels), kernel \(kernelSize), stride \(stride), padding \(padding)"
        )
        (self.inChannels, self.outChannels, self.kernelSize, self.stride, self.padding) = (
            inChannels, outChannels, kernelSize, stride, padding
        )
        let fanIn = inChannels * kernelSize * kernelSize
        let fanOut = outChannels * kernelSize * kernelSize
        weight = Parameter(
            weightInitializer.make(
                [outChannels, inChannels, kernelSize, kernelSize], fanIn: fanIn, fanOut: fanOut, random: random),
            name: "weight")
        bias = Parameter(
            weightInitializer.defaultBias.make([outChannels], fanIn: fanIn, fanOut: fanOut, random: random),
            name: "bias")
    }

    public var parameters: [Parameter<Scalar>] { [weight, bias] }

    /// The spatial output size for an input side of `size`.
    public func outputSize(_ size: Int) -> Int { (size + 2 * padding - kernelSize) / stride + 1 }

    private func unfolding(for shape: [Int]) -> PatchUnfolding {
        PatchUnfolding(
            channels: inChannels, height: shape[2], width: shape[3], kernelSize: kernelSize, stride: stride,
            padding: padding,
            outHeight: outputSize(shape[2]), outWidth: outputSize(shape[3]))
    }

    /// The direct kernels' plan for this geometry, when `algorithm` allows them and they apply.
    private func direct(for geometry: PatchUnfolding) -> DirectConvolution? {
        algorithm == .automatic ? DirectConvolution(geometry, outChannels: outChannels, scalar: Scalar.self) : nil
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let output = try outputs.tensor(outputShape(for: input)) { convolve(input, into: &$0) }
        lastInput = input
        return output
    }

    /// Forward without keeping the input, into memory of its own: evaluation batches leave the
    /// training step's workspace as it is.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func infer(_ x: inout Tensor<Scalar>) throws {
        let input = x
        x = try TensorWorkspace.fresh(outputShape(for: input)) { convolve(input, into: &$0) }
    }

    /// [N, outChannels, H_out, W_out] for a valid input; throws naming the input's shape otherwise.
    private func outputShape(for input: Tensor<Scalar>) throws -> [Int] {
        guard input.rank == 4, input.shape[1] == inChannels, input.shape[2] + 2 * padding >= kernelSize,
            input.shape[3] + 2 * padding >= kernelSize
        else {
            throw TensorError.shapeMismatch(
                operation: "Conv2d.forward", lhs: input.shape, rhs: [-1, inChannels, kernelSize, kernelSize])
        }
        return [input.shape[0], outChannels, outputSize(input.shape[2]), outputSize(input.shape[3])]
    }

    /// Y = W ⋆ X + b into every element of `output`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func convolve(_ input: Tensor<Scalar>, into output: inout Tensor<Scalar>) {
        let batch = input.shape[0]
        let geometry = unfolding(for: input.shape)
        let (rows, positions, outChannels) = (geometry.rows, geometry.positions, outChannels)
        let chunks = BatchChunks.ranges(batch).count
        let direct = direct(for: geometry).flatMap { $0.runsForward ? $0 : nil }
        let chunkPatches = patches.reserve(direct == nil ? chunks * rows * positions : 0, zeroedAs: 0)
        let scratch = directScratch.reserve(direct.map { chunks * $0.scratchCount } ?? 0, zeroedAs: 0)
        input.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                bias.value.withUnsafeBufferPointer { b in
                    output.withUnsafeMutableBufferPointer { y in
                        BatchChunks.forEach(batch) { chunk, samples in
                            let samplePatches = chunkPatches + chunk * rows * positions
                            for n in samples {
                                let image = x.baseAddress! + n * geometry.imageSize
                                let sampleOutput = y.baseAddress! + n * outChannels * positions
                                if let direct {
                                    direct.forward(
                                        image: image.floats, weight: w.baseAddress!.floats,
                                        output: sampleOutput.floats, scratch: scratch + chunk * direct.scratchCount)
                                } else {
                                    geometry.unfold(image, into: samplePatches)
                                    Scalar.gemm(
                                        transposeA: false, transposeB: false, m: outChannels, n: positions, k: rows,
                                        alpha: 1, a: w.baseAddress!, lda: rows, b: samplePatches, ldb: positions,
                                        beta: 0, c: sampleOutput, ldc: positions)
                                }
                                for o in 0..<outChannels {
                                    let row = sampleOutput + o * positions
                                    let shift = b[o]
                                    for p in 0..<positions { row[p] += shift }
                                }
                            }
                        }
                    }
                }
            }
        }
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

    /// ∂W += Σ_n G_n·P_nᵀ and ∂b += row sums of G_n, and ∂X = col2im(Wᵀ·G_n) when asked.
    private func gradients(_ outputGradient: Tensor<Scalar>, needsInputGradient: Bool) throws -> Tensor<Scalar>? {
        guard let input = lastInput else { throw ModuleError.backwardBeforeForward(module: "Conv2d") }
        let geometry = unfolding(for: input.shape)
        let outputShape = [input.shape[0], outChannels, geometry.outHeight, geometry.outWidth]
        guard outputGradient.shape == outputShape else {
            throw TensorError.shapeMismatch(operation: "Conv2d.backward", lhs: outputGradient.shape, rhs: outputShape)
        }
        let direct = direct(for: geometry)
        if needsInputGradient {
            if let direct, direct.runsInputGradient {
                let target = flippedWeight.reserve(direct.flippedWeightCount, zeroedAs: 0)
                weight.value.withUnsafeBufferPointer { direct.flipWeights($0.baseAddress!.floats, into: target) }
            } else {
                refreshTransposedWeight(rows: geometry.rows)
            }
        }
        var biasGradient = bias.grad
        func accumulateBatch(inputGradient: UnsafeMutablePointer<Scalar>?) {
            weight.accumulateGradient { weightGradient, overwrite in
                input.withUnsafeBufferPointer { x in
                    outputGradient.withUnsafeBufferPointer { g in
                        weightGradient.withUnsafeMutableBufferPointer { dw in
                            biasGradient.withUnsafeMutableBufferPointer { db in
                                accumulate(
                                    geometry: geometry, direct: direct, batch: input.shape[0], input: x.baseAddress!,
                                    outputGradient: g.baseAddress!,
                                    weightGradient: dw.baseAddress!, biasGradient: db.baseAddress!,
                                    overwrite: overwrite, inputGradient: inputGradient)
                            }
                        }
                    }
                }
            }
        }
        lastInput = nil
        defer { bias.grad = biasGradient }
        guard needsInputGradient else {
            accumulateBatch(inputGradient: nil)
            return nil
        }
        return inputGradients.zeros(input.shape) { inputGradient in
            inputGradient.withUnsafeMutableBufferPointer { accumulateBatch(inputGradient: $0.baseAddress!) }
        }
    }

    /// Wᵀ as its own [C·k·k, outChannels] matrix: BLAS's small-matrix kernels run the plain product faster than the transposed one.
    private func refreshTransposedWeight(rows: Int) {
        let target = transposedWeight.reserve(outChannels * rows, zeroedAs: 0)
        weight.value.withUnsafeBufferPointer { w in
            for o in 0..<outChannels {
                for r in 0..<rows { target[r * outChannels + o] = w[o * rows + r] }
            }
        }
    }

    /// The gradient sums over the batch. Each chunk sums its samples in order into a partial of its
    /// own; the partials are then added in chunk order (one chunk, for small batches, adds straight
    /// into the gradients), so results do not depend on thread timing.
    private func accumulate(
        geometry: PatchUnfolding, direct: DirectConvolution?, batch: Int, input x: UnsafePointer<Scalar>,
        outputGradient g: UnsafePointer<Scalar>,
        weightGradient dw: UnsafeMutablePointer<Scalar>, biasGradient db: UnsafeMutablePointer<Scalar>, overwrite: Bool,
        inputGradient dx: UnsafeMutablePointer<Scalar>?
    ) {
        let (rows, positions, outChannels) = (geometry.rows, geometry.positions, outChannels)
        let chunks = BatchChunks.ranges(batch).count
        let weightSize = outChannels * rows
        let directWeights = direct?.runsWeightGradient == true ? direct : nil
        let directInputs = dx != nil && direct?.runsInputGradient == true ? direct : nil
        let unrolledInputs = dx != nil && directInputs == nil
        let chunkPatches = patches.reserve(directWeights == nil ? chunks * rows * positions : 0, zeroedAs: 0)
        let chunkPatchGradients = patchGradients.reserve(unrolledInputs ? chunks * rows * positions : 0, zeroedAs: 0)
        let scratch = directScratch.reserve(direct.map { chunks * $0.scratchCount } ?? 0, zeroedAs: 0)
        let flipped = flippedWeight.reserve(directInputs?.flippedWeightCount ?? 0, zeroedAs: 0)
        let partial = partials.reserve(chunks * (weightSize + outChannels), zeroedAs: 0)
        let wt = transposedWeight.reserve(weightSize, zeroedAs: 0)
        // Each chunk's first GEMM overwrites its weight partial; the bias partials are added into, so they start at zero.
        if chunks > 1 { (partial + chunks * weightSize).update(repeating: 0, count: chunks * outChannels) }
        BatchChunks.forEach(batch) { chunk, samples in
            let weightTarget = chunks > 1 ? partial + chunk * weightSize : dw
            let biasTarget = chunks > 1 ? partial + chunks * weightSize + chunk * outChannels : db
            let startsFresh = chunks > 1 || overwrite
            let samplePatches = chunkPatches + chunk * rows * positions
            let sampleScratch = scratch + chunk * (direct?.scratchCount ?? 0)
            for n in samples {
                let sampleGradient = g + n * outChannels * positions
                let image = x + n * geometry.imageSize
                let first = n == samples.lowerBound && startsFresh
                if let directWeights {
                    directWeights.weightGradient(
                        image: image.floats, outputGradient: sampleGradient.floats,
                        weightGradient: weightTarget.floats, overwrite: first, scratch: sampleScratch)
                } else {
                    geometry.unfold(image, into: samplePatches)
                    Scalar.gemm(
                        transposeA: false, transposeB: true, m: outChannels, n: rows, k: positions,
                        alpha: 1, a: sampleGradient, lda: positions, b: samplePatches, ldb: positions,
                        beta: first ? 0 : 1, c: weightTarget, ldc: rows)
                }
                ChannelSums.add(sampleGradient, channels: outChannels, positions: positions, into: biasTarget)
                guard let dx else { continue }
                if let directInputs {
                    directInputs.inputGradient(
                        outputGradient: sampleGradient.floats, flippedWeight: flipped,
                        inputGradient: (dx + n * geometry.imageSize).floats, scratch: sampleScratch)
                    continue
                }
                let samplePatchGradient = chunkPatchGradients + chunk * rows * positions
                Scalar.gemm(
                    transposeA: false, transposeB: false, m: rows, n: positions, k: outChannels,
                    alpha: 1, a: wt, lda: outChannels, b: sampleGradient, ldb: positions,
                    beta: 0, c: samplePatchGradient, ldc: positions)
                geometry.fold(UnsafePointer(samplePatchGradient), addingInto: dx + n * geometry.imageSize)
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
