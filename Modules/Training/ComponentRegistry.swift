import Datasets
import Layers
import Losses
import Optimizers
import Randomness
import Schedulers
import TensorCore

/// Names → components, grouped by the target that provides the built-ins: layers (with the
/// activations) and initializers, losses, optimizers, schedules and datasets. Experiments and
/// recipes say "linear", "sgd" or "t_frac_decay"; `register` puts a user's own type in any slot,
/// and every model, run and report built from this registry then uses it. Nothing here is global:
/// start from `.standard` and pass the registry to the harness's entry points.
public struct ComponentRegistry: Sendable {
    public typealias LayerFactory = @Sendable (_ context: LayerContext) throws -> any Module<Float>
    public typealias InitializerFactory = @Sendable (_ spec: InitializerSpec, _ gain: Double) throws -> Initializer
    public typealias LossFactory = @Sendable (_ spec: LossSpec) throws -> any Loss<Float>
    public typealias OptimizerFactory =
        @Sendable (_ parameters: [Parameter<Float>], _ spec: OptimizerSpec) throws -> any Optimizer<Float>
    public typealias ScheduleFactory =
        @Sendable (_ initialRate: Double, _ spec: ScheduleSpec) throws -> any LearningRateSchedule
    public typealias DatasetFactory =
        @Sendable (_ spec: DatasetSpec, _ context: DatasetContext) throws -> DatasetSplit<Float>

    /// A layer type: its factory and the settings it reads (any other key in a recipe is an error).
    public struct LayerEntry: Sendable {
        public var settings: Set<String>
        public var make: LayerFactory
    }

    /// A dataset: its factory, and whether it is drawn from the run's seed (generated) or read from files.
    public struct DatasetEntry: Sendable {
        public var drawsFromSeed: Bool
        public var make: DatasetFactory
    }

    public private(set) var layers: [String: LayerEntry] = [:]
    public private(set) var initializers: [String: InitializerFactory] = [:]
    public private(set) var losses: [String: LossFactory] = [:]
    public private(set) var optimizers: [String: OptimizerFactory] = [:]
    public private(set) var schedules: [String: ScheduleFactory] = [:]
    public private(set) var datasets: [String: DatasetEntry] = [:]
    /// The gain each activation's layers use under gain-aware initialisers.
    public internal(set) var gains: [String: Double] = [:]
    /// Every slot a user filled, with the type that fills it ("optimizer sgd" → "StudentSGD").
    /// Runs that use one of these slots carry it in their cache key, and reports list them.
    public private(set) var replacements: [ComponentSlot: String] = [:]

    /// An empty registry; `.standard` holds the built-ins.
    public init() {}

    // MARK: Registration

    /// Puts `make` in the layer slot `name`. `settings` lists the recipe keys it reads.
    public mutating func register<M: Module & SendableMetatype>(
        layer name: String, settings: Set<String> = [], implementation: String? = nil,
        _ make: @escaping @Sendable (LayerContext) throws -> M
    ) where M.Scalar == Float {
        layers[name] = LayerEntry(settings: settings, make: { try make($0) })
        replacements[ComponentSlot(.layer, name)] = implementation ?? Self.typeName(M.self)
    }

    /// Puts an initialisation scheme in the slot `name`.
    public mutating func register(
        initializer name: String, implementation: String, _ make: @escaping InitializerFactory
    ) {
        initializers[name] = make
        replacements[ComponentSlot(.initializer, name)] = implementation
    }

    /// Puts `make` in the loss slot `name`.
    public mutating func register<L: Loss & SendableMetatype>(
        loss name: String, implementation: String? = nil, _ make: @escaping @Sendable (LossSpec) throws -> L
    ) where L.Scalar == Float {
        losses[name] = { try make($0) }
        replacements[ComponentSlot(.loss, name)] = implementation ?? Self.typeName(L.self)
    }

    /// Puts `make` in the optimizer slot `name`.
    public mutating func register<O: Optimizer & SendableMetatype>(
        optimizer name: String, implementation: String? = nil,
        _ make: @escaping @Sendable ([Parameter<Float>], OptimizerSpec) throws -> O
    ) where O.Scalar == Float {
        optimizers[name] = { try make($0, $1) }
        replacements[ComponentSlot(.optimizer, name)] = implementation ?? Self.typeName(O.self)
    }

    /// Puts `make` in the schedule slot `name`.
    public mutating func register<S: LearningRateSchedule>(
        schedule name: String, implementation: String? = nil,
        _ make: @escaping @Sendable (Double, ScheduleSpec) throws -> S
    ) {
        schedules[name] = { try make($0, $1) }
        replacements[ComponentSlot(.schedule, name)] = implementation ?? Self.typeName(S.self)
    }

    /// Puts a dataset in the slot `name`; `drawsFromSeed` says whether it is generated from the run's random source.
    public mutating func register(
        dataset name: String, implementation: String, drawsFromSeed: Bool, _ make: @escaping DatasetFactory
    ) {
        datasets[name] = DatasetEntry(drawsFromSeed: drawsFromSeed, make: make)
        replacements[ComponentSlot(.dataset, name)] = implementation
    }

    /// Marks every entry as built-in (used once, by `.standard`).
    mutating func markAllBuiltIn() { replacements = [:] }

    /// "StudentSGD" for StudentSGD<Float>.
    static func typeName(_ type: Any.Type) -> String {
        let full = String(describing: type)
        return full.firstIndex(of: "<").map { String(full[..<$0]) } ?? full
    }

    // MARK: Look-ups

    func lookUp<T>(_ table: [String: T], _ name: String, kind: String) throws -> T {
        guard let entry = table[name] else {
            throw RegistryError.unknown(kind: kind, name: name, known: table.keys.sorted())
        }
        return entry
    }

    public func makeLoss(_ spec: LossSpec) throws -> any Loss<Float> {
        return try lookUp(losses, spec.name, kind: "loss")(spec)
    }

    public func makeOptimizer(_ spec: OptimizerSpec, parameters: [Parameter<Float>]) throws -> any Optimizer<Float> {
        try lookUp(optimizers, spec.name, kind: "optimizer")(parameters, spec)
    }

    /// The initialisation scheme `spec` names, with `gain` for the gain-aware ones.
    public func makeInitializer(_ spec: InitializerSpec, gain: Double) throws -> Initializer {
        try lookUp(initializers, spec.name, kind: "initializer")(spec, gain)
    }

    /// The per-epoch schedule, or the plateau settings, that a `ScheduleSpec` names.
    public func makeSchedule(_ spec: ScheduleSpec?, initialRate: Double) throws -> (
        schedule: (any LearningRateSchedule)?, plateau: ReduceLROnPlateau.Settings?
    ) {
        guard let spec else { return (nil, nil) }
        if spec.name == "plateau" {
            var settings = ReduceLROnPlateau.Settings()
            if let factor = spec.factor { settings.factor = factor }
            if let patience = spec.patience { settings.patience = patience }
            return (nil, settings)
        }
        return (try lookUp(schedules, spec.name, kind: "schedule")(initialRate, spec), nil)
    }

    /// The training and test sets `spec` names.
    public func makeDataset(_ spec: DatasetSpec, context: DatasetContext) throws -> DatasetSplit<Float> {
        try spec.validate(source: "recipe")
        return try lookUp(datasets, spec.name, kind: "dataset").make(spec, context)
    }

    /// Whether the dataset `name` is generated from the run's seed (known names only).
    public func datasetDrawsFromSeed(_ name: String) throws -> Bool {
        try lookUp(datasets, name, kind: "dataset").drawsFromSeed
    }

    /// How targets must be encoded for `loss` (a built-in or a user's) with `outputs` output units.
    public static func targetEncoding(loss: any Loss<Float>, outputs: Int) -> TargetEncoding {
        switch loss.targets {
        case .values: return outputs == 1 ? .scalarLabel : .oneHot
        case .classIndices: return .classIndices
        }
    }
}

/// What a dataset factory gets besides its spec: where data files live and the run's random source.
public struct DatasetContext {
    /// The data folder (`--data-dir` or `BACKPROP_DATA`), holding mnist/ and cifar10/.
    public let dataDirectory: String
    public let random: RandomSource

    /// - Parameters:
    ///   - dataDirectory: where named datasets are found.
    ///   - random: the run's random source.
    public init(dataDirectory: String, random: RandomSource) {
        (self.dataDirectory, self.random) = (dataDirectory, random)
    }
}

/// A name that is not in the registry.
public enum RegistryError: Error, CustomStringConvertible, Equatable {
    case unknown(kind: String, name: String, known: [String])

    public var description: String {
        switch self {
        case .unknown(let kind, let name, let known):
            return "unknown \(kind) \"\(name)\"; known: \(known.joined(separator: ", "))"
        }
    }
}
