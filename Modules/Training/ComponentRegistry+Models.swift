import Layers
import Randomness
import TensorCore

/// A model built from a recipe, with the per-example shape of its output.
public struct BuiltModel {
    public let model: Sequential<Float>
    public let outputShape: [Int]
}

extension ComponentRegistry {
    /// The layer list a model recipe stands for: a layer list as written, the MLP shorthand expanded to
    /// Linear → activation (→ dropout) per hidden width, then Linear (→ output activation).
    public func layerList(_ spec: ModelSpec) throws -> LayerListSpec {
        switch spec {
        case .layers(let list): return list
        case .mlp(let mlp): return try expand(mlp)
        }
    }

    private func expand(_ spec: MLPSpec) throws -> LayerListSpec {
        guard layers[spec.activation] != nil else {
            throw RegistryError.unknown(
                kind: "activation (field model.activation)", name: spec.activation, known: layers.keys.sorted())
        }
        if let output = spec.outputActivation, layers[output] == nil {
            throw RegistryError.unknown(
                kind: "output activation (field model.outputActivation)", name: output, known: layers.keys.sorted())
        }
        guard initializers[spec.initializer.name] != nil else {
            throw RegistryError.unknown(
                kind: "initializer (field model.initializer.name)", name: spec.initializer.name,
                known: initializers.keys.sorted())
        }
        let initializer: SettingValue =
            spec.initializer.settings.isEmpty
            ? .string(spec.initializer.name)
            : .object(spec.initializer.settings.merging(["name": .string(spec.initializer.name)]) { $1 })
        func linear(_ width: Int?, gain: Double) -> LayerSpec {
            var settings: [String: SettingValue] = ["init": initializer, "gain": .number(gain)]
            if let width { settings["out"] = .number(Double(width)) }
            return LayerSpec("linear", settings)
        }
        let hiddenGain = spec.initializer.gainFromActivation ? (gains[spec.activation] ?? 1) : 1
        var list: [LayerSpec] = []
        for width in spec.hidden {
            list += [linear(width, gain: hiddenGain), LayerSpec(spec.activation)]
            if let dropout = spec.dropout { list.append(LayerSpec("dropout", ["p": .number(dropout)])) }
        }
        list.append(linear(spec.outputs, gain: 1))
        if let output = spec.outputActivation { list.append(LayerSpec(output)) }
        return LayerListSpec(input: spec.inputs.map { [$0] }, layers: list)
    }

    /// Builds the model `spec` describes for examples of `inputShape` (the recipe's own `input` when it states one).
    /// Each layer's input shape is the previous layer's output, found by running one zero example through it.
    /// The last layer that takes `out` (a linear layer, say) may leave it out: it gets `classCount`, the dataset's classes.
    public func buildModel(_ spec: ModelSpec, inputShape: [Int]? = nil, classCount: Int? = nil, random: RandomSource)
        throws -> BuiltModel
    {
        let list = try layerList(spec)
        let prefix = { if case .mlp = spec { return "model (MLP shorthand) layer " } else { return "model.layers" } }()
        guard var shape = list.input ?? inputShape else {
            throw RecipeError.malformed(
                source: "recipe", detail: "missing field model.input (the shape of one example, e.g. [3, 32, 32])")
        }
        let model = Sequential<Float>()
        let lastWithOutputs = list.layers.lastIndex { layer in
            layers[layer.type]?.settings.contains { $0.name == "out" } == true
        }
        for (index, layer) in list.layers.enumerated() {
            let location = "\(prefix)[\(index)] (\(layer.type))"
            guard let entry = layers[layer.type] else {
                throw RecipeError.layer(
                    location: "\(prefix)[\(index)]",
                    detail:
                        "unknown layer type \"\(layer.type)\"; known: \(layers.keys.sorted().joined(separator: ", "))")
            }
            let settings = try ComponentSettings(
                location: location, values: layer.settings, declarations: entry.settings)
            let module = try entry.make(
                LayerContext(
                    settings: settings, inputShape: shape, random: random, registry: self,
                    dataOutputs: index == lastWithOutputs ? classCount : nil))
            shape = try Self.outputShape(of: module, inputShape: shape, settings: settings)
            model.append(module)
        }
        return BuiltModel(model: model, outputShape: shape)
    }

    /// The model alone; see `buildModel`.
    public func makeModel(_ spec: ModelSpec, inputShape: [Int]? = nil, classCount: Int? = nil, random: RandomSource)
        throws -> Sequential<Float>
    {
        try buildModel(spec, inputShape: inputShape, classCount: classCount, random: random).model
    }

    /// One zero example through `module` in evaluation mode (no dropout mask is drawn, nothing is trained).
    private static func outputShape(of module: any Module<Float>, inputShape: [Int], settings: ComponentSettings) throws
        -> [Int]
    {
        module.eval()
        defer { module.train() }
        var probe = Tensor<Float>.zeros([1] + inputShape)
        do {
            try module.infer(&probe)
        } catch {
            throw settings.error("does not accept examples of shape \(inputShape): \(error)")
        }
        let output = Array(probe.shape.dropFirst())
        guard !output.isEmpty, output.allSatisfy({ $0 > 0 }) else {
            throw settings.error("turns examples of shape \(inputShape) into shape \(output), which holds no values")
        }
        return output
    }
}
