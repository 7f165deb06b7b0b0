import Layers
import Randomness
import TensorCore
import XCTest

/// `print(model)` shows every layer with its settings (PyTorch's `print(model)`), and a module's
/// named children name its parameters.
final class ModuleDescriptionTests: XCTestCase {
    func testASequentialPrintsEachLayerWithItsSizes() {
        let random = RandomSource(seed: 0)
        let model = Sequential<Float>(
            Linear(inputFeatures: 784, outputFeatures: 256, random: random), ReLU(),
            Linear(inputFeatures: 256, outputFeatures: 10, hasBias: false, random: random))
        XCTAssertEqual(
            "\(model)",
            """
            Sequential(
              (0): Linear(inputFeatures: 784, outputFeatures: 256, bias: true)
              (1): ReLU()
              (2): Linear(inputFeatures: 256, outputFeatures: 10, bias: false)
            )
            """)
    }

    func testNestedModulesIndentAndConvolutionsShowTheirGeometry() {
        let random = RandomSource(seed: 0)
        let inner = Sequential<Float>(
            Conv2d(inChannels: 3, outChannels: 6, kernelSize: 5, padding: 2, random: random), MaxPool2d(kernelSize: 2))
        let model = Sequential<Float>(inner, Flatten())
        XCTAssertEqual(
            model.moduleDescription,
            """
            Sequential(
              (0): Sequential(
                (0): Conv2d(inChannels: 3, outChannels: 6, kernelSize: 5, stride: 1, padding: 2)
                (1): MaxPool2d(kernelSize: 2, stride: 2)
              )
              (1): Flatten()
            )
            """)
    }

    /// A user's module with named parts: its parameter paths and printed form use the names.
    func testNamedChildrenNameTheParameters() {
        final class AutoEncoder: Module {
            let encoder: Linear<Float>, decoder: Linear<Float>
            var isTraining = true
            init(random: RandomSource) {
                encoder = Linear(inputFeatures: 4, outputFeatures: 2, random: random)
                decoder = Linear(inputFeatures: 2, outputFeatures: 4, random: random)
            }
            var children: [any Module<Float>] { [encoder, decoder] }
            var namedChildren: [(name: String, module: any Module<Float>)] {
                [("encoder", encoder), ("decoder", decoder)]
            }
            func forward(_ input: Tensor<Float>) throws -> Tensor<Float> { try decoder.forward(encoder.forward(input)) }
            func backward(_ outputGradient: Tensor<Float>) throws -> Tensor<Float> {
                try encoder.backward(decoder.backward(outputGradient))
            }
        }
        let model = AutoEncoder(random: RandomSource(seed: 1))
        XCTAssertEqual(
            model.namedParameters().map(\.name), ["encoder.weight", "encoder.bias", "decoder.weight", "decoder.bias"])
        XCTAssertEqual(
            model.moduleDescription,
            """
            AutoEncoder(
              (encoder): Linear(inputFeatures: 4, outputFeatures: 2, bias: true)
              (decoder): Linear(inputFeatures: 2, outputFeatures: 4, bias: true)
            )
            """)
        XCTAssertEqual(
            Sequential<Float>(Linear(inputFeatures: 1, outputFeatures: 1, random: RandomSource(seed: 2)))
                .namedParameters().map(\.name),
            ["0.weight", "0.bias"], "positional names stay the default")
    }
}
