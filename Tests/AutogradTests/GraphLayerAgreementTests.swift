import Autograd
import Layers
import Randomness
import TensorCore
import XCTest

/// The graph's Affine op and the explicit Linear layer must compute the same bits (product first,
/// then the bias), so a model trained either way follows the same trajectory.
final class GraphLayerAgreementTests: XCTestCase {
    func testAffineOpGivesTheLinearLayersBitsAtReport003Width() throws {
        let random = RandomSource(seed: 5)
        let layer = Linear<Float>(
            inputFeatures: 784, outputFeatures: 64, weightInitializer: .normal(mean: 0, standardDeviation: 0.05),
            biasInitializer: .normal(mean: 0, standardDeviation: 1), random: random)
        let input: Tensor<Float> = random.uniformTensor([50, 784], lower: -0.5, upper: 0.5)
        let explicit = try layer.forward(input)
        let graph = try GraphLinear(weight: layer.weight, bias: layer.bias)(TensorNode(input, requiresGradient: false))
        XCTAssertEqual(graph.value.scalars, explicit.scalars)
    }
}
