import Autograd
import TensorCore
import XCTest

/// Issue 15: a second `backward()` inflated the intermediate gradients, and a parameter's leaf used
/// in two graphs added its first gradient twice. Expected values are PyTorch's (float64):
///
///     x = torch.tensor([1., 2., 3.], requires_grad=True); y = x * x; z = y.sum()
///     y.retain_grad(); z.backward(retain_graph=True); z.backward()   # x.grad = [4, 8, 12], y.grad = [1, 1, 1]
///     p = torch.tensor([1., 2.], requires_grad=True)
///     (p * 3).sum().backward(); (p * p).sum().backward()              # p.grad = [5, 7]
final class RepeatedBackwardTests: XCTestCase {
    func testASecondBackwardAddsToTheLeavesOnly() throws {
        let x = TensorNode(Tensor<Double>([1, 2, 3]))
        let y = try x * x
        let z = try y.sum()
        try z.backward()
        try z.backward()
        XCTAssertEqual(x.grad?.scalars, [4, 8, 12], "PyTorch: the leaf accumulates 2x twice")
        XCTAssertEqual(y.grad?.scalars, [1, 1, 1], "the intermediate gradient is this call's, not inflated")
    }

    func testAParameterSharedByTwoGraphsGetsTheSumOfTheirGradients() throws {
        let parameter = Parameter(Tensor<Double>([1, 2]))
        let leaf = TensorNode(parameter: parameter)
        try (leaf * TensorNode(Tensor([3, 3]), requiresGradient: false)).sum().backward()
        XCTAssertEqual(parameter.grad.scalars, [3, 3])
        try (leaf * leaf).sum().backward()
        XCTAssertEqual(parameter.grad.scalars, [5, 7], "PyTorch: 3 + 2p, the first graph's gradient counted once")
        XCTAssertEqual(leaf.grad?.scalars, [5, 7])
    }
}
