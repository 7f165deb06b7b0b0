import TensorCore
import TestSupport
import XCTest

final class TensorWorkspaceTests: XCTestCase {
    private func filled(_ workspace: inout TensorWorkspace<Float>, _ shape: [Int], with value: Float) -> Tensor<Float> {
        workspace.tensor(shape) { tensor in tensor.withUnsafeMutableBufferPointer { $0.update(repeating: value) } }
    }

    func testAReleasedResultsMemoryIsWrittenAgain() {
        var workspace = TensorWorkspace<Float>()
        let first = storageAddress(filled(&workspace, [64, 10], with: 1))
        let second = filled(&workspace, [64, 10], with: 2)
        XCTAssertEqual(storageAddress(second), first)
        XCTAssertEqual(second.shape, [64, 10])
        XCTAssertEqual(second.scalars, [Float](repeating: 2, count: 640))
    }

    func testAHeldResultNeverChanges() {
        var workspace = TensorWorkspace<Float>()
        let held = filled(&workspace, [3, 4], with: 1)
        let next = filled(&workspace, [3, 4], with: 2)
        XCTAssertNotEqual(storageAddress(next), storageAddress(held))
        XCTAssertEqual(held.scalars, [Float](repeating: 1, count: 12))
        XCTAssertEqual(next.scalars, [Float](repeating: 2, count: 12))
        // The workspace now writes where `next` lives once that is released.
        let nextAddress = storageAddress(next)
        _ = consume next
        XCTAssertEqual(storageAddress(filled(&workspace, [3, 4], with: 3)), nextAddress)
    }

    func testASmallerBatchAndTheNextFullOneReuseTheSameBlock() {
        var workspace = TensorWorkspace<Float>()
        let full = storageAddress(filled(&workspace, [64, 10], with: 1))
        let last = filled(&workspace, [32, 10], with: 2)
        XCTAssertEqual(last.count, 320)
        XCTAssertEqual(storageAddress(last), full)
        _ = consume last
        let again = filled(&workspace, [64, 10], with: 3)
        XCTAssertEqual(storageAddress(again), full)
        XCTAssertEqual(again.scalars, [Float](repeating: 3, count: 640))
    }

    func testZerosClearsAnEarlierResultBeforeTheBodyAdds() {
        var workspace = TensorWorkspace<Double>()
        _ = workspace.tensor([2, 3]) { $0.withUnsafeMutableBufferPointer { $0.update(repeating: 7) } }
        let sum = workspace.zeros([2, 3]) { tensor in tensor.withUnsafeMutableBufferPointer { $0[4] += 1.5 } }
        XCTAssertEqual(sum.scalars, [0, 0, 0, 0, 1.5, 0])
    }

    func testAThrowingBodyLeavesAWorkspaceThatStillWorks() {
        struct Refused: Error {}
        var workspace = TensorWorkspace<Float>()
        XCTAssertThrowsError(try workspace.tensor([2]) { _ in throw Refused() })
        XCTAssertEqual(filled(&workspace, [2], with: 5).scalars, [5, 5])
    }
}
