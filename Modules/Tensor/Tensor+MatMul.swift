extension Tensor {
    /// The operand shape `(rows, columns)` of `op(matrix)` for a matrix product.
    static func productOperand(_ t: Tensor, transposed: Bool, operation: String) throws -> (Int, Int) {
        guard t.rank == 2 else {
            throw TensorError.invalidShape(operation: operation, shape: t.shape, expected: "a matrix (rank 2)")
        }
        return transposed ? (t.shape[1], t.shape[0]) : (t.shape[0], t.shape[1])
    }

    /// `op(a) · op(b)` through BLAS, where `op` transposes when its flag is set; no transpose is materialised.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws
        -> Tensor
    {
        let (m, k) = try productOperand(a, transposed: transposeA, operation: "matmul")
        let (_, n) = try productOperand(b, transposed: transposeB, operation: "matmul")
        guard k > 0 else { return Tensor.zeros([m, n]) }
        // GEMM with beta = 0 writes every element of C, so its storage is not zero-filled first.
        var c = Tensor(
            uncheckedShape: [m, n], scalars: [Scalar](unsafeUninitializedCapacity: m * n) { _, count in count = m * n })
        try gemm(a, b, transposeA: transposeA, transposeB: transposeB, alpha: 1, beta: 0, into: &c)
        return c
    }

    /// `c = alpha · op(a) · op(b) + beta · c` in place: the product kernel layers use with reused buffers.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func gemm(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Tensor
    ) throws {
        let (m, k) = try productOperand(a, transposed: transposeA, operation: "matmul")
        let (kb, n) = try productOperand(b, transposed: transposeB, operation: "matmul")
        guard k == kb else {
            throw TensorError.shapeMismatch(
                operation: "matmul (transposeA: \(transposeA), transposeB: \(transposeB))", lhs: a.shape, rhs: b.shape)
        }
        guard c.shape == [m, n] else {
            throw TensorError.shapeMismatch(operation: "matmul output \([m, n])", lhs: c.shape, rhs: [m, n])
        }
        guard m > 0, n > 0 else { return }
        if k == 0 {
            c *= beta
            return
        }
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    Scalar.gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: pa.baseAddress!, lda: a.shape[1],
                        b: pb.baseAddress!, ldb: b.shape[1],
                        beta: beta, c: pc.baseAddress!, ldc: n)
                }
            }
        }
    }
}
