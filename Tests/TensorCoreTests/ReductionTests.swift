import TensorCore
import TestSupport
import XCTest

final class ReductionTests: XCTestCase {
    let matrix = try! Tensor<Double>([[1, 5, 3], [4, 2, 9]])

    func testWholeTensorReductions() {
        XCTAssertEqual(matrix.sum(), 24)
        XCTAssertEqual(matrix.mean(), 4)
        XCTAssertEqual(matrix.max(), 9)
        XCTAssertEqual(matrix.min(), 1)
        // Deviations from 4: -3, 1, -1, 0, -2, 5; squares sum to 40; sample variance 40/5, population 40/6.
        XCTAssertEqual(matrix.variance(), 8)
        XCTAssertEqual(matrix.variance(correction: 0), 40.0 / 6.0, accuracy: 1e-15)
    }

    func testReductionsAlongRowsAndColumns() throws {
        XCTAssertEqual(try matrix.sum(alongAxis: 0).scalars, [5, 7, 12])
        XCTAssertEqual(try matrix.sum(alongAxis: 1).scalars, [9, 15])
        XCTAssertEqual(try matrix.mean(alongAxis: 0).scalars, [2.5, 3.5, 6])
        XCTAssertEqual(try matrix.mean(alongAxis: 1).scalars, [3, 5])
        XCTAssertEqual(try matrix.max(alongAxis: 0).scalars, [4, 5, 9])
        XCTAssertEqual(try matrix.max(alongAxis: 1).scalars, [5, 9])
        XCTAssertEqual(try matrix.argmax(alongAxis: 1), [1, 2])
        XCTAssertEqual(try matrix.argmax(alongAxis: 0), [1, 0, 1])
        // Column variances: (1,4) -> 4.5, (5,2) -> 4.5, (3,9) -> 18.
        XCTAssertEqual(try matrix.variance(alongAxis: 0).scalars, [4.5, 4.5, 18])
        // Row 1: mean 3, squares 4+4+0 = 8 -> 4; row 2: mean 5, squares 1+9+16 = 26 -> 13.
        XCTAssertEqual(try matrix.variance(alongAxis: 1).scalars, [4, 13])
    }

    func testKeepingDimensionAndMiddleAxis() throws {
        XCTAssertEqual(try matrix.sum(alongAxis: 1, keepingDimension: true).shape, [2, 1])
        let cube = try Tensor<Double>(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        let middle = try cube.sum(alongAxis: 1)
        XCTAssertEqual(middle.shape, [2, 2])
        XCTAssertEqual(middle.scalars, [4, 6, 12, 14])
    }

    func testArgmaxTakesFirstOnTies() throws {
        XCTAssertEqual(try Tensor<Double>([[2, 2, 1]]).argmax(alongAxis: 1), [0])
    }

    func testBadAxisIsReported() {
        assertThrowsMessage(try matrix.sum(alongAxis: 2), containing: ["[2, 3]", "axis"])
    }
}
