import Layers
import Randomness
import TensorCore

/// What a layer factory gets: the layer's settings, the shape of one input example (no batch
/// dimension), the run's random source, the registry (for the initializer the settings name),
/// and, for the model's last layer that takes `out`, the dataset's class count.
public struct LayerContext {
    public let settings: ComponentSettings
    /// Per-example input shape: [features] after a flat layer, [channels, height, width] for images.
    public let inputShape: [Int]
    public let random: RandomSource
    public let registry: ComponentRegistry
    /// The dataset's class count when this is the model's last layer that takes `out` (its default output width).
    public let dataOutputs: Int?

    /// - Parameters:
    ///   - settings: the layer's settings from the recipe.
    ///   - inputShape: the shape of one input example.
    ///   - random: the run's random source.
    ///   - registry: for initialisers named by the settings.
    ///   - dataOutputs: the dataset's class count for the model's last layer that takes `out`, else nil.
    public init(
        settings: ComponentSettings, inputShape: [Int], random: RandomSource, registry: ComponentRegistry,
        dataOutputs: Int? = nil
    ) {
        (self.settings, self.inputShape, self.random, self.registry) = (settings, inputShape, random, registry)
        self.dataOutputs = dataOutputs
    }

    /// The setting "out", or the dataset's class count when this is the model's last layer that takes it and it is left out.
    public func outputFeatures() throws -> Int {
        if let outputs = try settings.optionalInteger("out") { return outputs }
        guard let dataOutputs else {
            throw settings.error(
                "missing setting \"out\" (only the model's last layer that takes it gets the dataset's class count)")
        }
        return dataOutputs
    }

    /// The weight initialiser named by the setting "init" (a name, or an object with its name and
    /// settings; default "pytorch-default") with the setting "gain", checked to fill a weight of
    /// `shape` (a user's custom scheme may not).
    public func weightInitializer(for shape: [Int], fanIn: Int, fanOut: Int) throws -> Initializer {
        let (name, values) = try settings.component("init")
        let spec = InitializerSpec(name: name, values)
        do {
            let initializer = try registry.makeInitializer(
                spec, gain: try settings.number("gain"), field: "\(settings.location) init")
            try initializer.checkSize(shape, fanIn: fanIn, fanOut: fanOut)
            return initializer
        } catch let error as RegistryError {
            throw settings.error("\(error)")
        } catch let error as RecipeError {
            throw error
        } catch let error as Initializer.SizeMismatch {
            throw settings.error("\(error) (initializer \"\(spec.name)\")")
        }
    }

    /// The most weights one layer may have: 2^28 (1 GiB of Float), far above any model here, so
    /// that a misplaced zero in a recipe is an error naming the layer rather than an aborted allocation.
    public static let maximumWeights = 1 << 28

    /// Fails unless a weight of `shape` fits under `maximumWeights`; call it before allocating.
    public func checkWeights(_ shape: [Int]) throws {
        guard let count = ElementCount.of(shape), count <= Self.maximumWeights else {
            throw settings.error(
                "would have a weight of shape \(shape), more than the \(Self.maximumWeights) values one layer may hold")
        }
    }

    /// The input shape, which must have `rank` dimensions (`what` says which, for the error).
    public func input(rank: Int, _ what: String) throws -> [Int] {
        guard inputShape.count == rank else {
            throw settings.error(
                "expects \(what) per example, got shape \(inputShape)\(rank == 1 ? "; put {\"type\": \"flatten\"} before it" : "")"
            )
        }
        return inputShape
    }
}
