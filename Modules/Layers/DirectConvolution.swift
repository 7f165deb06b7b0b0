import CKernels
import TensorCore

/// Stride-1 convolutions of Float images by our own AVX2 kernels (`backprop_correlate` and
/// `backprop_correlate_weights` in Modules/Kernels) instead of im2col and a matrix product, for the
/// products that are too thin for BLAS: every one of a convolution's three products has the output
/// channels as one side, and with few of them OpenBLAS pads and packs more than it multiplies.
///
/// Measured per sample on one core (Haswell kernels, -O2), direct against im2col + SGEMM without the
/// im2col copy itself:
/// - 3→6 channels, 5×5 on 32×32 (report 002's first layer): forward 10 against 19 µs, filter
///   gradient 18 against 29;
/// - 6→16, 5×5 on 14×14: forward 9 against 7, filter gradient 13 against 8.5; its input gradient
///   (a correlation of 16 channels into 6) 12 against 27;
/// - 32→64, 3×3 on 14×14: forward 107 against 85, input gradient 154 against 119.
///
/// So the forward pass and the filter gradient go direct up to `directOutputChannels` output channels,
/// the input gradient up to `directGradientChannels`. Each sum is fused in a fixed order of its own,
/// so results differ from the im2col path's in the last bits but not between BLAS kernel families.
struct DirectConvolution {
    /// Output channels up to which the forward pass and the filter gradient run direct.
    static let directOutputChannels = 8
    /// Output channels up to which the input gradient runs direct.
    static let directGradientChannels = 16
    /// Whether this CPU runs the kernels (AVX2 and FMA).
    static let isAvailable = backprop_row_kernels_available() != 0

    let geometry: PatchUnfolding
    let outChannels: Int

    /// The direct plan for a layer, or nil where it does not apply: not Float, a stride other than 1,
    /// or a CPU without AVX2.
    init?<Scalar: TensorScalar>(_ geometry: PatchUnfolding, outChannels: Int, scalar: Scalar.Type) {
        guard Self.isAvailable, Scalar.self == Float.self, geometry.stride == 1 else { return nil }
        self.geometry = geometry
        self.outChannels = outChannels
    }

    var runsForward: Bool { outChannels <= Self.directOutputChannels }
    var runsWeightGradient: Bool { outChannels <= Self.directOutputChannels }
    /// The input gradient correlates the output gradient, padded by k − 1 − padding, with the flipped
    /// filters; a padding wider than that would need negative padding.
    var runsInputGradient: Bool {
        outChannels <= Self.directGradientChannels && geometry.padding <= geometry.kernelSize - 1
    }

    /// `count` rounded up to whole groups of eight lanes.
    private static func lanes(_ count: Int) -> Int { (count + 7) / 8 * 8 }

    /// A plane padded for the kernels: `rows` rows of `rowStride` floats, readable up to the last
    /// column a group of eight lanes reaches.
    private struct PaddedPlanes {
        let planes: Int, rows: Int, rowStride: Int
        var count: Int { planes * rows * rowStride }
    }

    /// The input, padded by `padding` on every side.
    private var paddedInput: PaddedPlanes {
        let k = geometry.kernelSize
        return PaddedPlanes(
            planes: geometry.channels, rows: geometry.outHeight + k - 1,
            rowStride: Self.lanes(geometry.outWidth) + k - 1)
    }

    /// The output gradient, padded by k − 1 − padding on every side.
    private var paddedOutputGradient: PaddedPlanes {
        let k = geometry.kernelSize
        return PaddedPlanes(
            planes: outChannels, rows: geometry.height + k - 1, rowStride: Self.lanes(geometry.width) + k - 1)
    }

    /// Floats of working memory one sample needs (forward and backward alike).
    var scratchCount: Int {
        paddedInput.count + outChannels * geometry.outHeight * Self.lanes(geometry.outWidth)
            + paddedOutputGradient.count
    }

    /// Floats of the filters flipped for the input gradient.
    var flippedWeightCount: Int { outChannels * geometry.rows }

    /// Copies `planes` (count × height × width) into `target` at row and column `offset`, zero elsewhere.
    private static func pad(
        _ source: UnsafePointer<Float>, height: Int, width: Int, offset: Int, into layout: PaddedPlanes,
        _ target: UnsafeMutablePointer<Float>
    ) {
        target.update(repeating: 0, count: layout.count)
        for plane in 0..<layout.planes {
            for y in 0..<height {
                ShortCopies.copy(
                    width, from: source + (plane * height + y) * width,
                    to: target + (plane * layout.rows + y + offset) * layout.rowStride + offset)
            }
        }
    }

    /// Writes one sample's output (outChannels × outHeight × outWidth, without bias).
    func forward(
        image: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        let layout = paddedInput
        Self.pad(
            image, height: geometry.height, width: geometry.width, offset: geometry.padding, into: layout, scratch)
        backprop_correlate(
            scratch, geometry.channels, layout.rows, layout.rowStride, weight, outChannels, geometry.kernelSize,
            output, geometry.outHeight, geometry.outWidth)
    }

    /// Writes (`overwrite`) or adds one sample's filter gradient into `weightGradient`.
    func weightGradient(
        image: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
        weightGradient: UnsafeMutablePointer<Float>, overwrite: Bool, scratch: UnsafeMutablePointer<Float>
    ) {
        let layout = paddedInput
        Self.pad(
            image, height: geometry.height, width: geometry.width, offset: geometry.padding, into: layout, scratch)
        let gradientRows = PaddedPlanes(
            planes: outChannels, rows: geometry.outHeight, rowStride: Self.lanes(geometry.outWidth))
        let paddedGradient = scratch + layout.count
        Self.pad(
            outputGradient, height: geometry.outHeight, width: geometry.outWidth, offset: 0, into: gradientRows,
            paddedGradient)
        backprop_correlate_weights(
            scratch, geometry.channels, layout.rows, layout.rowStride, paddedGradient, outChannels,
            geometry.outHeight, gradientRows.rowStride, geometry.kernelSize, weightGradient, overwrite ? 1 : 0)
    }

    /// Writes the filters as the input gradient correlates them: [C][O][k][k], each k×k turned by 180°.
    func flipWeights(_ weight: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>) {
        let (channels, k) = (geometry.channels, geometry.kernelSize)
        for o in 0..<outChannels {
            for c in 0..<channels {
                for tap in 0..<(k * k) {
                    target[(c * outChannels + o) * k * k + k * k - 1 - tap] = weight[(o * channels + c) * k * k + tap]
                }
            }
        }
    }

    /// Writes one sample's input gradient (C × H × W).
    func inputGradient(
        outputGradient: UnsafePointer<Float>, flippedWeight: UnsafePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let layout = paddedOutputGradient
        let paddedGradient =
            scratch + paddedInput.count + outChannels * geometry.outHeight * Self.lanes(geometry.outWidth)
        Self.pad(
            outputGradient, height: geometry.outHeight, width: geometry.outWidth,
            offset: geometry.kernelSize - 1 - geometry.padding, into: layout, paddedGradient)
        backprop_correlate(
            paddedGradient, outChannels, layout.rows, layout.rowStride, flippedWeight, geometry.channels,
            geometry.kernelSize, inputGradient, geometry.height, geometry.width)
    }
}

extension UnsafePointer {
    /// The same memory as Float elements: only where `Pointee` is Float (checked by `DirectConvolution`'s init).
    var floats: UnsafePointer<Float> { UnsafeRawPointer(self).assumingMemoryBound(to: Float.self) }
}

extension UnsafeMutablePointer {
    /// The same memory as Float elements: only where `Pointee` is Float (checked by `DirectConvolution`'s init).
    var floats: UnsafeMutablePointer<Float> { UnsafeMutableRawPointer(self).assumingMemoryBound(to: Float.self) }
}
