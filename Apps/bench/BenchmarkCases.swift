import Backprop
import Foundation

/// The workloads of `bench all`, set up as the NumPy anchor sets up its own.
struct BenchmarkCases {
    let mnist: DatasetSplit<Float>
    let repeats: Int

    /// Report 003's network with He-normal weights (as the anchor), ReLU, softmax cross-entropy.
    func mlp003Model(random: RandomSource) -> Sequential<Float> {
        let he = Initializer.heNormal(gain: Initializer.Gain.relu)
        return Sequential<Float>(
            Linear(inputFeatures: 784, outputFeatures: 256, weightInitializer: he, random: random), ReLU(),
            Linear(inputFeatures: 256, outputFeatures: 128, weightInitializer: he, random: random), ReLU(),
            Linear(inputFeatures: 128, outputFeatures: 10, weightInitializer: he, random: random))
    }

    var unitScaled: DatasetSplit<Float> { MNIST.preprocess(mnist, .unitScale) }

    /// Seconds for one epoch of report 003's training (SGD lr 0.01, momentum 0.9, weight decay 5e-4).
    func mlp003Epoch(batch: Int) throws -> Double {
        let data = unitScaled
        let random = RandomSource(seed: 0)
        let model = mlp003Model(random: random)
        let trainer = Trainer(
            model: model, loss: SoftmaxCrossEntropyLoss(),
            optimizer: SGD(parameters: model.allParameters(), learningRate: 0.01, momentum: 0.9, weightDecay: 5e-4))
        let configuration = TrainingConfiguration(epochs: 1, batchSize: batch, evaluateEveryEpoch: false)
        return try Stopwatch.best(of: repeats) {
            _ = try trainer.fit(train: data.train, configuration: configuration, random: random)
        }
    }

    /// Report 004's 784-300-10 sigmoid network, standardised MNIST (first 55,000 images).
    func sgd004Setup() throws -> (Trainer<Float>, LabeledDataset<Float>) {
        let data = try MNIST.validationSplit(MNIST.preprocess(mnist, .standardized).train)
        let random = RandomSource(seed: 0)
        let model = Sequential<Float>(
            Linear(inputFeatures: 784, outputFeatures: 300, weightInitializer: .heNormal(gain: 1), random: random),
            Sigmoid(),
            Linear(inputFeatures: 300, outputFeatures: 10, weightInitializer: .heNormal(gain: 1), random: random))
        return (
            Trainer(
                model: model, loss: SoftmaxCrossEntropyLoss(),
                optimizer: GradientDescent(parameters: model.allParameters(), learningRate: 0.01)), data.train
        )
    }

    /// Microseconds per batch-1 step over 10,000 steps.
    func sgd004StepMicroseconds() throws -> Double {
        let (trainer, train) = try sgd004Setup()
        let steps = try train.subset(0..<10000)
        let configuration = TrainingConfiguration(epochs: 1, batchSize: 1, evaluateEveryEpoch: false)
        return try Stopwatch.best(of: repeats) {
            _ = try trainer.fit(train: steps, configuration: configuration, random: RandomSource(seed: 1))
        } / 10000 * 1e6
    }

    func sgd004Epoch(batch: Int) throws -> Double {
        let (trainer, train) = try sgd004Setup()
        let configuration = TrainingConfiguration(epochs: 1, batchSize: batch, evaluateEveryEpoch: false)
        return try Stopwatch.best(of: repeats) {
            _ = try trainer.fit(train: train, configuration: configuration, random: RandomSource(seed: 1))
        }
    }

    /// Seconds for 200 epochs of a 2-25-25-25-2 ReLU network on 1,000 disk points, plain SGD lr 0.1.
    func disk(batch: Int) throws -> Double {
        let random = RandomSource(seed: 0)
        let data: LabeledDataset<Float> = DiskDataset.make(count: 1000, random: random)
        let model = Sequential<Float>(
            Linear(inputFeatures: 2, outputFeatures: 25, random: random), ReLU(),
            Linear(inputFeatures: 25, outputFeatures: 25, random: random), ReLU(),
            Linear(inputFeatures: 25, outputFeatures: 25, random: random), ReLU(),
            Linear(inputFeatures: 25, outputFeatures: 2, random: random))
        let trainer = Trainer(
            model: model, loss: SoftmaxCrossEntropyLoss(),
            optimizer: SGD(parameters: model.allParameters(), learningRate: 0.1))
        let configuration = TrainingConfiguration(epochs: 200, batchSize: batch, evaluateEveryEpoch: false)
        return try Stopwatch.best(of: repeats) {
            _ = try trainer.fit(train: data, configuration: configuration, random: random)
        }
    }

    /// The mlp003 epoch (batch 100) built as an autograd graph every step.
    func autogradEpoch() throws -> Double {
        let data = unitScaled
        let random = RandomSource(seed: 0)
        let model = mlp003Model(random: random)
        let linears = model.layers.compactMap { $0 as? Linear<Float> }.map {
            GraphLinear(weight: $0.weight, bias: $0.bias)
        }
        let optimizer = SGD(parameters: model.allParameters(), learningRate: 0.01, momentum: 0.9, weightDecay: 5e-4)
        let loader = DataLoader(dataset: data.train, batchSize: 100, random: random)
        return try Stopwatch.best(of: repeats) {
            try loader.forEachBatch { batch in
                var x = TensorNode(batch.features, requiresGradient: false)
                for (index, linear) in linears.enumerated() {
                    x = try linear(x)
                    if index < linears.count - 1 { x = try x.relu() }
                }
                let loss = try GraphLosses.softmaxCrossEntropy(logits: x, labels: batch.labels)
                optimizer.zeroGrad()
                try loss.backward()
                // Released before the step: the graph's saved inputs share the weights' storage, and
                // while they live the in-place update would copy every weight first.
                loss.clear()
                try optimizer.step()
            }
        }
    }

    /// Repeats of the short evaluation case, for Backprop and the anchor alike.
    var evaluationRepeats: Int { max(repeats, 5) }

    /// Milliseconds to classify the 10,000 test images with report 003's network.
    func evaluationMilliseconds() throws -> Double {
        let data = unitScaled
        let model = mlp003Model(random: RandomSource(seed: 0))
        model.eval()
        return try Stopwatch.best(of: evaluationRepeats) {
            var output = data.test.features
            try model.infer(&output)
            _ = try output.argmax(alongAxis: 1)
        } * 1000
    }
}
