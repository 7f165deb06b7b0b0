import TensorCore
import TestSupport
import XCTest

final class ArithmeticTests: XCTestCase {
    let matrix = try! Tensor<Double>([[1, 2, 3], [4, 5, 6]])

    func testSameShapeElementwise() throws {
        XCTAssertEqual(try (matrix + matrix).scalars, [2, 4, 6, 8, 10, 12])
        XCTAssertEqual(try (matrix * matrix).scalars, [1, 4, 9, 16, 25, 36])
        XCTAssertEqual(try (matrix - matrix).scalars, [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(try (matrix / matrix).scalars, [1, 1, 1, 1, 1, 1])
    }

    func testRowVectorBroadcastsOverRows() throws {
        let row = Tensor<Double>([10, 20, 30])
        XCTAssertEqual(try (matrix + row).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual(try (row - matrix).scalars, [9, 18, 27, 6, 15, 24])
        let keptRow = try row.reshaped([1, 3])
        XCTAssertEqual(try (matrix * keptRow).shape, [2, 3])
    }

    func testColumnVectorBroadcastsOverColumns() throws {
        let column = try Tensor<Double>([[10], [100]])
        XCTAssertEqual(try (matrix * column).scalars, [10, 20, 30, 400, 500, 600])
    }

    func testScalarTensorAndScalarBroadcast() throws {
        XCTAssertEqual(try (matrix * Tensor(2.0)).scalars, [2, 4, 6, 8, 10, 12])
        XCTAssertEqual((matrix + 1).scalars, [2, 3, 4, 5, 6, 7])
        XCTAssertEqual((1 - matrix).scalars, [0, -1, -2, -3, -4, -5])
        XCTAssertEqual((-matrix).scalars, [-1, -2, -3, -4, -5, -6])
    }

    func testOuterBroadcastOfColumnAndRow() throws {
        let column = try Tensor<Double>([[1], [2]])
        let row = Tensor<Double>([10, 20, 30])
        let outer = try column * row
        XCTAssertEqual(outer.shape, [2, 3])
        XCTAssertEqual(outer.scalars, [10, 20, 30, 20, 40, 60])
    }

    func testThreeDimensionalBroadcast() throws {
        let cube = try Tensor<Double>(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        let plane = try Tensor<Double>([[0, 10], [20, 30]])
        XCTAssertEqual(try (cube + plane).scalars, [1, 12, 23, 34, 5, 16, 27, 38])
        let middle = try Tensor<Double>(shape: [2, 1, 2], scalars: [100, 200, 300, 400])
        XCTAssertEqual(try (cube + middle).scalars, [101, 202, 103, 204, 305, 406, 307, 408])
    }

    func testIncompatibleShapesNameBothShapes() {
        assertThrowsMessage(try matrix + Tensor<Double>([1, 2]), containing: ["[2, 3]", "[2]"])
        assertThrowsMessage(try Tensor<Double>.zeros([4, 3]) * matrix, containing: ["[4, 3]", "[2, 3]"])
    }

    func testInPlaceVariants() throws {
        var m = matrix
        try m += Tensor<Double>([1, 1, 1])
        XCTAssertEqual(m.scalars, [2, 3, 4, 5, 6, 7])
        try m.axpy(-2, matrix)
        XCTAssertEqual(m.scalars, [0, -1, -2, -3, -4, -5])
        m *= 3
        XCTAssertEqual(m.scalars, [0, -3, -6, -9, -12, -15])
        var small = Tensor<Double>([1, 2, 3])
        assertThrowsMessage(try small += matrix, containing: ["[3]", "[2, 3]"])
    }

    func testCopyOnWriteLeavesOriginalUntouched() throws {
        let original = matrix
        var copy = original
        copy.withUnsafeMutableBufferPointer { $0[0] = 99 }
        try copy.setElement(42, at: [1, 2])
        XCTAssertEqual(original.scalars, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(copy.scalars, [99, 2, 3, 4, 5, 42])
        var added = original
        try added += original
        XCTAssertEqual(original.scalars, [1, 2, 3, 4, 5, 6])
    }

    func testUnaryMaths() throws {
        let x = Tensor<Double>([-2, 0, 1])
        XCTAssertEqual(x.relu().scalars, [0, 0, 1])
        XCTAssertEqual(x.abs().scalars, [2, 0, 1])
        XCTAssertEqual(x.clamped(to: -1, 0.5).scalars, [-1, 0, 0.5])
        XCTAssertEqual(x.squared().scalars, [4, 0, 1])
        XCTAssertEqual(Tensor<Double>([4, 9]).sqrt().scalars, [2, 3])
        XCTAssertEqual(Tensor<Double>([2, 3]).pow(3).scalars, [8, 27])
        assertClose(x.exp(), Tensor([0.1353352832366127, 1, 2.718281828459045]), tolerance: 1e-15)
        assertClose(Tensor<Double>([1, 2.718281828459045]).log(), Tensor([0, 1]), tolerance: 1e-15)
        assertClose(x.tanh(), Tensor([-0.9640275800758169, 0, 0.7615941559557649]), tolerance: 1e-15)
        assertClose(x.sigmoid(), Tensor([0.11920292202211755, 0.5, 0.7310585786300049]), tolerance: 1e-15)
        XCTAssertEqual(Tensor<Float>([-1000, 1000]).sigmoid().scalars, [0, 1])
    }

    func testComparisonMasks() throws {
        let x = Tensor<Double>([-1, 0, 2])
        XCTAssertEqual(x.isGreater(than: 0).scalars, [0, 0, 1])
        XCTAssertEqual(x.isLess(than: 0).scalars, [1, 0, 0])
        XCTAssertEqual(try x.isEqual(to: Tensor([-1, 5, 2])).scalars, [1, 0, 1])
        XCTAssertEqual(try x.isGreater(than: Tensor(0.0)).scalars, [0, 0, 1])
        XCTAssertFalse(Tensor<Double>([1, .nan]).isFinite)
    }
}
