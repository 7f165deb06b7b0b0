import Datasets
import Layers
import Losses
import Optimizers
import Randomness
import Schedulers
import TensorCore

/// Names → components, grouped by the target that provides the built-ins: layers (with the
/// activations) and initializers, losses, optimizers, schedules, datasets and training observers.
/// Experiments and recipes say "linear", "sgd" or "t_frac_decay" with the component's own
/// settings beside the name; each registration declares those settings (`Setting`: name, type,
/// default, range), and the registry checks a recipe's keys against them before the component is
/// made. `register` puts a user's own type in any slot, and every model, run and report built from
/// this registry then uses it. Nothing here is global: start from `.standard` and pass the
/// registry to the harness's entry points.
public struct ComponentRegistry: Sendable {
    public typealias LayerFactory = @Sendable (_ context: LayerContext) throws -> any Module<Float>
    public typealias InitializerFactory =
        @Sendable (_ settings: ComponentSettings, _ gain: Double) throws -> Initializer
    public typealias LossFactory = @Sendable (_ settings: ComponentSettings) throws -> any Loss<Float>
    public typealias OptimizerFactory =
        @Sendable (_ parameters: [Parameter<Float>], _ settings: ComponentSettings) throws -> any Optimizer<Float>
    public typealias ScheduleFactory =
        @Sendable (_ initialRate: Double, _ settings: ComponentSettings) throws -> any LearningRateSchedule
    public typealias DatasetFactory =
        @Sendable (_ spec: DatasetSpec, _ context: DatasetContext) throws -> DatasetSplit<Float>
    public typealias ObserverFactory = @Sendable (_ settings: ComponentSettings) throws -> any TrainingObserver<Float>

    /// One registered component: the settings it declares and its factory.
    public struct Registration<Factory: Sendable>: Sendable {
        /// Every setting a recipe may give it (any other key is an error).
        public let settings: [Setting]
        public let make: Factory
    }

    /// A dataset: its settings, its factory, and whether it is drawn from the run's seed (generated) or read from files.
    public struct DatasetEntry: Sendable {
        public var settings: [Setting]
        public var drawsFromSeed: Bool
        /// Where its files come from when they are missing (nil: a user's own files, never downloaded).
        public var published: PublishedDataset?
        public var make: DatasetFactory
    }

    public private(set) var layers: [String: Registration<LayerFactory>] = [:]
    public private(set) var initializers: [String: Registration<InitializerFactory>] = [:]
    public private(set) var losses: [String: Registration<LossFactory>] = [:]
    public private(set) var optimizers: [String: Registration<OptimizerFactory>] = [:]
    public private(set) var schedules: [String: Registration<ScheduleFactory>] = [:]
    public private(set) var datasets: [String: DatasetEntry] = [:]
    public private(set) var observers: [String: Registration<ObserverFactory>] = [:]
    /// The gain each activation's layers use under gain-aware initialisers.
    public internal(set) var gains: [String: Double] = [:]
    /// Every slot a user filled, with the type that fills it ("optimizer sgd" → "StudentSGD").
    /// Runs that use one of these slots carry it in their cache key, and reports list them.
    public private(set) var replacements: [ComponentSlot: String] = [:]

    /// An empty registry; `.standard` holds the built-ins.
    public init() {}

    /// The learning rate every optimizer takes (`OptimizerSpec.learningRate`).
    public static let learningRateSetting = Setting.number(
        "learningRate", in: .nonNegative, required: true, "η, the step size (schedules start from it)")

    /// The batch reduction every loss takes, limited to `reductions`.
    public static func reductionSetting(_ reductions: [Reduction]) -> Setting {
        .choice(
            "reduction", reductions.map(\.rawValue), default: "mean",
            "batch mean or batch sum of the per-example losses")
    }

    // MARK: Registration

    /// Puts `make` in the layer slot `name`; `settings` declares the recipe keys it reads.
    public mutating func register<M: Module & SendableMetatype>(
        layer name: String, settings: [Setting] = [], implementation: String? = nil,
        _ make: @escaping @Sendable (LayerContext) throws -> M
    ) where M.Scalar == Float {
        layers[name] = Registration(settings: settings, make: { try make($0) })
        replacements[ComponentSlot(.layer, name)] = implementation ?? Self.typeName(M.self)
    }

    /// Puts an initialisation scheme in the slot `name`; `make` gets its settings and the layer's gain.
    public mutating func register(
        initializer name: String, settings: [Setting] = [], implementation: String,
        _ make: @escaping InitializerFactory
    ) {
        initializers[name] = Registration(settings: settings, make: make)
        replacements[ComponentSlot(.initializer, name)] = implementation
    }

    /// Puts `make` in the loss slot `name`. Every loss takes `reduction` (from `reductions`, default mean) besides `settings`.
    public mutating func register<L: Loss & SendableMetatype>(
        loss name: String, reductions: [Reduction] = Reduction.allCases, settings: [Setting] = [],
        implementation: String? = nil, _ make: @escaping @Sendable (ComponentSettings) throws -> L
    ) where L.Scalar == Float {
        losses[name] = Registration(settings: [Self.reductionSetting(reductions)] + settings, make: { try make($0) })
        replacements[ComponentSlot(.loss, name)] = implementation ?? Self.typeName(L.self)
    }

    /// Puts `make` in the optimizer slot `name`. Every optimizer takes `learningRate` besides `settings`.
    public mutating func register<O: Optimizer & SendableMetatype>(
        optimizer name: String, settings: [Setting] = [], implementation: String? = nil,
        _ make: @escaping @Sendable ([Parameter<Float>], ComponentSettings) throws -> O
    ) where O.Scalar == Float {
        optimizers[name] = Registration(settings: [Self.learningRateSetting] + settings, make: { try make($0, $1) })
        replacements[ComponentSlot(.optimizer, name)] = implementation ?? Self.typeName(O.self)
    }

    /// Puts `make` in the schedule slot `name`; it gets the optimizer's learning rate and its settings.
    /// A `MetricDrivenSchedule` (ReduceLROnPlateau) registers the same way.
    public mutating func register<S: LearningRateSchedule & SendableMetatype>(
        schedule name: String, settings: [Setting] = [], implementation: String? = nil,
        _ make: @escaping @Sendable (Double, ComponentSettings) throws -> S
    ) {
        schedules[name] = Registration(settings: settings, make: { try make($0, $1) })
        replacements[ComponentSlot(.schedule, name)] = implementation ?? Self.typeName(S.self)
    }

    /// Puts a dataset in the slot `name`; `drawsFromSeed` says whether it is generated from the run's
    /// random source, and `published` where its files are downloaded from when they are missing.
    public mutating func register(
        dataset name: String, settings: [Setting] = [], implementation: String, drawsFromSeed: Bool,
        published: PublishedDataset? = nil, _ make: @escaping DatasetFactory
    ) {
        datasets[name] = DatasetEntry(
            settings: settings, drawsFromSeed: drawsFromSeed, published: published, make: make)
        replacements[ComponentSlot(.dataset, name)] = implementation
    }

    /// Puts a training observer in the slot `name`, so recipes can name it in `training.observers`.
    public mutating func register<O: TrainingObserver & SendableMetatype>(
        observer name: String, settings: [Setting] = [], implementation: String? = nil,
        _ make: @escaping @Sendable (ComponentSettings) throws -> O
    ) where O.Scalar == Float {
        observers[name] = Registration(settings: settings, make: { try make($0) })
        replacements[ComponentSlot(.observer, name)] = implementation ?? Self.typeName(O.self)
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

    /// The settings a registered component takes, by kind and name (nil for an unknown name).
    public func declaredSettings(_ kind: ComponentSlot.Kind, _ name: String) -> [Setting]? {
        switch kind {
        case .layer: return layers[name]?.settings
        case .initializer: return initializers[name]?.settings
        case .loss: return losses[name]?.settings
        case .optimizer: return optimizers[name]?.settings
        case .schedule: return schedules[name]?.settings
        case .dataset: return datasets[name]?.settings
        case .observer: return observers[name]?.settings
        }
    }

    /// The registered names of a kind, sorted.
    public func names(_ kind: ComponentSlot.Kind) -> [String] {
        switch kind {
        case .layer: return layers.keys.sorted()
        case .initializer: return initializers.keys.sorted()
        case .loss: return losses.keys.sorted()
        case .optimizer: return optimizers.keys.sorted()
        case .schedule: return schedules.keys.sorted()
        case .dataset: return datasets.keys.sorted()
        case .observer: return observers.keys.sorted()
        }
    }

    /// `values` checked against what the component `name` of `kind` declares; errors name `field` and the component.
    public func settings(
        _ kind: ComponentSlot.Kind, _ name: String, values: [String: SettingValue], field: String
    ) throws -> ComponentSettings {
        guard let declared = declaredSettings(kind, name) else {
            throw RegistryError.unknown(kind: kind.rawValue, name: name, known: names(kind))
        }
        return try ComponentSettings(location: "\(field) (\(name))", values: values, declarations: declared)
    }

    /// The loss `spec` names, its reduction and settings checked.
    public func makeLoss(_ spec: LossSpec, field: String = "training.loss") throws -> any Loss<Float> {
        let settings = try settings(.loss, spec.name, values: spec.allSettings, field: field)
        return try losses[spec.name]!.make(settings)
    }

    /// The optimizer `spec` names over `parameters`, its learning rate and settings checked.
    public func makeOptimizer(
        _ spec: OptimizerSpec, parameters: [Parameter<Float>], field: String = "training.optimizer"
    ) throws -> any Optimizer<Float> {
        let settings = try settings(.optimizer, spec.name, values: spec.allSettings, field: field)
        return try optimizers[spec.name]!.make(parameters, settings)
    }

    /// The initialisation scheme `spec` names, with `gain` for the gain-aware ones.
    public func makeInitializer(_ spec: InitializerSpec, gain: Double, field: String = "initializer") throws
        -> Initializer
    {
        let settings = try settings(.initializer, spec.name, values: spec.settings, field: field)
        return try initializers[spec.name]!.make(settings, gain)
    }

    /// The schedule `spec` names, starting from `initialRate`, or nil without a spec.
    public func makeSchedule(_ spec: ScheduleSpec?, initialRate: Double, field: String = "training.schedule") throws
        -> (any LearningRateSchedule)?
    {
        guard let spec else { return nil }
        let settings = try settings(.schedule, spec.name, values: spec.settings, field: field)
        return try schedules[spec.name]!.make(initialRate, settings)
    }

    /// The observers `specs` name, in order.
    public func makeObservers(_ specs: [ObserverSpec]?, field: String = "training.observers") throws
        -> [any TrainingObserver<Float>]
    {
        try (specs ?? []).enumerated().map { index, spec in
            let settings = try settings(.observer, spec.name, values: spec.settings, field: "\(field)[\(index)]")
            return try observers[spec.name]!.make(settings)
        }
    }

    /// The training and test sets `spec` names.
    public func makeDataset(_ spec: DatasetSpec, context: DatasetContext) throws -> DatasetSplit<Float> {
        try spec.validate(source: "recipe")
        let entry = try lookUp(datasets, spec.name, kind: "dataset")
        let settings = try settings(.dataset, spec.name, values: spec.settings, field: "dataset")
        return try entry.make(spec, context.with(settings))
    }

    /// The published files behind the dataset `name`, when it is one that can be downloaded.
    public func publishedData(of name: String) -> PublishedDataset? { datasets[name]?.published }

    /// Fetches the files of the published dataset `spec` names when they are missing from
    /// `dataDirectory` (a generated or user's dataset needs nothing).
    public func ensureData(of spec: DatasetSpec, in dataDirectory: String, fetcher: DataFetcher) throws {
        guard let published = publishedData(of: spec.name) else { return }
        try fetcher.ensure(published, in: dataDirectory)
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

/// What a dataset factory gets besides its spec: where data files live, the run's random source
/// and the dataset's own settings, checked against what it declares.
public struct DatasetContext {
    /// The data folder (`--data-dir` or `BACKPROP_DATA`), holding mnist/ and cifar10/.
    public let dataDirectory: String
    public let random: RandomSource
    /// The dataset's settings (empty until the registry has checked them).
    public private(set) var settings: ComponentSettings

    /// - Parameters:
    ///   - dataDirectory: where named datasets are found.
    ///   - random: the run's random source.
    public init(dataDirectory: String, random: RandomSource) {
        (self.dataDirectory, self.random) = (dataDirectory, random)
        settings = ComponentSettings(location: "dataset")
    }

    func with(_ settings: ComponentSettings) -> DatasetContext {
        var context = self
        context.settings = settings
        return context
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
