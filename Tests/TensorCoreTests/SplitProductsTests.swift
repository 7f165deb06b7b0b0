import TensorCore
import TestSupport
import XCTest

/// Products split over two cores (`SplitProducts`, when BLAS may use threads) against BLAS: each
/// half is BLAS's own product of that block, to the bit, and the whole agrees with one BLAS call
/// up to rounding.
final class SplitProductsTests: XCTestCase {
    func testSplitProductsAreTheirHalvesAndAgreeWithBLAS() {
        withBLASThreads(2) { checkRandomProducts() }
    }

    private func checkRandomProducts() {
        var draws = SeededDraws(seed: 5)
        for trial in 0..<24 {
            let (m, n) = (draws.next(32...400), draws.next(32...400))
            let k = max(1, (1 << 21) / (m * n) + draws.next(0...300))
            let (transposeA, transposeB) = (draws.next(0...1) == 1, draws.next(0...1) == 1)
            let beta: Float = draws.next(0...1) == 1 ? 1 : 0
            let (lda, ldb) = (transposeA ? m : k, transposeB ? k : n)
            let a: [Float] = draws.values(m * k)
            let b: [Float] = draws.values(k * n)
            let start: [Float] = draws.values(m * n)
            var split = start
            Float.gemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b,
                ldb: ldb, beta: beta, c: &split, ldc: n)
            // The halves SplitProducts runs: the longer side cut in two.
            var halves = start
            let rows = m > n
            let half = (rows ? m : n) / 2
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    halves.withUnsafeMutableBufferPointer { c in
                        for (first, count) in [(0, half), (half, (rows ? m : n) - half)] {
                            if rows {
                                Float.referenceGEMM(
                                    transposeA: transposeA, transposeB: transposeB, m: count, n: n, k: k, alpha: 1,
                                    a: a.baseAddress! + first * (transposeA ? 1 : lda), lda: lda, b: b.baseAddress!,
                                    ldb: ldb, beta: beta, c: c.baseAddress! + first * n, ldc: n)
                            } else {
                                Float.referenceGEMM(
                                    transposeA: transposeA, transposeB: transposeB, m: m, n: count, k: k, alpha: 1,
                                    a: a.baseAddress!, lda: lda, b: b.baseAddress! + first * (transposeB ? ldb : 1),
                                    ldb: ldb, beta: beta, c: c.baseAddress! + first, ldc: n)
                            }
                        }
                    }
                }
            }
            var whole = start
            Float.referenceGEMM(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b,
                ldb: ldb, beta: beta, c: &whole, ldc: n)
            let label = "trial \(trial): \(m)×\(k)·\(k)×\(n), transposeA \(transposeA), transposeB \(transposeB)"
            XCTAssertEqual(split.map(\.bitPattern), halves.map(\.bitPattern), label)
            let worst = zip(split, whole).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-5, label)
        }
    }
}
