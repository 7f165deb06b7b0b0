import CKernels
import Foundation

/// Matrix products that OpenBLAS runs far below its speed, computed here with the same sums, so
/// results are equal to the bit with or without them. A batch-1 training step is made of them: its
/// forward and input-gradient products have one row (M = 1) and its weight gradient is an outer
/// product (K = 1). OpenBLAS packs the whole weight matrix for each, which took 190 of the 200 µs
/// of report 004's 784-300-10 step.
///
/// Large enough ones run their outputs in two halves on two cores (`CoreHalves`).
///
/// - K = 1: `C = op(A)·op(B)` (β = 0) or `C + op(A)·op(B)` (β = 1) is one rounded product per
///   element, added once; any BLAS gives those bits, so this holds for every kernel family.
/// - M = 1 (β = 0): a row times a matrix is summed as OpenBLAS's Haswell SGEMM sums it (blocks of
///   `haswellBlockDepth` terms, fused in order; see `CKernels.h`). It is used only when the running
///   library gives the same bits on probe products (`rowKernelMatchesBLAS`); under other kernel
///   families (Sandybridge's separate multiply and add, SkylakeX's own small-matrix kernels) BLAS
///   keeps the product.
public enum SmallProducts {
    /// OpenBLAS's SGEMM K block for Haswell (`SGEMM_DEFAULT_Q`) and the unroll its half-blocks round to.
    static let haswellBlockDepth = 320, haswellBlockUnroll = 8

    /// Whether the row kernel runs here and sums as the loaded BLAS does, to the bit.
    public static let rowKernelMatchesBLAS: Bool = {
        guard backprop_row_kernels_available() != 0 else { return false }
        let shapes: [(k: Int, n: Int, transposed: Bool)] = [
            (1000, 37, true), (1000, 37, false), (333, 9, true), (7, 3, false), (784, 300, true), (2000, 20, false),
        ]
        return shapes.allSatisfy { rowProductMatches(k: $0.k, n: $0.n, transposed: $0.transposed) }
    }()

    /// Computes `c = alpha·op(a)·op(b) + beta·c` here when the shape is one of the cases above and
    /// returns true; false leaves the product to BLAS.
    @inline(__always)
    static func compute<Scalar: TensorScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Scalar, a: UnsafePointer<Scalar>,
        lda: Int, b: UnsafePointer<Scalar>, ldb: Int, beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) -> Bool {
        guard alpha == 1, m > 0, n > 0 else { return false }
        // Products BLAS would thread are left to it: threads split their sums differently.
        guard Double(m) * Double(n) * Double(k) < Double(BLASLibrary.threadedProductFrom) else { return false }
        if k == 1 && (beta == 0 || beta == 1) {
            let aStride = transposeA ? 1 : lda
            CoreHalves.forEach(m, size: m * n) { rows in
                outerProduct(
                    m: rows.count, n: n, a: a + rows.lowerBound * aStride, aStride: aStride, b: b,
                    bStride: transposeB ? ldb : 1, accumulate: beta == 1, c: c + rows.lowerBound * ldc, ldc: ldc)
            }
            return true
        }
        if m == 1, !transposeA, beta == 0, Scalar.self == Float.self, rowKernelMatchesBLAS {
            let outputStep = transposeB ? ldb : 1
            a.withMemoryRebound(to: Float.self, capacity: k) { x in
                b.withMemoryRebound(to: Float.self, capacity: 1) { w in
                    c.withMemoryRebound(to: Float.self, capacity: n) { y in
                        CoreHalves.forEach(n, size: n * k) { outputs in
                            backprop_row_product(
                                x, w + outputs.lowerBound * outputStep, ldb, outputs.count, k, transposeB ? 1 : 0,
                                haswellBlockDepth, haswellBlockUnroll, y + outputs.lowerBound)
                        }
                    }
                }
            }
            return true
        }
        return false
    }

    /// C[i, j] = a_i·b_j, or C[i, j] + a_i·b_j.
    @inline(__always)
    private static func outerProduct<Scalar: TensorScalar>(
        m: Int, n: Int, a: UnsafePointer<Scalar>, aStride: Int, b: UnsafePointer<Scalar>, bStride: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        for i in 0..<m {
            let factor = a[i * aStride]
            let row = c + i * ldc
            if bStride == 1 {
                if accumulate {
                    for j in 0..<n { row[j] += factor * b[j] }
                } else {
                    for j in 0..<n { row[j] = factor * b[j] }
                }
            } else if accumulate {
                for j in 0..<n { row[j] += factor * b[j * bStride] }
            } else {
                for j in 0..<n { row[j] = factor * b[j * bStride] }
            }
        }
    }

    /// One probe: the row kernel against SGEMM on fixed pseudo-random values.
    private static func rowProductMatches(k: Int, n: Int, transposed: Bool) -> Bool {
        var state: UInt32 = 12345
        func next() -> Float {
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) / Float(1 << 24) * 2 - 1
        }
        let x = (0..<k).map { _ in next() }
        let w = (0..<(k * n)).map { _ in next() }
        var expected = [Float](repeating: 0, count: n)
        var actual = [Float](repeating: 0, count: n)
        let ldw = transposed ? k : n
        Float.referenceGEMM(
            transposeA: false, transposeB: transposed, m: 1, n: n, k: k, alpha: 1, a: x, lda: k, b: w, ldb: ldw,
            beta: 0, c: &expected, ldc: n)
        backprop_row_product(x, w, ldw, n, k, transposed ? 1 : 0, haswellBlockDepth, haswellBlockUnroll, &actual)
        return expected.map(\.bitPattern) == actual.map(\.bitPattern)
    }
}
