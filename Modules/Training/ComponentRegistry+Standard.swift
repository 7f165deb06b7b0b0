import Datasets
import Layers
import Losses
import Optimizers
import Schedulers
import TensorCore

extension ComponentRegistry {
    /// The built-in components: every layer, initializer, loss, optimizer, schedule and dataset Backprop ships.
    public static var standard: ComponentRegistry {
        var registry = ComponentRegistry()
        registry.registerStandardLayers()
        registry.registerStandardInitializers()
        registry.registerStandardLosses()
        registry.registerStandardOptimizers()
        registry.registerStandardSchedules()
        registry.registerStandardDatasets()
        registry.gains = ["relu": Initializer.Gain.relu, "tanh": Initializer.Gain.tanh, "sigmoid": 1, "linear": 1]
        registry.markAllBuiltIn()
        return registry
    }

    /// The settings every layer with weights reads for its initialiser (see `LayerContext.weightInitializer(for:fanIn:fanOut:)`).
    public static let initializerSettings: Set<String> = ["init", "std", "gain"]
    /// The settings of the built-in "linear" layer, for a user's own layer in that slot.
    public static let linearSettings = Set(["out", "bias"]).union(initializerSettings)
    /// The settings of the built-in "conv2d" layer.
    public static let conv2dSettings = Set(["out", "kernel", "stride", "padding"]).union(initializerSettings)

    private mutating func registerStandardLayers() {
        register(layer: "linear", settings: Self.linearSettings) { context in
            let inputs = try context.input(rank: 1, "a flat vector")[0]
            let outputs = try context.settings.positiveInteger("out")
            try context.checkWeights([outputs, inputs])
            return Linear<Float>(
                inputFeatures: inputs, outputFeatures: outputs,
                hasBias: try context.settings.flag("bias", default: true),
                weightInitializer: try context.weightInitializer(
                    for: [outputs, inputs], fanIn: inputs, fanOut: outputs), random: context.random)
        }
        register(layer: "conv2d", settings: Self.conv2dSettings) { context in
            let input = try context.input(rank: 3, "an image [channels, height, width]")
            let settings = context.settings
            let (outputs, kernel) = (try settings.positiveInteger("out"), try settings.positiveInteger("kernel"))
            try context.checkWeights([outputs, input[0], kernel, kernel])
            return Conv2d<Float>(
                inChannels: input[0], outChannels: outputs, kernelSize: kernel,
                stride: try settings.positiveInteger("stride", default: 1),
                padding: try settings.nonNegativeInteger("padding", default: 0),
                weightInitializer: try context.weightInitializer(
                    for: [outputs, input[0], kernel, kernel], fanIn: input[0] * kernel * kernel,
                    fanOut: outputs * kernel * kernel),
                random: context.random)
        }
        register(layer: "maxpool2d", settings: ["kernel", "stride"]) { context in
            _ = try context.input(rank: 3, "an image [channels, height, width]")
            let kernel = try context.settings.positiveInteger("kernel")
            return MaxPool2d<Float>(
                kernelSize: kernel, stride: try context.settings.positiveInteger("stride", default: kernel))
        }
        register(layer: "batchnorm1d", settings: ["epsilon", "momentum"]) { context in
            BatchNorm1d<Float>(
                features: try context.input(rank: 1, "a flat vector")[0],
                epsilon: Float(try context.settings.number("epsilon", in: 0...1, default: 1e-5)),
                momentum: Float(try context.settings.number("momentum", in: 0...1, default: 0.1)))
        }
        register(layer: "dropout", settings: ["p"]) { context in
            let probability = try context.settings.number("p", default: 0.5)
            do {
                return try Dropout<Float>(probability: probability, random: context.random)
            } catch let error as ModuleError {
                throw context.settings.error("\(error)")
            }
        }
        register(layer: "flatten") { _ in Flatten<Float>() }
        register(layer: "reshape", settings: ["shape"]) { context in
            let shape = try context.settings.shape("shape")
            let (values, inputValues) = (ElementCount.of(shape), ElementCount.of(context.inputShape))
            guard values == inputValues else {
                let held = values.map { "\($0) values" } ?? "more values than memory"
                throw context.settings.error(
                    "shape \(shape) holds \(held) per example, the input \(context.inputShape) holds \(inputValues ?? 0)"
                )
            }
            return Reshape<Float>(shape)
        }
        register(layer: "relu") { _ in ReLU<Float>() }
        register(layer: "tanh") { _ in Tanh<Float>() }
        register(layer: "sigmoid") { _ in Sigmoid<Float>() }
        register(layer: "softmax") { _ in Softmax<Float>() }
        register(layer: "logsoftmax") { _ in LogSoftmax<Float>() }
    }

    private mutating func registerStandardInitializers() {
        register(initializer: "pytorch-default", implementation: "Initializer.pytorchDefault") { _, _ in .pytorchDefault
        }
        register(initializer: "xavier-normal", implementation: "Initializer.xavierNormal") { _, gain in
            .xavierNormal(gain: gain)
        }
        register(initializer: "xavier-uniform", implementation: "Initializer.xavierUniform") { _, gain in
            .xavierUniform(gain: gain)
        }
        register(initializer: "he-normal", implementation: "Initializer.heNormal") { _, gain in .heNormal(gain: gain) }
        register(initializer: "fan-in-normal", implementation: "Initializer.heNormal") { _, _ in .heNormal(gain: 1) }
        register(initializer: "normal", implementation: "Initializer.normal") { spec, _ in
            .normal(mean: 0, standardDeviation: spec.standardDeviation ?? 1)
        }
        register(initializer: "vugrad-2020", implementation: "Initializer.vugrad2020") { _, _ in .vugrad2020 }
    }

    private mutating func registerStandardLosses() {
        register(loss: "mse") { MSELoss<Float>(reduction: $0.reduction) }
        register(loss: "euclidean") { _ in EuclideanLoss<Float>() }
        register(loss: "softmax-cross-entropy") { SoftmaxCrossEntropyLoss<Float>(reduction: $0.reduction) }
        register(loss: "cross-entropy") {
            CrossEntropyLoss<Float>(epsilon: Float($0.epsilon ?? 1e-20), reduction: $0.reduction)
        }
        register(loss: "nll") { NLLLoss<Float>(reduction: $0.reduction) }
    }

    private mutating func registerStandardOptimizers() {
        register(optimizer: "gd") { GradientDescent<Float>(parameters: $0, learningRate: $1.learningRate) }
        register(optimizer: "sgd") { parameters, spec in
            SGD<Float>(
                parameters: parameters, learningRate: spec.learningRate, momentum: spec.momentum ?? 0,
                weightDecay: spec.weightDecay ?? 0, nesterov: spec.nesterov ?? false,
                decoupledWeightDecay: spec.decoupledWeightDecay ?? 0,
                momentumForm: spec.momentumForm ?? .pytorch)
        }
        register(optimizer: "adam") { parameters, spec in
            Adam<Float>(
                parameters: parameters, learningRate: spec.learningRate, weightDecay: spec.weightDecay ?? 0,
                decoupledWeightDecay: spec.decoupledWeightDecay ?? 0)
        }
    }

    private mutating func registerStandardSchedules() {
        register(schedule: "constant") { rate, _ in ConstantSchedule(initialRate: rate) }
        register(schedule: "step_decay") { rate, spec in
            StepDecaySchedule(initialRate: rate, decayRate: spec.decayRate ?? 0.5, stepLength: spec.stepLength ?? 10)
        }
        register(schedule: "exp_decay") { rate, spec in
            ExponentialDecaySchedule(initialRate: rate, decayRate: spec.decayRate ?? 0)
        }
        register(schedule: "t_frac_decay") { rate, spec in
            InverseTimeDecaySchedule(initialRate: rate, decayRate: spec.decayRate ?? 0)
        }
        register(schedule: "cosine") { rate, spec in
            CosineAnnealingSchedule(initialRate: rate, period: spec.period ?? 100)
        }
    }

    private mutating func registerStandardDatasets() {
        register(dataset: "disk", implementation: "DiskDataset", drawsFromSeed: true) { spec, context in
            DiskDataset.split(
                trainCount: spec.trainCount ?? 1000, testCount: spec.testCount ?? 1000, random: context.random)
        }
        for (name, variant) in [("syn20", SyntheticDataset.Variant.vugrad2020), ("syng", .gist)] {
            register(dataset: name, implementation: "SyntheticDataset", drawsFromSeed: true) { spec, context in
                SyntheticDataset.split(
                    variant: variant, trainCount: spec.trainCount ?? 60000, validationCount: spec.testCount ?? 10000,
                    random: context.random)
            }
        }
        register(dataset: "mnist", implementation: "MNIST", drawsFromSeed: false) { spec, context in
            var raw: DatasetSplit<Float> = try MNIST.load(dataDirectory: context.dataDirectory, verification: .strict)
            if spec.validationSplit == true { raw = try MNIST.validationSplit(raw.train) }
            return try MNIST.preprocess(raw, try Self.preprocessing(spec)).prefixes(spec)
        }
        register(dataset: "idx", implementation: "IDXDataset", drawsFromSeed: false) { spec, _ in
            guard let folder = spec.folder else {
                throw RecipeError.malformed(
                    source: "recipe", detail: "missing field dataset.folder (needed for \"idx\")")
            }
            let train: LabeledDataset<Float> = try IDXDataset.load(
                directory: folder, images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte")
            let test: LabeledDataset<Float> = try IDXDataset.load(
                directory: folder, images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte")
            return try MNIST.preprocess(DatasetSplit(train: train, test: test), try Self.preprocessing(spec)).prefixes(
                spec)
        }
        register(dataset: "cifar10", implementation: "CIFAR10", drawsFromSeed: false) { spec, context in
            let split: DatasetSplit<Float> = try CIFAR10.load(dataDirectory: context.dataDirectory)
            return try split.prefixes(spec)
        }
    }

    /// The preprocessing a spec names ("unitScale" when absent).
    static func preprocessing(_ spec: DatasetSpec) throws -> MNIST.Preprocessing {
        guard let preprocessing = MNIST.Preprocessing(rawValue: spec.preprocessing ?? "unitScale") else {
            throw RecipeError.malformed(
                source: "recipe",
                detail:
                    "field dataset.preprocessing is \"\(spec.preprocessing ?? "")\"; expected one of \(MNIST.Preprocessing.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return preprocessing
    }
}

extension DatasetSplit {
    /// The first `trainCount` training and `testCount` test examples the spec asks for (all when absent or larger).
    public func prefixes(_ spec: DatasetSpec) throws -> DatasetSplit {
        var result = self
        if let count = spec.trainCount, count < train.count { result.train = try train.subset(0..<max(count, 0)) }
        if let count = spec.testCount, count < test.count { result.test = try test.subset(0..<max(count, 0)) }
        return result
    }
}
