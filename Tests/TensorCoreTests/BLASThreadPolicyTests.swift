import XCTest

@testable import TensorCore

/// Which products OpenBLAS may thread: only large ones, never inside a layer's own threads, and
/// never beyond the limit a caller (the reproduction's jobs) sets.
final class BLASThreadPolicyTests: XCTestCase {
    private var openBLASThreads: Int { BLASLibrary.functions.threadCount.map { Int($0()) } ?? -1 }

    func testOnlyLargeProductsOutsideSingleThreadedRegionsUseTheLimit() {
        let saved = BLASLibrary.threadLimit
        defer { BLASLibrary.setThreadCount(saved) }
        BLASLibrary.setThreadCount(2)
        XCTAssertEqual(BLASLibrary.threadLimit, 2)

        BLASLibrary.prepareThreads(m: 64, n: 128, k: 3136)
        XCTAssertEqual(openBLASThreads, 1, "a training step's product (2.6e7 multiply-adds) runs on one thread")
        BLASLibrary.prepareThreads(m: 10000, n: 256, k: 784)
        XCTAssertEqual(openBLASThreads, 2, "an evaluation's product (2.0e9 multiply-adds) uses the limit")
        BLASLibrary.prepareThreads(m: 1 << 13, n: 1 << 13, k: 1)
        XCTAssertEqual(openBLASThreads, 2, "exactly 2²⁶ multiply-adds is large")
        BLASLibrary.prepareThreads(m: 1 << 13, n: (1 << 13) - 1, k: 1)
        XCTAssertEqual(openBLASThreads, 1, "just under 2²⁶ is not")

        BLASLibrary.singleThreaded {
            BLASLibrary.singleThreaded {
                BLASLibrary.prepareThreads(m: 10000, n: 256, k: 784)
                XCTAssertEqual(openBLASThreads, 1, "nested region")
            }
            BLASLibrary.prepareThreads(m: 10000, n: 256, k: 784)
            XCTAssertEqual(openBLASThreads, 1, "still inside the outer region")
        }
        BLASLibrary.prepareThreads(m: 10000, n: 256, k: 784)
        XCTAssertEqual(openBLASThreads, 2, "after the regions close")

        BLASLibrary.setThreadCount(1)
        BLASLibrary.prepareThreads(m: 10000, n: 256, k: 784)
        XCTAssertEqual(openBLASThreads, 1, "the limit caps large products too")
        BLASLibrary.setThreadCount(0)
        XCTAssertEqual(BLASLibrary.threadLimit, 1, "a limit below one is one")
    }
}
