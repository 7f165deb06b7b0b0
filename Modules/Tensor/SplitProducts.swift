/// Products of middling size (a training step's, from `splitFrom` multiply-adds up to
/// `BLASLibrary.threadedProductFrom`) split in two halves that run on two cores at once, each on one
/// BLAS thread. OpenBLAS's own threads would do the same, but its idle workers spin after every call
/// on the cores that the layers' own threads (`BatchChunks`) need next; two Dispatch workers park.
/// Only when BLAS may use more than one thread here (not inside `singleThreaded`, and not in the
/// harness's runs, which pin one thread so their sums do not depend on the machine): a split sums
/// the same terms as the whole product but may round the last bits differently.
public enum SplitProducts {
    /// The smallest product split, in multiply-adds: below it, waking a second thread costs more than it saves.
    public static let splitFrom = 1 << 21

    /// Runs `c = alpha·op(a)·op(b) + beta·c` as two halves on two threads when it should and returns
    /// true; false leaves the product whole.
    static func compute<Scalar: TensorScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Scalar, a: UnsafePointer<Scalar>,
        lda: Int, b: UnsafePointer<Scalar>, ldb: Int, beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) -> Bool {
        let size = Double(m) * Double(n) * Double(k)

        guard size >= Double(splitFrom), size < Double(BLASLibrary.threadedProductFrom), max(m, n) >= 32,
            BLASLibrary.mayRunThreads
        else { return false }
        // Each half repacks the operand it shares; splitting the longer side shares the smaller one.
        let splitRows = m > n
        let half = (splitRows ? m : n) / 2
        nonisolated(unsafe) let (a, b, c) = (a, b, c)
        BLASLibrary.singleThreaded {
            PairWorker.run { part in
                let (start, count) = part == 0 ? (0, half) : (half, (splitRows ? m : n) - half)
                if splitRows {
                    Scalar.referenceGEMM(
                        transposeA: transposeA, transposeB: transposeB, m: count, n: n, k: k, alpha: alpha,
                        a: a + start * (transposeA ? 1 : lda), lda: lda, b: b, ldb: ldb, beta: beta,
                        c: c + start * ldc, ldc: ldc)
                } else {
                    Scalar.referenceGEMM(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: count, k: k, alpha: alpha, a: a,
                        lda: lda, b: b + start * (transposeB ? ldb : 1), ldb: ldb, beta: beta, c: c + start,
                        ldc: ldc)
                }
            }
        }
        return true
    }
}
