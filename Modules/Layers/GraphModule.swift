import Autograd
import TensorCore

/// A model written with the autograd graph, as a `Module`: `body` maps the input node to the
/// output node with ops and graph leaves bound to `parameters` (`GraphLinear`, `TensorNode(parameter:)`),
/// the way report 002 and micrograd build networks. `forward` records the graph; `backward`
/// runs it from the output gradient, so the parameters' gradients land where any optimizer looks,
/// and returns the input's gradient. It registers as a layer and trains in `train` and `reproduce`
/// like an explicit-backward model.
public final class GraphModule<Scalar: TensorScalar>: Module {
    /// The name shown by `summary()` and `print(model)`.
    public let typeName: String
    public let parameters: [Parameter<Scalar>]
    public var isTraining = true
    private let body: (TensorNode<Scalar>) throws -> TensorNode<Scalar>
    private var recorded: (input: TensorNode<Scalar>, output: TensorNode<Scalar>)?

    /// - Parameters:
    ///   - name: the name shown when the model is printed.
    ///   - parameters: every parameter the graph's leaves are bound to, in order; their names are
    ///     the keys of the state dict, so give each its own ("fc1.weight").
    ///   - body: builds the output node from the input node.
    public init(
        name: String, parameters: [Parameter<Scalar>], body: @escaping (TensorNode<Scalar>) throws -> TensorNode<Scalar>
    ) {
        (self.typeName, self.parameters, self.body) = (name, parameters, body)
    }

    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let node = TensorNode(input)
        let output = try body(node)
        recorded = (node, output)
        return output.value
    }

    /// Backpropagates Σ(output ⊙ outputGradient), whose gradient with respect to the output is
    /// exactly `outputGradient`, then releases the graph.
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let (input, output) = recorded else { throw ModuleError.backwardBeforeForward(module: typeName) }
        recorded = nil
        let seed = try (output * TensorNode(outputGradient, requiresGradient: false)).sum()
        try seed.backward()
        let gradient = input.grad ?? Tensor.zeros(input.shape)
        seed.clear()
        return gradient
    }

    public func infer(_ x: inout Tensor<Scalar>) throws {
        x = try body(TensorNode(x, requiresGradient: false)).value
    }
}
