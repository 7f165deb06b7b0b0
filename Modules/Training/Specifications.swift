import Losses

/// A component by registry name with its own settings (a schedule, an observer):
/// `{"name": "step_decay", "decayRate": 0.5, "stepLength": 10}`.
public struct ComponentSpec: Codable, Hashable, Sendable {
    public var name: String
    /// Every other key of the object, checked against the settings the component declares.
    public var settings: [String: SettingValue]

    /// - Parameters:
    ///   - name: the registry name.
    ///   - settings: its settings.
    public init(name: String, _ settings: [String: SettingValue] = [:]) {
        (self.name, self.settings) = (name, settings)
    }

    public init(from decoder: Decoder) throws {
        (name, _, settings) = try FlattenedSettings.decodeNamed(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try FlattenedSettings.encodeNamed(name, settings: settings, to: encoder)
    }
}

/// A per-epoch learning-rate schedule by registry name, with its settings.
public typealias ScheduleSpec = ComponentSpec
/// A training observer by registry name, with its settings.
public typealias ObserverSpec = ComponentSpec

/// An initialisation scheme by registry name, with its settings (`{"name": "normal", "standardDeviation": 0.01}`).
public struct InitializerSpec: Codable, Hashable, Sendable {
    public var name: String
    /// Hidden layers of the MLP shorthand use their activation's gain; the output layer uses 1. Absent means false.
    public var gainFromActivation: Bool
    /// The scheme's own settings.
    public var settings: [String: SettingValue]

    /// - Parameters:
    ///   - name: the registry name.
    ///   - gainFromActivation: hidden layers use their activation's gain.
    ///   - settings: the scheme's settings.
    public init(name: String, gainFromActivation: Bool = false, _ settings: [String: SettingValue] = [:]) {
        (self.name, self.gainFromActivation, self.settings) = (name, gainFromActivation, settings)
    }

    public init(from decoder: Decoder) throws {
        let (name, container, settings) = try FlattenedSettings.decodeNamed(
            from: decoder, fixed: ["gainFromActivation"])
        (self.name, self.settings) = (name, settings)
        gainFromActivation =
            try container.decodeIfPresent(Bool.self, forKey: AnyCodingKey("gainFromActivation")) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        try FlattenedSettings.encodeNamed(name, settings: settings, to: encoder) {
            try $0.encode(gainFromActivation, forKey: AnyCodingKey("gainFromActivation"))
        }
    }
}

/// A loss by registry name: its batch reduction (every loss has one; absent means mean, as in
/// PyTorch) and its own settings.
public struct LossSpec: Codable, Hashable, Sendable {
    public var name: String
    public var reduction: Reduction
    public var settings: [String: SettingValue]

    /// - Parameters:
    ///   - name: the registry name.
    ///   - reduction: batch mean or sum.
    ///   - settings: the loss's own settings.
    public init(name: String, reduction: Reduction = .mean, _ settings: [String: SettingValue] = [:]) {
        (self.name, self.reduction, self.settings) = (name, reduction, settings)
    }

    /// The settings with the reduction, as the loss's registration declares them.
    public var allSettings: [String: SettingValue] {
        settings.merging(["reduction": .string(reduction.rawValue)]) { $1 }
    }

    public init(from decoder: Decoder) throws {
        let (name, container, settings) = try FlattenedSettings.decodeNamed(from: decoder, fixed: ["reduction"])
        (self.name, self.settings) = (name, settings)
        reduction = try container.decodeIfPresent(Reduction.self, forKey: AnyCodingKey("reduction")) ?? .mean
    }

    public func encode(to encoder: Encoder) throws {
        try FlattenedSettings.encodeNamed(name, settings: settings, to: encoder) {
            try $0.encode(reduction, forKey: AnyCodingKey("reduction"))
        }
    }
}

/// An optimizer by registry name: its learning rate (every optimizer has one, and schedules start
/// from it) and its own settings (`momentum`, `betas`, …).
public struct OptimizerSpec: Codable, Hashable, Sendable {
    public var name: String
    public var learningRate: Double
    public var settings: [String: SettingValue]

    /// - Parameters:
    ///   - name: the registry name.
    ///   - learningRate: η.
    ///   - settings: the optimizer's own settings.
    public init(name: String, learningRate: Double, _ settings: [String: SettingValue] = [:]) {
        (self.name, self.learningRate, self.settings) = (name, learningRate, settings)
    }

    /// The settings with the learning rate, as the optimizer's registration declares them.
    public var allSettings: [String: SettingValue] { settings.merging(["learningRate": .number(learningRate)]) { $1 } }

    public init(from decoder: Decoder) throws {
        let (name, container, settings) = try FlattenedSettings.decodeNamed(from: decoder, fixed: ["learningRate"])
        (self.name, self.settings) = (name, settings)
        learningRate = try container.decode(Double.self, forKey: AnyCodingKey("learningRate"))
    }

    public func encode(to encoder: Encoder) throws {
        try FlattenedSettings.encodeNamed(name, settings: settings, to: encoder) {
            try $0.encode(learningRate, forKey: AnyCodingKey("learningRate"))
        }
    }
}

/// Everything about how a model is trained. Absent from a recipe, `batchSize` is 1 and `shuffle`
/// false (PyTorch's `DataLoader`), the loss softmax cross-entropy (`nn.CrossEntropyLoss`).
public struct TrainingSpec: Codable, Hashable, Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var shuffle: Bool
    public var loss: LossSpec
    public var optimizer: OptimizerSpec
    public var schedule: ScheduleSpec?
    /// Observers by registry name with their settings (early stopping, a user's log); absent when none.
    public var observers: [ObserverSpec]?

    /// - Parameters:
    ///   - epochs: passes over the training set.
    ///   - batchSize: examples per step.
    ///   - shuffle: reorder the examples every epoch.
    ///   - loss: the objective.
    ///   - optimizer: the update rule.
    ///   - schedule: a per-epoch schedule, or none.
    ///   - observers: observers of the training loop, or none.
    public init(
        epochs: Int, batchSize: Int, shuffle: Bool = true, loss: LossSpec, optimizer: OptimizerSpec,
        schedule: ScheduleSpec? = nil, observers: [ObserverSpec]? = nil
    ) {
        (self.epochs, self.batchSize, self.shuffle, self.loss, self.optimizer, self.schedule) = (
            epochs, batchSize, shuffle, loss, optimizer, schedule
        )
        self.observers = observers
    }

    private enum CodingKeys: String, CodingKey { case epochs, batchSize, shuffle, loss, optimizer, schedule, observers }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try container.decode(Int.self, forKey: .epochs)
        batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 1
        shuffle = try container.decodeIfPresent(Bool.self, forKey: .shuffle) ?? false
        loss = try container.decodeIfPresent(LossSpec.self, forKey: .loss) ?? LossSpec(name: "softmax-cross-entropy")
        optimizer = try container.decode(OptimizerSpec.self, forKey: .optimizer)
        schedule = try container.decodeIfPresent(ScheduleSpec.self, forKey: .schedule)
        observers = try container.decodeIfPresent([ObserverSpec].self, forKey: .observers)
    }
}
