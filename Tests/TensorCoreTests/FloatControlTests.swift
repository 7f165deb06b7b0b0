import TensorCore
import XCTest

final class FloatControlTests: XCTestCase {
    func testFlushingIsAvailableExactlyOnX86() {
        #if arch(x86_64) || arch(i386)
            XCTAssertTrue(BLASLibrary.canFlushSubnormals)
        #else
            XCTAssertFalse(BLASLibrary.canFlushSubnormals)
            XCTAssertEqual(try BLASLibrary.flushingSubnormals { 1 + 1 }, 2, "the body still runs")
        #endif
    }

    func testSubnormalsAreFlushedInsideTheScopeOnly() throws {
        try XCTSkipUnless(BLASLibrary.canFlushSubnormals, "flushing is set up on x86 only")
        XCTAssertFalse(BLASLibrary.flushesSubnormals)
        // 1e-39 is below Float's smallest normal (1.18e-38): a subnormal, written as a computation so
        // the compiler does not warn about the literal losing precision.
        let subnormal = Float.leastNormalMagnitude / 11.754944
        XCTAssertTrue(subnormal.isSubnormal)
        let tiny = Tensor<Float>.filled([4, 4], with: subnormal)
        let (inside, product) = try BLASLibrary.flushingSubnormals {
            (BLASLibrary.flushesSubnormals, try Tensor.matmul(tiny, Tensor.ones([4, 4])))
        }
        XCTAssertTrue(inside)
        XCTAssertEqual(product.scalars[0], 0, "DAZ reads the subnormal inputs as zero")
        XCTAssertFalse(BLASLibrary.flushesSubnormals, "the previous mode is restored")
        XCTAssertEqual(
            try Tensor.matmul(tiny, Tensor.ones([4, 4])).scalars[0], 4 * subnormal,
            "outside the scope the subnormals count")
    }
}
