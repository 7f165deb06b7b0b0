/// A model recipe: a list of layers by registry name (PyTorch's `Sequential` as JSON), or the
/// MLP shorthand. In JSON an object with a `layers` key is a layer list, any other the shorthand:
///
///     {"layers": [{"type": "reshape", "shape": [1, 28, 28]}, {"type": "conv2d", "out": 6, "kernel": 5}, {"type": "relu"}, …]}
///     {"inputs": 2, "hidden": [25, 25], "outputs": 2, "activation": "relu", "initializer": {"name": "pytorch-default"}}
///
/// The shorthand encodes exactly as it always has, so the cache keys of MLP runs do not change.
public enum ModelSpec: Codable, Hashable, Sendable {
    case mlp(MLPSpec)
    case layers(LayerListSpec)

    private enum Keys: String, CodingKey { case layers }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        self =
            container.contains(.layers) ? .layers(try LayerListSpec(from: decoder)) : .mlp(try MLPSpec(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .mlp(let spec): try spec.encode(to: encoder)
        case .layers(let spec): try spec.encode(to: encoder)
        }
    }

    /// The per-example input shape the recipe states (the shorthand's optional `inputs`; a layer list's optional `input`).
    public var declaredInputShape: [Int]? {
        switch self {
        case .mlp(let spec): return spec.inputs.map { [$0] }
        case .layers(let spec): return spec.input
        }
    }
}

/// A model as an ordered list of layers.
public struct LayerListSpec: Codable, Hashable, Sendable {
    /// The per-example input shape ([3, 32, 32] for CIFAR-10); taken from the data when absent.
    public var input: [Int]?
    public var layers: [LayerSpec]

    /// - Parameters:
    ///   - input: the expected shape of one example, checked against the dataset; nil to take the dataset's.
    ///   - layers: the layers in order.
    public init(input: [Int]? = nil, layers: [LayerSpec]) {
        (self.input, self.layers) = (input, layers)
    }
}
