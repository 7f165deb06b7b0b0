import ArgumentParser
import Backprop
import Foundation

/// `bench mlp`: one epoch of report 003's network (784-256-128-10, ReLU, softmax cross-entropy,
/// SGD lr 0.01 momentum 0.9 weight decay 5e-4) on MNIST, against the NumPy anchor's `mlp003`.
struct MLPBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp", abstract: "Seconds per MNIST epoch of report 003's MLP against NumPy.")

    @OptionGroup var options: AnchorOptions

    @Option(help: "Batch size.")
    var batch = 100

    @Option(help: "Data folder holding mnist/ (default: $BACKPROP_DATA).")
    var dataDir: String?

    func run() throws {
        let directory = DataDirectory.resolve(dataDir)
        let loadStart = Date()
        let raw: DatasetSplit<Float> = try MNIST.load(dataDirectory: directory, verification: .strict)
        print(
            "backprop mnist load \(String(format: "%.2f", Date().timeIntervalSince(loadStart))) s (60,000 + 10,000 images, no checksum)"
        )
        let data = MNIST.preprocess(raw, .unitScale)
        let anchor =
            options.noAnchor
            ? nil
            : NumPyAnchor(scriptPath: options.anchor).run(config: "mlp003", batch: batch, repeats: options.repeats)
        let random = RandomSource(seed: 0)
        let model = Sequential<Float>(
            Linear(
                inputFeatures: 784, outputFeatures: 256, weightInitializer: .heNormal(gain: Initializer.Gain.relu),
                random: random), ReLU(),
            Linear(
                inputFeatures: 256, outputFeatures: 128, weightInitializer: .heNormal(gain: Initializer.Gain.relu),
                random: random), ReLU(),
            Linear(
                inputFeatures: 128, outputFeatures: 10, weightInitializer: .heNormal(gain: Initializer.Gain.relu),
                random: random))
        let optimizer = SGD(parameters: model.allParameters(), learningRate: 0.01, momentum: 0.9, weightDecay: 5e-4)
        let trainer = Trainer(model: model, loss: SoftmaxCrossEntropyLoss(), optimizer: optimizer)
        let configuration = TrainingConfiguration(epochs: 1, batchSize: batch, evaluateEveryEpoch: false)
        var accuracy = 0.0
        let seconds = try Stopwatch.best(of: options.repeats) {
            accuracy = try trainer.fit(train: data.train, configuration: configuration, random: random).epochs[0]
                .trainAccuracy
        }
        print(
            "backprop mlp003 batch \(batch) \(String(format: "%.3f", seconds)) s/epoch (running train accuracy \(String(format: "%.4f", accuracy)))"
        )
        if let reference = anchor?.first(where: { $0.name == "mlp003 batch \(batch)" }) {
            print("anchor   mlp003 batch \(batch) \(String(format: "%.3f", reference.value)) s/epoch")
            print(
                "ratio    mlp003 batch \(batch) Backprop/numpy \(String(format: "%.2f", seconds / reference.value)) (lower is faster)"
            )
        }
    }
}
