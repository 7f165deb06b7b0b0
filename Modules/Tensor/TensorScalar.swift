import CBLAS
@_exported import RealModule

/// The element types a `Tensor` can hold: `Float` for training, `Double` for gradient checks.
///
/// Each conformance routes matrix products to the matching CBLAS routine and supplies the
/// scalar maths the elementwise kernels need, so generic code specialises to direct calls.
public protocol TensorScalar: BinaryFloatingPoint, Real, SIMDScalar, Sendable, Codable, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// `C = alpha * op(A) * op(B) + beta * C` on row-major buffers: batch-1 shapes by `SmallProducts`
    /// (the same bits), a training step's middling products in two halves on two cores when threads
    /// are allowed (`SplitProducts`), everything else by BLAS (`routedGEMM`).
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    )

    /// `C = alpha * op(A) * op(B) + beta * C` on row-major buffers by CBLAS's `?gemm` itself: the
    /// reference `gemm`'s own paths are tested against.
    static func referenceGEMM(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    )
}

/// The routing behind every conformance's `gemm`, inlined into each, so its loops run specialised.
@inline(__always)
func routedGEMM<Scalar: TensorScalar>(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
    b: UnsafePointer<Scalar>, ldb: Int,
    beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
) {
    if SmallProducts.compute(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b,
        ldb: ldb, beta: beta, c: c, ldc: ldc)
        || SplitProducts.compute(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
            b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    {
        return
    }
    Scalar.referenceGEMM(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
        b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
}

func blasTranspose(_ flag: Bool) -> CBLAS_TRANSPOSE { flag ? CblasTrans : CblasNoTrans }

extension Float: TensorScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        routedGEMM(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
            b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    public static func referenceGEMM(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLASLibrary.prepareThreads(m: m, n: n, k: k)
        BLASLibrary.functions.sgemm(
            CblasRowMajor, blasTranspose(transposeA), blasTranspose(transposeB),
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

extension Double: TensorScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        routedGEMM(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
            b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    public static func referenceGEMM(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLASLibrary.prepareThreads(m: m, n: n, k: k)
        BLASLibrary.functions.dgemm(
            CblasRowMajor, blasTranspose(transposeA), blasTranspose(transposeB),
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// C's `pow` through swift-numerics: `Real.pow(x, y)` is NaN for x < 0 and for 0⁰, where C (and
/// PyTorch's `torch.pow`) give (−2)² = 4 and 0⁰ = 1; integral exponents go through
/// `Real.pow(x, n)`, which is C's `pow` itself, so every case keeps C's value.
@inlinable public func cPow<T: Real & BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
    if let n = Int(exactly: y) { return T.pow(x, n) }
    if x >= 0 { return T.pow(x, y) }
    // A negative base: an infinite or huge (hence even) integral exponent acts on |x|; any other is NaN.
    if y.isInfinite || y.rounded() == y { return T.pow(-x, y) }
    return .nan
}
