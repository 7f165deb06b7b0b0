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
        registry.registerStandardObservers()
        registry.gains = ["relu": Initializer.Gain.relu, "tanh": Initializer.Gain.tanh, "sigmoid": 1, "linear": 1]
        registry.markAllBuiltIn()
        return registry
    }

    /// The settings every layer with weights reads for its initialiser (see `LayerContext.weightInitializer(for:fanIn:fanOut:)`).
    public static let initializerSettings: [Setting] = [
        .component(
            "init", of: .initializer, default: "pytorch-default",
            "the weight initialiser"),
        .number("gain", default: 1, in: .nonNegative, "the gain gain-aware initialisers scale by"),
    ]
    /// The settings of the built-in "linear" layer, for a user's own layer in that slot.
    public static let linearSettings: [Setting] =
        [
            .integer("out", "output features (left out on the model's last layer: the dataset's class count)"),
            .flag("bias", default: true, "whether it adds a learned bias"),
        ] + initializerSettings
    /// The settings of the built-in "conv2d" layer.
    public static let conv2dSettings: [Setting] =
        [
            .integer("out", required: true, "output channels"),
            .integer("kernel", required: true, "kernel height and width"),
            .integer("stride", default: 1, "the step between windows"),
            .integer("padding", default: 0, minimum: 0, "zeros added on each side"),
        ] + initializerSettings

    private mutating func registerStandardLayers() {
        register(layer: "linear", settings: Self.linearSettings) { context in
            let inputs = try context.input(rank: 1, "a flat vector")[0]
            let outputs = try context.outputFeatures()
            try context.checkWeights([outputs, inputs])
            return Linear<Float>(
                inputFeatures: inputs, outputFeatures: outputs,
                hasBias: try context.settings.flag("bias"),
                weightInitializer: try context.weightInitializer(
                    for: [outputs, inputs], fanIn: inputs, fanOut: outputs), random: context.random)
        }
        register(layer: "conv2d", settings: Self.conv2dSettings) { context in
            let input = try context.input(rank: 3, "an image [channels, height, width]")
            let settings = context.settings
            let (outputs, kernel) = (try settings.integer("out"), try settings.integer("kernel"))
            try context.checkWeights([outputs, input[0], kernel, kernel])
            return Conv2d<Float>(
                inChannels: input[0], outChannels: outputs, kernelSize: kernel,
                stride: try settings.integer("stride"), padding: try settings.integer("padding"),
                weightInitializer: try context.weightInitializer(
                    for: [outputs, input[0], kernel, kernel], fanIn: input[0] * kernel * kernel,
                    fanOut: outputs * kernel * kernel),
                random: context.random)
        }
        register(
            layer: "maxpool2d",
            settings: [
                .integer("kernel", required: true, "window height and width"),
                .integer("stride", "the step between windows (default: the kernel size)"),
            ]
        ) { context in
            _ = try context.input(rank: 3, "an image [channels, height, width]")
            let kernel = try context.settings.integer("kernel")
            return MaxPool2d<Float>(
                kernelSize: kernel, stride: try context.settings.optionalInteger("stride") ?? kernel)
        }
        register(
            layer: "batchnorm1d",
            settings: [
                .number("epsilon", default: 1e-5, in: .unitInterval, "added to the variance"),
                .number("momentum", default: 0.1, in: .unitInterval, "the running statistics' update rate"),
            ]
        ) { context in
            BatchNorm1d<Float>(
                features: try context.input(rank: 1, "a flat vector")[0],
                epsilon: Float(try context.settings.number("epsilon")),
                momentum: Float(try context.settings.number("momentum")))
        }
        register(
            layer: "dropout",
            settings: [.number("p", default: 0.5, in: .halfOpenUnitInterval, "the chance of dropping each element")]
        ) { context in
            let probability = try context.settings.number("p")
            do {
                return try Dropout<Float>(probability: probability, random: context.random)
            } catch let error as ModuleError {
                throw context.settings.error("\(error)")
            }
        }
        register(layer: "flatten") { _ in Flatten<Float>() }
        register(layer: "reshape", settings: [.shape("shape", "the shape of one example after it")]) { context in
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
        register(
            initializer: "normal",
            settings: [
                .number("mean", default: 0, "the normal distribution's mean"),
                .number("standardDeviation", default: 1, in: .nonNegative, "its standard deviation"),
            ], implementation: "Initializer.normal"
        ) { settings, _ in
            .normal(mean: try settings.number("mean"), standardDeviation: try settings.number("standardDeviation"))
        }
        register(initializer: "vugrad-2020", implementation: "Initializer.vugrad2020") { _, _ in .vugrad2020 }
    }

    private mutating func registerStandardLosses() {
        register(loss: "mse") { MSELoss<Float>(reduction: try $0.choice("reduction")) }
        register(loss: "euclidean", reductions: [.mean]) { _ in EuclideanLoss<Float>() }
        register(loss: "softmax-cross-entropy") {
            SoftmaxCrossEntropyLoss<Float>(reduction: try $0.choice("reduction"))
        }
        register(
            loss: "cross-entropy",
            settings: [
                .number("epsilon", default: 1e-20, in: .nonNegative, "added to the probabilities before the log")
            ]
        ) {
            CrossEntropyLoss<Float>(epsilon: Float(try $0.number("epsilon")), reduction: try $0.choice("reduction"))
        }
        register(loss: "nll") { NLLLoss<Float>(reduction: try $0.choice("reduction")) }
    }

    /// The weight-decay settings SGD and Adam share.
    static let weightDecaySettings: [Setting] = [
        .number("weightDecay", default: 0, in: .nonNegative, "λ, added to the gradient as λ·w (an L2 penalty)"),
        .number("decoupledWeightDecay", default: 0, in: .nonNegative, "λ_d, shrinking w by η·λ_d·w directly (AdamW)"),
    ]
    /// Adam's moment settings.
    static let adamSettings: [Setting] = [
        .numbers("betas", default: [0.9, 0.999], in: .halfOpenUnitInterval, "β₁, β₂: the moments' decay rates"),
        .number("epsilon", default: 1e-8, in: .nonNegative, "added to √v̂"),
    ]

    private mutating func registerStandardOptimizers() {
        register(optimizer: "gd") {
            GradientDescent<Float>(parameters: $0, learningRate: try $1.number("learningRate"))
        }
        register(
            optimizer: "sgd",
            settings: [
                .number("momentum", default: 0, in: .nonNegative, "μ (0: plain SGD)"),
                .number(
                    "dampening", default: 0, in: .unitInterval, "τ, the share of the gradient kept out of the buffer"),
                .flag("nesterov", default: false, "look ahead along the buffer (needs μ > 0 and τ = 0)"),
                .choice("momentumForm", default: MomentumForm.pytorch, "where η enters the momentum buffer"),
            ] + Self.weightDecaySettings
        ) { parameters, settings in
            let (momentum, dampening) = (try settings.number("momentum"), try settings.number("dampening"))
            // PyTorch: "Nesterov momentum requires a momentum and zero dampening".
            if try settings.flag("nesterov"), momentum <= 0 || dampening != 0 {
                throw settings.error(
                    "setting \"nesterov\" is true but momentum is \(momentum) and dampening \(dampening); Nesterov needs a momentum > 0 and dampening 0"
                )
            }
            return SGD<Float>(
                parameters: parameters, learningRate: try settings.number("learningRate"), momentum: momentum,
                dampening: dampening, weightDecay: try settings.number("weightDecay"),
                nesterov: try settings.flag("nesterov"),
                decoupledWeightDecay: try settings.number("decoupledWeightDecay"),
                momentumForm: try settings.choice("momentumForm"))
        }
        register(optimizer: "adam", settings: Self.adamSettings + Self.weightDecaySettings) { parameters, settings in
            try Self.adam(
                parameters, settings, weightDecay: try settings.number("weightDecay"),
                decoupledWeightDecay: try settings.number("decoupledWeightDecay"))
        }
        register(
            optimizer: "adamw",
            settings: Self.adamSettings + [
                .number("weightDecay", default: 0.01, in: .nonNegative, "λ, shrinking w by η·λ·w directly")
            ], implementation: "Adam"
        ) { parameters, settings in
            try Self.adam(
                parameters, settings, weightDecay: 0, decoupledWeightDecay: try settings.number("weightDecay"))
        }
    }

    /// Adam from its learning rate, betas and epsilon, with the weight decays given (AdamW's is decoupled).
    private static func adam(
        _ parameters: [Parameter<Float>], _ settings: ComponentSettings, weightDecay: Double,
        decoupledWeightDecay: Double
    ) throws -> Adam<Float> {
        let betas = try settings.numbers("betas")
        return Adam<Float>(
            parameters: parameters, learningRate: try settings.number("learningRate"), beta1: betas[0],
            beta2: betas[1], epsilon: try settings.number("epsilon"), weightDecay: weightDecay,
            decoupledWeightDecay: decoupledWeightDecay)
    }

    private mutating func registerStandardSchedules() {
        register(schedule: "constant") { rate, _ in ConstantSchedule(initialRate: rate) }
        register(
            schedule: "step_decay",
            settings: [
                .number("decayRate", default: 0.5, in: .nonNegative, "d, the factor per step length"),
                .integer("stepLength", default: 10, "L, epochs between decays"),
            ]
        ) { rate, settings in
            StepDecaySchedule(
                initialRate: rate, decayRate: try settings.number("decayRate"),
                stepLength: try settings.integer("stepLength"))
        }
        let decayRate = Setting.number("decayRate", default: 0, in: .nonNegative, "d")
        register(schedule: "exp_decay", settings: [decayRate]) { rate, settings in
            ExponentialDecaySchedule(initialRate: rate, decayRate: try settings.number("decayRate"))
        }
        register(schedule: "t_frac_decay", settings: [decayRate]) { rate, settings in
            InverseTimeDecaySchedule(initialRate: rate, decayRate: try settings.number("decayRate"))
        }
        register(
            schedule: "cosine",
            settings: [
                .integer("period", default: 100, "T, epochs per half-wave"),
                .number("minimumRate", default: 0, in: .nonNegative, "the rate at the end of a period"),
            ]
        ) { rate, settings in
            CosineAnnealingSchedule(
                initialRate: rate, period: try settings.integer("period"),
                minimumRate: try settings.number("minimumRate"))
        }
        register(
            schedule: "plateau",
            settings: [
                .choice("monitor", default: EpochMetric.trainLoss, "the metric it watches after every epoch"),
                .choice(
                    "mode", ReduceLROnPlateau.Mode.allCases.map(\.rawValue), default: "minimize",
                    "whether a lower or a higher metric is better"),
                .number("factor", default: 0.1, in: .openUnitInterval, "the rate is multiplied by it on a plateau"),
                .integer("patience", default: 10, minimum: 0, "epochs without improvement before a reduction"),
                .number("threshold", default: 1e-4, in: .nonNegative, "the least change that counts as an improvement"),
                .choice(
                    "thresholdMode", ReduceLROnPlateau.ThresholdMode.allCases.map(\.rawValue), default: "relative",
                    "whether the threshold is relative or absolute"),
                .integer("cooldown", default: 0, minimum: 0, "epochs to wait after a reduction"),
                .number("minimumRate", default: 0, in: .nonNegative, "the rate never goes below it"),
            ]
        ) { rate, settings in
            ReduceLROnPlateau(
                initialRate: rate, mode: ReduceLROnPlateau.Mode(rawValue: try settings.string("mode")) ?? .minimize,
                factor: try settings.number("factor"), patience: try settings.integer("patience"),
                threshold: try settings.number("threshold"),
                thresholdMode: ReduceLROnPlateau.ThresholdMode(rawValue: try settings.string("thresholdMode"))
                    ?? .relative,
                cooldown: try settings.integer("cooldown"), minimumRate: try settings.number("minimumRate"),
                monitor: try settings.string("monitor"))
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
        let preprocessing = Setting.choice(
            "preprocessing", MNIST.Preprocessing.allCases.map(\.rawValue), default: "unitScale",
            "pixels as x/255, centred, or standardised")
        for published in [PublishedDataset.mnist, .fashionMNIST, .kmnist] {
            register(
                dataset: published.name,
                settings: [
                    preprocessing,
                    .flag(
                        "validationSplit", default: false,
                        "train on the first 55,000 images, evaluate on the last 5,000"),
                ], implementation: "IDXDataset", drawsFromSeed: false, published: published
            ) { spec, context in
                var raw: DatasetSplit<Float> = try IDXDataset.loadSplit(
                    directory: published.directory(in: context.dataDirectory), checksums: published.checksums,
                    verification: .strict)
                if try context.settings.flag("validationSplit") { raw = try MNIST.validationSplit(raw.train) }
                return try MNIST.preprocess(raw, try Self.preprocessing(context.settings)).prefixes(spec)
            }
        }
        register(
            dataset: "idx",
            settings: [
                .string(
                    "folder", required: true,
                    "the folder of train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-… (plain or .gz)"),
                preprocessing,
            ], implementation: "IDXDataset", drawsFromSeed: false
        ) { spec, context in
            let folder = try context.settings.string("folder")
            let raw: DatasetSplit<Float> = try IDXDataset.loadSplit(directory: folder)
            return try MNIST.preprocess(raw, try Self.preprocessing(context.settings)).prefixes(spec)
        }
        register(dataset: "cifar10", implementation: "CIFAR10", drawsFromSeed: false, published: .cifar10) {
            spec, context in
            let split: DatasetSplit<Float> = try CIFAR10.load(dataDirectory: context.dataDirectory)
            return try split.prefixes(spec)
        }
    }

    /// The preprocessing the settings name (checked against the choices already).
    static func preprocessing(_ settings: ComponentSettings) throws -> MNIST.Preprocessing {
        let raw = try settings.string("preprocessing")
        guard let preprocessing = MNIST.Preprocessing(rawValue: raw) else {
            throw settings.error("setting \"preprocessing\" is \"\(raw)\", not a preprocessing")
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
