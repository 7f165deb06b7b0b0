import Backprop
import Foundation

/// One training step of a CNN as `torch_anchor.py` times it, on Gaussian inputs with labels 0…9
/// in turn and softmax cross-entropy:
/// - `tutorial` (`--config cnn`): the PyTorch CIFAR-10 tutorial network of report 002 Table 1 on
///   [B, 3, 32, 32], SGD lr 0.001 momentum 0.9;
/// - `wide` (`--config cnn-wide`): conv 32@3×3 pad 1, pool, conv 64@3×3 pad 1, pool, dropout 0.25,
///   fc 128, fc 10 on [B, 1, 28, 28], Adam lr 0.001 (`docs/examples/mnist-cnn-wide.json`).
struct CNNBenchmark {
    enum Network: String {
        case tutorial = "cnn"
        case wide = "cnn-wide"

        /// Images per epoch of the data set the network trains on (CIFAR-10, MNIST).
        var epochImages: Int { self == .tutorial ? 50000 : 60000 }
    }

    let network: Network
    let batch: Int
    let repeats: Int

    private func model(_ random: RandomSource) throws -> Sequential<Float> {
        switch network {
        case .tutorial:
            return Sequential<Float>(
                Conv2d(inChannels: 3, outChannels: 6, kernelSize: 5, random: random), ReLU(),
                MaxPool2d(kernelSize: 2),
                Conv2d(inChannels: 6, outChannels: 16, kernelSize: 5, random: random), ReLU(),
                MaxPool2d(kernelSize: 2), Flatten(),
                Linear(inputFeatures: 400, outputFeatures: 120, random: random), ReLU(),
                Linear(inputFeatures: 120, outputFeatures: 84, random: random), ReLU(),
                Linear(inputFeatures: 84, outputFeatures: 10, random: random))
        case .wide:
            return Sequential<Float>(
                Conv2d(inChannels: 1, outChannels: 32, kernelSize: 3, padding: 1, random: random), ReLU(),
                MaxPool2d(kernelSize: 2),
                Conv2d(inChannels: 32, outChannels: 64, kernelSize: 3, padding: 1, random: random), ReLU(),
                MaxPool2d(kernelSize: 2), Flatten(), try Dropout(probability: 0.25, random: random),
                Linear(inputFeatures: 3136, outputFeatures: 128, random: random), ReLU(),
                Linear(inputFeatures: 128, outputFeatures: 10, random: random))
        }
    }

    func stepMicroseconds() throws -> Double {
        let random = RandomSource(seed: 0)
        let model = try model(random)
        let optimizer: any Optimizer<Float> =
            network == .tutorial
            ? SGD(parameters: model.allParameters(), learningRate: 1e-3, momentum: 0.9)
            : Adam(parameters: model.allParameters(), learningRate: 1e-3)
        let loss = SoftmaxCrossEntropyLoss<Float>()
        let input: Tensor<Float> =
            random.gaussianTensor(network == .tutorial ? [batch, 3, 32, 32] : [batch, 1, 28, 28])
        let labels = Tensor<Float>((0..<batch).map { Float($0 % 10) })
        let steps = network == .tutorial ? max(20, 8000 / batch) : max(10, 2000 / batch)
        let step = {
            optimizer.zeroGrad()
            let output = try model.forward(input)
            try model.accumulateGradients(try loss.evaluate(predicted: output, target: labels).gradient)
            try optimizer.step()
        }
        try step()
        return try Stopwatch.best(of: repeats) { for _ in 0..<steps { try step() } } / Double(steps) * 1e6
    }
}
