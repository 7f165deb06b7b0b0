import TensorCore

/// The record of one op application: the op, its input nodes, and a backward closure that
/// holds the forward's context. It refers to its outputs weakly (they own it).
public final class OpNode<Scalar: TensorScalar> {
    public let op: any Op<Scalar>
    public let inputs: [TensorNode<Scalar>]
    private var weakOutputs: [WeakNode] = []
    private let backwardFunction: (Tensor<Scalar>, [Bool]) throws -> [Tensor<Scalar>?]

    private struct WeakNode { weak var node: TensorNode<Scalar>? }

    init(
        op: any Op<Scalar>, inputs: [TensorNode<Scalar>],
        backward: @escaping (Tensor<Scalar>, [Bool]) throws -> [Tensor<Scalar>?]
    ) {
        self.op = op
        self.inputs = inputs
        backwardFunction = backward
    }

    /// The op's name.
    public var name: String { op.name }

    /// The nodes this op produced that are still alive.
    public var outputs: [TensorNode<Scalar>] { weakOutputs.compactMap(\.node) }

    func addOutput(_ node: TensorNode<Scalar>) { weakOutputs.append(WeakNode(node: node)) }

    /// Input gradients for ∂loss/∂output `gradient`, nil for inputs that do not require one.
    public func backward(_ gradient: Tensor<Scalar>) throws -> [Tensor<Scalar>?] {
        try backwardFunction(gradient, inputs.map(\.requiresGradient))
    }
}
