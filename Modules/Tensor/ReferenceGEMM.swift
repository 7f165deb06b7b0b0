import CBLAS

extension BLASLibrary {
    /// `C = alpha·op(A)·op(B) + beta·C` by BLAS itself, on the threads `prepareThreads` allows: the
    /// reference `SmallProducts` is tested against.
    public static func referenceGEMM(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        prepareThreads(m: m, n: n, k: k)
        functions.sgemm(
            CblasRowMajor, blasTranspose(transposeA), blasTranspose(transposeB),
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// The double-precision reference product.
    public static func referenceGEMM(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>,
        lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        prepareThreads(m: m, n: n, k: k)
        functions.dgemm(
            CblasRowMajor, blasTranspose(transposeA), blasTranspose(transposeB),
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
