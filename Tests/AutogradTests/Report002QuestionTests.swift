import Autograd
import TensorCore
import TestSupport
import XCTest

/// Report 002's derivative and autodiff questions (spec §8.2) as tests.
final class Report002QuestionTests: XCTestCase {
    func testQuestion1Division() throws {
        let x = TensorNode(try Tensor<Double>([[1, 2], [3, 4]]))
        let y = TensorNode(try Tensor<Double>([[2, 4], [5, 8]]))
        try (x / y).sum().backward()
        XCTAssertEqual(x.grad?.scalars, [0.5, 0.25, 0.2, 0.125])
        XCTAssertEqual(y.grad?.scalars, [-0.25, -0.125, -0.12, -0.0625])
    }

    func testQuestion3MatrixProductGradients() throws {
        let aValue = GradientCheck.sample([3, 4], seed: 1)
        let bValue = GradientCheck.sample([4, 2], seed: 2)
        let g = GradientCheck.sample([3, 2], seed: 3)
        let a = TensorNode(aValue)
        let b = TensorNode(bValue)
        try (a.matmul(b) * TensorNode(g)).sum().backward()
        assertClose(try XCTUnwrap(a.grad), try Tensor.matmul(g, bValue, transposeB: true), tolerance: 1e-15)
        assertClose(try XCTUnwrap(b.grad), try Tensor.matmul(aValue, g, transposeA: true), tolerance: 1e-15)
        // Perturbing A[p][q] changes only row p of C, by ε·B[q][·].
        var perturbed = aValue
        try perturbed.setElement(aValue.element(at: [1, 2]) + 1e-3, at: [1, 2])
        let difference = try Tensor.matmul(perturbed, bValue) - Tensor.matmul(aValue, bValue)
        assertClose(try difference.rows(0..<1), Tensor.zeros([1, 2]), tolerance: 1e-15)
        assertClose(try difference.rows(1..<2), try bValue.rows(2..<3) * 1e-3, tolerance: 1e-15)
    }

    func testQuestion4ExpandInto16Columns() throws {
        let x = TensorNode(Tensor<Double>([1, 2, 3]))
        try x.expand(16, placement: .newAxis(1)).sum().backward()
        XCTAssertEqual(x.grad?.scalars, [16, 16, 16])
        let general = TensorNode(Tensor<Double>([1, 2, 3]))
        let g = try Tensor<Double>(shape: [3, 16], scalars: (0..<48).map { Double($0 % 16) })
        try (general.expand(16, placement: .newAxis(1)) * TensorNode(g)).sum().backward()
        XCTAssertEqual(general.grad?.scalars, [120, 120, 120])
    }

    func testQuestion5NodesOfAnAddition() throws {
        let a = TensorNode(try Tensor<Double>([[1, 2], [3, 4]]))
        let b = TensorNode(try Tensor<Double>([[5, 6], [7, 8]]))
        let c = try a + b
        XCTAssertEqual(c.value.scalars, [6, 8, 10, 12])
        let source = try XCTUnwrap(c.source)
        XCTAssertTrue(source.op is Add<Double>)
        XCTAssertTrue(source.inputs[0] === a, "the first input is a itself, not a copy")
        XCTAssertNil(a.grad)
        try c.sum().backward()
        XCTAssertEqual(a.grad?.scalars, [1, 1, 1, 1])
    }

    func testQuestion6OpDefinesTheOperationAndLinksBothWays() throws {
        let a = TensorNode(Tensor<Double>([1, 2]))
        let b = TensorNode(Tensor<Double>([3, 4]))
        XCTAssertEqual(try Add<Double>().forward([a.value, b.value]).output.scalars, [4, 6])
        let c = try a + b
        XCTAssertTrue(c.source!.outputs.contains { $0 === c })
    }

    /// An identity op that counts its backward calls.
    final class Spy: Op {
        var calls = 0
        var name: String { "spy" }
        func forward(_ inputs: [Tensor<Double>]) throws -> (output: Tensor<Double>, context: Void) { (inputs[0], ()) }
        func backward(_: Void, outputGradient: Tensor<Double>) throws -> [Tensor<Double>] {
            calls += 1
            return [outputGradient]
        }
    }

    func testQuestion7EachBackwardRunsOnceAfterAllConsumers() throws {
        let spy = Spy()
        let x = TensorNode(Tensor<Double>([3]))
        let u = try TensorNode.apply(spy, [x])
        try (u * u + u).sum().backward()
        XCTAssertEqual(spy.calls, 1)
        XCTAssertEqual(x.grad?.scalars, [7], "y = x·x + x at x = 3")
        // A shared non-leaf: u = 2x, y = u·u + u gives 2(2u + 1) = 26; a per-consumer recursion (vugrad 2020) gives 78.
        let leaf = TensorNode(Tensor<Double>([3]))
        let doubled = try leaf.scaled(by: 2)
        try (doubled * doubled + doubled).sum().backward()
        XCTAssertEqual(leaf.grad?.scalars, [26])
    }

    func testQuestion8ExpandAlongASingletonAxis() throws {
        let x = TensorNode(try Tensor<Double>([[1, 2, 3]]))
        let g = try Tensor<Double>([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]])
        let expanded = try x.expand(4, placement: .singletonAxis(0))
        XCTAssertEqual(expanded.shape, [4, 3])
        try (expanded * TensorNode(g)).sum().backward()
        XCTAssertEqual(x.grad?.shape, [1, 3])
        XCTAssertEqual(x.grad?.scalars, [18, 22, 26])
        let column = TensorNode(try Tensor<Double>([[1], [2]]))
        try (column.expand(3, placement: .singletonAxis(1)) * TensorNode(try Tensor([[1, 2, 3], [4, 5, 6]]))).sum()
            .backward()
        XCTAssertEqual(column.grad?.scalars, [6, 15])
    }

    func testFigure1ReLU() throws {
        let x = TensorNode(Tensor<Double>([-1, 0, 2]))
        let y = try x.relu()
        XCTAssertEqual(y.value.scalars, [0, 0, 2])
        try (y * TensorNode(Tensor([5, 5, 5]))).sum().backward()
        XCTAssertEqual(x.grad?.scalars, [0, 0, 5])
    }
}
