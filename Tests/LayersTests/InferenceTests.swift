import Layers
import Randomness
import TensorCore
import XCTest

/// `infer` (inference without backward state, in place where it can, bias and activation fused)
/// must give `forward`'s bits.
final class InferenceTests: XCTestCase {
    func network(_ random: RandomSource) -> Sequential<Float> {
        Sequential(
            Linear(inputFeatures: 5, outputFeatures: 7, weightInitializer: .normal(mean: 0, standardDeviation: 1), biasInitializer: .normal(mean: 0, standardDeviation: 1), random: random),
            ReLU(), Linear(inputFeatures: 7, outputFeatures: 6, random: random), Sigmoid(),
            Linear(inputFeatures: 6, outputFeatures: 6, hasBias: false, random: random), ReLU(),
            Linear(inputFeatures: 6, outputFeatures: 4, random: random), Tanh())
    }

    func testInferGivesForwardsBitsAndLeavesTheInputAlone() throws {
        let random = RandomSource(seed: 3)
        let model = network(random)
        model.eval()
        let input: Tensor<Float> = random.uniformTensor([33, 5], lower: -3, upper: 3)
        let original = input.scalars
        let expected = try model.forward(input)
        var inferred = input
        try model.infer(&inferred)
        XCTAssertEqual(inferred.shape, [33, 4])
        XCTAssertEqual(inferred.scalars, expected.scalars)
        XCTAssertEqual(input.scalars, original, "infer changed the caller's tensor")
    }

    func testReLUInPlaceMapsNegativesAndNaNToZero() throws {
        var x = Tensor<Float>([-2, -0.0, 0, 3, .nan, .infinity, -.infinity])
        try ReLU<Float>().infer(&x)
        XCTAssertEqual(x.scalars, [0, 0, 0, 3, 0, .infinity, 0])
    }

    func testLinearInferRejectsAWrongWidth() {
        var x = Tensor<Float>.zeros([2, 3])
        XCTAssertThrowsError(try Linear<Float>(inputFeatures: 4, outputFeatures: 1, random: RandomSource(seed: 0)).infer(&x)) { error in
            XCTAssertTrue("\(error)".contains("[2, 3]"), "\(error)")
        }
    }
}
