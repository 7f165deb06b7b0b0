import TensorCore
import XCTest

final class FloatControlTests: XCTestCase {
    func testSubnormalsAreFlushedInsideTheScopeOnly() throws {
        XCTAssertFalse(BLASLibrary.flushesSubnormals)
        let tiny = Tensor<Float>.filled([4, 4], with: 1e-39)
        let (inside, product) = try BLASLibrary.flushingSubnormals { (BLASLibrary.flushesSubnormals, try Tensor.matmul(tiny, Tensor.ones([4, 4]))) }
        XCTAssertTrue(inside)
        XCTAssertEqual(product.scalars[0], 0, "DAZ reads the subnormal inputs as zero")
        XCTAssertFalse(BLASLibrary.flushesSubnormals, "the previous mode is restored")
        XCTAssertEqual(try Tensor.matmul(tiny, Tensor.ones([4, 4])).scalars[0], 4e-39, accuracy: 1e-44)
    }
}
