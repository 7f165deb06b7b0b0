import Backprop
import Foundation

/// One training step of the PyTorch CIFAR-10 tutorial network (report 002 Table 1) as
/// `torch_anchor.py --config cnn` times it: [B, 3, 32, 32] Gaussian inputs, labels 0…9 in turn,
/// softmax cross-entropy, SGD lr 0.001 momentum 0.9.
struct CNNBenchmark {
    let batch: Int
    let repeats: Int

    func stepMicroseconds() throws -> Double {
        let random = RandomSource(seed: 0)
        let model = Sequential<Float>(
            Conv2d(inChannels: 3, outChannels: 6, kernelSize: 5, random: random), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(inChannels: 6, outChannels: 16, kernelSize: 5, random: random), ReLU(), MaxPool2d(kernelSize: 2),
            Flatten(),
            Linear(inputFeatures: 400, outputFeatures: 120, random: random), ReLU(),
            Linear(inputFeatures: 120, outputFeatures: 84, random: random), ReLU(),
            Linear(inputFeatures: 84, outputFeatures: 10, random: random))
        let optimizer = SGD(parameters: model.allParameters(), learningRate: 1e-3, momentum: 0.9)
        let loss = SoftmaxCrossEntropyLoss<Float>()
        let input: Tensor<Float> = random.gaussianTensor([batch, 3, 32, 32])
        let labels = Tensor<Float>((0..<batch).map { Float($0 % 10) })
        let steps = max(20, 8000 / batch)
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
