/// The multilayer-perceptron shorthand of a model recipe: widths, activations, initialisation, dropout.
/// It expands to the layer list Linear → activation (→ dropout) per hidden width, then Linear (→ output activation).
/// Left out of a recipe, `inputs` and `outputs` come from the dataset (its features and classes),
/// `activation` is "relu" and `initializer` PyTorch's default.
public struct MLPSpec: Codable, Hashable, Sendable {
    public var inputs: Int?
    public var hidden: [Int]
    public var outputs: Int?
    /// Registry name of the hidden activation ("relu", "tanh", "sigmoid").
    public var activation: String
    /// Registry name of an output activation ("softmax", "sigmoid"), or nil for linear outputs.
    public var outputActivation: String?
    public var initializer: InitializerSpec
    /// Drop probability of a `Dropout` after every hidden activation, if any.
    public var dropout: Double?

    /// - Parameters:
    ///   - inputs: features per example, or nil to take the dataset's.
    ///   - hidden: hidden layer widths.
    ///   - outputs: output units, or nil for the dataset's class count.
    ///   - activation: the hidden activation's registry name.
    ///   - outputActivation: an activation after the last layer, or none.
    ///   - initializer: how weights are drawn.
    ///   - dropout: the drop probability after each hidden activation, or none.
    public init(
        inputs: Int? = nil, hidden: [Int], outputs: Int? = nil, activation: String = "relu",
        outputActivation: String? = nil, initializer: InitializerSpec = InitializerSpec(name: "pytorch-default"),
        dropout: Double? = nil
    ) {
        (self.inputs, self.hidden, self.outputs, self.activation) = (inputs, hidden, outputs, activation)
        (self.outputActivation, self.initializer, self.dropout) = (outputActivation, initializer, dropout)
    }

    private enum CodingKeys: String, CodingKey {
        case inputs, hidden, outputs, activation, outputActivation, initializer, dropout
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try container.decodeIfPresent(Int.self, forKey: .inputs)
        hidden = try container.decode([Int].self, forKey: .hidden)
        outputs = try container.decodeIfPresent(Int.self, forKey: .outputs)
        activation = try container.decodeIfPresent(String.self, forKey: .activation) ?? "relu"
        outputActivation = try container.decodeIfPresent(String.self, forKey: .outputActivation)
        initializer =
            try container.decodeIfPresent(InitializerSpec.self, forKey: .initializer)
            ?? InitializerSpec(name: "pytorch-default")
        dropout = try container.decodeIfPresent(Double.self, forKey: .dropout)
    }
}
