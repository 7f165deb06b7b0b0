import TensorCore

/// A value in an autograd graph: its tensor, the gradient accumulated into it by `backward()`,
/// and the op node that produced it (`source`, nil for leaves).
///
/// Ownership runs one way, output → op node → inputs, so a graph holds no reference cycles:
/// an op node refers to its outputs weakly. A leaf may be bound to a `Parameter`, in which case
/// `backward()` also adds its gradient into `parameter.grad`, where optimizers look for it.
public final class TensorNode<Scalar: TensorScalar> {
    public var value: Tensor<Scalar>
    /// ∂(the scalar `backward()` started from)/∂value; nil until backward reaches this node.
    public internal(set) var grad: Tensor<Scalar>?
    /// The op node that computed this value; nil for leaves and after `clear()`.
    public internal(set) var source: OpNode<Scalar>?
    /// The parameter a leaf stands for.
    public let parameter: Parameter<Scalar>?
    /// Whether `backward()` computes a gradient for this node: a leaf says so (data need not), an
    /// op's output does when any of its inputs does.
    public let requiresGradient: Bool

    /// A leaf holding `value`; pass `requiresGradient: false` for data, so no gradient is computed for it.
    /// - Parameters:
    ///   - value: the leaf's value.
    ///   - requiresGradient: whether backward fills its gradient.
    public init(_ value: Tensor<Scalar>, requiresGradient: Bool = true) {
        self.value = value
        self.requiresGradient = requiresGradient
        parameter = nil
    }

    /// A leaf standing for `parameter` (its current value).
    /// - Parameter parameter: its gradient goes into `parameter.grad`.
    public init(parameter: Parameter<Scalar>) {
        value = parameter.value
        self.parameter = parameter
        requiresGradient = true
    }

    init(value: Tensor<Scalar>, source: OpNode<Scalar>) {
        self.value = value
        self.source = source
        requiresGradient = source.inputs.contains { $0.requiresGradient }
        parameter = nil
    }

    public var shape: [Int] { value.shape }

    /// Applies `op` to `inputs`, returning the output node linked to a new op node.
    public static func apply<O: Op>(_ op: O, _ inputs: [TensorNode]) throws -> TensorNode where O.Scalar == Scalar {
        let (output, context) = try op.forward(inputs.map(\.value))
        let opNode = OpNode(op: op, inputs: inputs) { gradient, needed in
            try op.backward(context, outputGradient: gradient, needed: needed)
        }
        let node = TensorNode(value: output, source: opNode)
        opNode.addOutput(node)
        return node
    }

    /// Every node this one depends on, inputs before the nodes that use them (iterative depth-first search).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func topologicalOrder() -> [TensorNode] {
        var order: [TensorNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: TensorNode, expanded: Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for input in node.source?.inputs ?? [] where !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }

    /// Backpropagates from this scalar: every op node runs its backward exactly once, after all
    /// the nodes that consume its output have contributed (reverse topological order).
    ///
    /// As PyTorch (with `retain_graph`): calling it again adds the new gradients to the leaves'
    /// `grad`, while every other node's `grad` is this call's alone; a leaf bound to a `Parameter`
    /// adds only this call's gradient into `parameter.grad`, so a parameter shared by two graphs
    /// gets the sum of the two.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward() throws {
        guard value.count == 1 else { throw AutogradError.backwardFromNonScalar(shape: value.shape) }
        let order = topologicalOrder()
        let leaves = order.filter { $0.source == nil }
        let earlierLeafGradients = leaves.map(\.grad)
        for node in order { node.grad = nil }
        grad = Tensor.ones(value.shape)
        for node in order.reversed() {
            guard let source = node.source, node.requiresGradient, let gradient = node.grad else { continue }
            let inputGradients = try source.backward(gradient)
            for (index, (input, optionalGradient)) in zip(source.inputs, inputGradients).enumerated() {
                guard input.requiresGradient, let inputGradient = optionalGradient else { continue }
                guard inputGradient.shape == input.value.shape else {
                    throw AutogradError.gradientShapeMismatch(
                        op: source.name, input: index, gradient: inputGradient.shape, value: input.value.shape)
                }
                try input.accumulate(inputGradient)
            }
        }
        for (leaf, earlier) in zip(leaves, earlierLeafGradients) {
            guard let gradient = leaf.grad else {
                leaf.grad = earlier
                continue
            }
            if let parameter = leaf.parameter { try parameter.grad += gradient }
            if let earlier { leaf.grad = try earlier + gradient }
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func accumulate(_ gradient: Tensor<Scalar>) throws {
        if grad == nil { grad = gradient } else { try grad! += gradient }
    }

    /// Clears the gradients of this node and everything it depends on.
    public func zeroGrad() {
        for node in topologicalOrder() { node.grad = nil }
    }

    /// Releases the graph behind this node (op nodes, their contexts and intermediate values), keeping the leaves.
    /// Call it between `backward()` and the optimizer's step: the contexts share the weights' storage,
    /// so while they live the in-place update has to copy every weight first.
    public func clear() {
        for node in topologicalOrder() {
            node.source = nil
            node.grad = nil
        }
    }
}
