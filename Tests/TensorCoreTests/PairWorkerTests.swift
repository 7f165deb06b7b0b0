import Foundation
import TensorCore
import XCTest

/// The helper thread behind `BatchChunks` and `SplitProducts`: both parts run, at once on two threads
/// when the helper is free, and a call from inside a part runs inline instead of waiting for itself.
final class PairWorkerTests: XCTestCase {
    /// One slot per part, each written by its own part only (as the layers' chunks write their own samples).
    private final class Slots<Value>: @unchecked Sendable {
        let values: UnsafeMutablePointer<Value>

        init(_ initial: Value) {
            values = .allocate(capacity: 2)
            values.initialize(repeating: initial, count: 2)
        }

        deinit { values.deinitialize(count: 2).deallocate() }

        var pair: [Value] { [values[0], values[1]] }
    }

    func testBothPartsRun() {
        let values = Slots(0)
        for round in 1...200 {
            PairWorker.run { part in values.values[part] = round * 10 + part }
            XCTAssertEqual(values.pair, [round * 10, round * 10 + 1])
        }
    }

    /// Part 0 waits for part 1 to start: they run at the same time, part 1 on the helper.
    func testThePartsRunAtOnceOnTwoThreads() {
        let started = DispatchSemaphore(value: 0)
        let threads = Slots(pthread_self())
        let waited = Slots(DispatchTimeoutResult.timedOut)
        PairWorker.run { part in
            threads.values[part] = pthread_self()
            if part == 1 {
                started.signal()
            } else {
                waited.values[0] = started.wait(timeout: .now() + 10)
            }
        }
        XCTAssertEqual(waited.values[0], .success, "part 1 started while part 0 ran")
        XCTAssertTrue(pthread_equal(threads.values[0], pthread_self()) != 0, "part 0 runs on the caller")
        XCTAssertTrue(pthread_equal(threads.values[1], pthread_self()) == 0, "part 1 runs on the helper")
    }

    func testACallFromInsideAPartRunsInline() {
        let values = Slots(0)
        PairWorker.run { outer in
            guard outer == 1 else { return }
            PairWorker.run { inner in values.values[inner] = 7 + inner }
        }
        XCTAssertEqual(values.pair, [7, 8])
    }

    func testTwoCallersAtOnceBothFinish() {
        let totals = Slots(0)
        DispatchQueue.concurrentPerform(iterations: 2) { caller in
            let counts = Slots(0)
            for _ in 0..<500 { PairWorker.run { part in counts.values[part] += 1 } }
            totals.values[caller] = counts.values[0] + counts.values[1]
        }
        XCTAssertEqual(totals.pair, [1000, 1000])
    }
}
