import TensorCore
import TestSupport
import XCTest

/// `CoreHalves` splits the same way every time, covers every index once, and leaves the bits of
/// the element-wise work it splits unchanged.
final class CoreHalvesTests: XCTestCase {
    func testHalvesCoverEveryIndexOnceAndSplitOnlyLargeWorkWithThreads() {
        for (count, size, threads, expectedParts) in [
            (300, 235_200, 2, 2), (300, 235_200, 1, 1), (15, 1 << 20, 2, 1), (1000, 1000, 2, 1), (17, 1 << 16, 2, 2),
        ] {
            var seen = [Int](repeating: 0, count: count)
            var parts: [Range<Int>] = []
            let lock = NSLock()
            seen.withUnsafeMutableBufferPointer { seen in
                nonisolated(unsafe) let seen = seen
                withBLASThreads(threads) {
                    CoreHalves.forEach(count, size: size) { range in
                        lock.lock()
                        parts.append(range)
                        lock.unlock()
                        for i in range { seen[i] += 1 }
                    }
                }
            }
            let label = "\(count) of size \(size) with \(threads) threads"
            XCTAssertEqual(seen, [Int](repeating: 1, count: count), label)
            XCTAssertEqual(parts.count, expectedParts, label)
            if expectedParts == 2 {
                XCTAssertEqual(Set(parts), [0..<(count / 2), (count / 2)..<count], label)
            }
        }
    }

    func testAxpyInHalvesEqualsTheWholeLoopToTheBit() throws {
        var draws = SeededDraws(seed: 5)
        let weights: [Float] = draws.values(300 * 784)
        let gradient: [Float] = draws.values(300 * 784)
        let alpha: Float = -0.013
        let expected = zip(weights, gradient).map { $0 + alpha * $1 }
        var tensor = try Tensor(shape: [300, 784], scalars: weights)
        try withBLASThreads(2) { try tensor.axpy(alpha, Tensor(shape: [300, 784], scalars: gradient)) }
        XCTAssertEqual(tensor.scalars.map(\.bitPattern), expected.map(\.bitPattern))
    }
}
