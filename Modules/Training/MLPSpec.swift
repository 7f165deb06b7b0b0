/// The multilayer-perceptron shorthand of a model recipe: widths, activations, initialisation, dropout.
/// It expands to the layer list Linear → activation (→ dropout) per hidden width, then Linear (→ output activation).
public struct MLPSpec: Codable, Hashable, Sendable {
    public var inputs: Int
    public var hidden: [Int]
    public var outputs: Int
    /// Registry name of the hidden activation ("relu", "tanh", "sigmoid").
    public var activation: String
    /// Registry name of an output activation ("softmax", "sigmoid"), or nil for linear outputs.
    public var outputActivation: String?
    public var initializer: InitializerSpec
    /// Drop probability of a `Dropout` after every hidden activation, if any.
    public var dropout: Double?

    /// - Parameters:
    ///   - inputs: features per example.
    ///   - hidden: hidden layer widths.
    ///   - outputs: output units.
    ///   - activation: the hidden activation's registry name.
    ///   - outputActivation: an activation after the last layer, or none.
    ///   - initializer: how weights are drawn.
    public init(
        inputs: Int, hidden: [Int], outputs: Int, activation: String, outputActivation: String? = nil,
        initializer: InitializerSpec = InitializerSpec(name: "pytorch-default"), dropout: Double? = nil
    ) {
        (self.inputs, self.hidden, self.outputs, self.activation) = (inputs, hidden, outputs, activation)
        (self.outputActivation, self.initializer, self.dropout) = (outputActivation, initializer, dropout)
    }
}
