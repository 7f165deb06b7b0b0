/// How `Conv2d` computes its three products.
public enum ConvolutionAlgorithm: Sendable {
    /// `DirectConvolution`'s kernels where they are faster (Float, stride 1, few output channels, a CPU
    /// with AVX2), im2col and a matrix product elsewhere.
    case automatic
    /// im2col and a matrix product always: the reference the direct kernels are tested against.
    case unrolled
}
