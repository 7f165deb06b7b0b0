import TensorCore
import TestSupport
import XCTest

final class ShapeTests: XCTestCase {
    func testCreation() throws {
        XCTAssertEqual(Tensor<Float>.zeros([2, 3]).scalars, [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Tensor<Float>.ones([2]).scalars, [1, 1])
        XCTAssertEqual(Tensor<Float>.filled([1, 2], with: 7).scalars, [7, 7])
        XCTAssertEqual(Tensor<Double>.identity(2).scalars, [1, 0, 0, 1])
        XCTAssertEqual(Tensor<Double>.arange(to: 4).scalars, [0, 1, 2, 3])
        XCTAssertEqual(Tensor<Double>.arange(from: 1, to: 2, step: 0.25).scalars, [1, 1.25, 1.5, 1.75])
        assertThrowsMessage(
            try Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3]), containing: ["[2, 2]", "3 elements"])
    }

    func testReshapeAndTranspose() throws {
        let t = try Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try t.reshaped([3, -1]).shape, [3, 2])
        XCTAssertEqual(try t.transposed().scalars, [1, 4, 2, 5, 3, 6])
        assertThrowsMessage(try t.reshaped([4, 2]), containing: ["[2, 3]", "[4, 2]"])
    }

    func testRowSlicingGatherAndConcatenation() throws {
        let t = try Tensor<Double>([[1, 2], [3, 4], [5, 6]])
        XCTAssertEqual(try t.rows(1..<3).scalars, [3, 4, 5, 6])
        XCTAssertEqual(try t.gatheringRows([2, 0]).scalars, [5, 6, 1, 2])
        var buffer = Tensor<Double>.zeros([2, 2])
        try t.gatherRows([1, 1], into: &buffer)
        XCTAssertEqual(buffer.scalars, [3, 4, 3, 4])
        assertThrowsMessage(try t.gatheringRows([3]), containing: ["index 3", "0..<3"])
        XCTAssertEqual(try Tensor.concatenate([t, t], alongAxis: 0).shape, [6, 2])
        XCTAssertEqual(try Tensor.concatenate([t, t], alongAxis: 1).scalars, [1, 2, 1, 2, 3, 4, 3, 4, 5, 6, 5, 6])
        assertThrowsMessage(
            try Tensor.concatenate([t, Tensor.zeros([3, 3])], alongAxis: 0), containing: ["[3, 2]", "[3, 3]"])
    }

    func testDescriptionIsReadable() throws {
        let t = try Tensor<Double>([[1, 2], [3, 4]])
        XCTAssertEqual(t.description, "Tensor(shape: [2, 2], [[1.0, 2.0], [3.0, 4.0]])")
        XCTAssertTrue(Tensor<Float>.zeros([20]).description.contains("…"))
    }
}
