import Layers
import Randomness
import TensorCore

/// What a layer factory gets: the layer's settings, the shape of one input example (no batch
/// dimension), the run's random source, and the registry (for the initializer the settings name).
public struct LayerContext {
    public let settings: LayerSettings
    /// Per-example input shape: [features] after a flat layer, [channels, height, width] for images.
    public let inputShape: [Int]
    public let random: RandomSource
    public let registry: ComponentRegistry

    /// - Parameters:
    ///   - settings: the layer's settings from the recipe.
    ///   - inputShape: the shape of one input example.
    ///   - random: the run's random source.
    ///   - registry: for initialisers named by the settings.
    public init(settings: LayerSettings, inputShape: [Int], random: RandomSource, registry: ComponentRegistry) {
        (self.settings, self.inputShape, self.random, self.registry) = (settings, inputShape, random, registry)
    }

    /// The weight initialiser named by the settings "init" (default "pytorch-default"), "std" and
    /// "gain" (default 1), checked to fill a weight of `shape` (a user's custom scheme may not).
    public func weightInitializer(for shape: [Int], fanIn: Int, fanOut: Int) throws -> Initializer {
        let spec = InitializerSpec(
            name: try settings.string("init", default: "pytorch-default"),
            standardDeviation: try settings.optionalNumber("std"))
        do {
            let initializer = try registry.makeInitializer(spec, gain: try settings.number("gain", default: 1))
            try initializer.checkSize(shape, fanIn: fanIn, fanOut: fanOut)
            return initializer
        } catch let error as RegistryError {
            throw settings.error("\(error)")
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
