import Layers
import Randomness
import TensorCore
import XCTest

/// `infer` (inference without backward state, in place where it can, bias and activation fused)
/// must give `forward`'s bits.
final class InferenceTests: XCTestCase {
    func network(_ random: RandomSource) -> Sequential<Float> {
        Sequential(
            Linear(
                inputFeatures: 5, outputFeatures: 7, weightInitializer: .normal(mean: 0, standardDeviation: 1),
                biasInitializer: .normal(mean: 0, standardDeviation: 1), random: random),
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

    /// A user's own linear layer adopts `BiasDeferring` and is fused with the activation after it, as `Linear` is.
    func testAUsersBiasDeferringLayerIsFusedWithTheNextActivation() throws {
        final class CountingLinear: BiasDeferring {
            let inner: Linear<Float>
            var unfusedCalls = 0, deferredCalls = 0
            var isTraining = false
            init(_ inner: Linear<Float>) { self.inner = inner }
            var parameters: [Parameter<Float>] { inner.parameters }
            func forward(_ input: Tensor<Float>) throws -> Tensor<Float> { try inner.forward(input) }
            func backward(_ outputGradient: Tensor<Float>) throws -> Tensor<Float> {
                try inner.backward(outputGradient)
            }
            func infer(_ x: inout Tensor<Float>) throws {
                unfusedCalls += 1
                try inner.infer(&x)
            }
            var deferrableBias: Tensor<Float>? { inner.deferrableBias }
            func inferWithoutBias(_ x: inout Tensor<Float>) throws {
                deferredCalls += 1
                try inner.inferWithoutBias(&x)
            }
        }
        let random = RandomSource(seed: 5)
        let linear = Linear<Float>(
            inputFeatures: 5, outputFeatures: 3, biasInitializer: .normal(mean: 0, standardDeviation: 1), random: random
        )
        let mine = CountingLinear(linear)
        let input: Tensor<Float> = random.uniformTensor([9, 5], lower: -2, upper: 2)
        let expected = try Sequential(linear, Sigmoid()).forward(input)
        var fused = input
        try Sequential(mine, Sigmoid()).infer(&fused)
        XCTAssertEqual(fused.scalars, expected.scalars, "fusion keeps forward's bits")
        XCTAssertEqual([mine.deferredCalls, mine.unfusedCalls], [1, 0], "the bias went to the sigmoid's pass")
    }

    func testReLUInPlaceMapsNegativesAndNaNToZero() throws {
        var x = Tensor<Float>([-2, -0.0, 0, 3, .nan, .infinity, -.infinity])
        try ReLU<Float>().infer(&x)
        XCTAssertEqual(x.scalars, [0, 0, 0, 3, 0, .infinity, 0])
    }

    func testLinearInferRejectsAWrongWidth() {
        var x = Tensor<Float>.zeros([2, 3])
        XCTAssertThrowsError(
            try Linear<Float>(inputFeatures: 4, outputFeatures: 1, random: RandomSource(seed: 0)).infer(&x)
        ) { error in
            XCTAssertTrue("\(error)".contains("[2, 3]"), "\(error)")
        }
    }
}
