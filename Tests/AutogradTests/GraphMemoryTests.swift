import Autograd
import TensorCore
import TestSupport
import XCTest

final class GraphMemoryTests: XCTestCase {
    func testThousandIterationsLeaveNoLiveNodes() throws {
        let weight = TensorNode(GradientCheck.sample([4, 3], seed: 1))
        var created: [() -> AnyObject?] = []
        for iteration in 0..<1000 {
            try scope {
                let x = TensorNode(GradientCheck.sample([5, 4], seed: UInt64(iteration)))
                let hidden = try x.matmul(weight).tanh()
                let loss = try GraphLosses.softmaxCrossEntropy(logits: hidden, labels: [0, 1, 2, 0, 1])
                try loss.backward()
                weak let weakLoss = loss
                weak let weakHidden = hidden
                weak let weakSource = hidden.source
                created.append { weakLoss }
                created.append { weakHidden }
                created.append { weakSource }
                loss.clear()
            }
        }
        XCTAssertEqual(created.compactMap { $0() }.count, 0, "nodes still alive after clear()")
        XCTAssertNil(weight.source)
    }

    func testClearReleasesTheGraphButKeepsLeaves() throws {
        let x = TensorNode(Tensor<Double>([1, 2]))
        let y = try (x * x).sum()
        weak let product = y.source?.inputs.first
        try y.backward()
        XCTAssertNotNil(product)
        y.clear()
        XCTAssertNil(product)
        XCTAssertNil(y.source)
        XCTAssertEqual(x.value.scalars, [1, 2])
    }

    /// Runs `body` so its locals are released when it returns.
    private func scope(_ body: () throws -> Void) rethrows { try body() }
}

final class GradientRequirementTests: XCTestCase {
    func testDataLeavesGetNoGradientAndTheRestIsUnchanged() throws {
        let xValue = GradientCheck.sample([3, 4], seed: 1)
        let wValue = GradientCheck.sample([4, 2], seed: 2)
        let data = TensorNode(xValue, requiresGradient: false)
        let weight = TensorNode(wValue)
        let loss = try data.matmul(weight).tanh().sum()
        try loss.backward()
        XCTAssertNil(data.grad)
        XCTAssertTrue(loss.requiresGradient)
        let numeric = try GradientCheck.numericalGradient(at: wValue) { try Tensor.matmul(xValue, $0).tanh().sum() }
        XCTAssertLessThan(GradientCheck.relativeError(try XCTUnwrap(weight.grad), numeric), 1e-6)
        let constant = try (TensorNode(xValue, requiresGradient: false) * TensorNode(xValue, requiresGradient: false))
            .sum()
        XCTAssertFalse(constant.requiresGradient)
    }
}
