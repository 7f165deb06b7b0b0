import TensorCore

/// One differentiable operation of the autograd graph, in the style of vugrad:
/// `forward` computes the output from the input values and returns a typed context holding
/// whatever `backward` will need; `backward` maps the context and ∂loss/∂output to one
/// gradient per input. An op never sees graph nodes, only tensors.
///
/// A user's op conforms the same way and is applied with `TensorNode.apply(_:_:)`.
public protocol Op<Scalar> {
    associatedtype Scalar: TensorScalar
    associatedtype Context

    /// A short name for descriptions ("add", "matmul").
    var name: String { get }
    /// The output, and what backward needs (the context).
    /// - Parameter inputs: the input values, in the op's order.
    /// - Throws: `TensorError` when their shapes do not fit the op.
    func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: Context)
    /// The gradient of every input.
    /// - Parameters:
    ///   - context: what forward kept.
    ///   - outputGradient: ∂loss/∂output.
    /// - Throws: `TensorError` on a shape mismatch.
    func backward(_ context: Context, outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>]
    /// The gradients of the inputs whose `needed` flag is set (nil for the others). The default
    /// computes them all; an op whose gradients are expensive (matmul) computes only those asked for.
    /// - Parameters:
    ///   - context: what forward kept.
    ///   - outputGradient: ∂loss/∂output.
    ///   - needed: one flag per input.
    /// - Throws: `TensorError` on a shape mismatch.
    func backward(_ context: Context, outputGradient: Tensor<Scalar>, needed: [Bool]) throws -> [Tensor<Scalar>?]
}

/// Errors raised while building or differentiating a graph.
public enum AutogradError: Error, CustomStringConvertible, Equatable {
    case wrongInputCount(op: String, expected: Int, found: Int)
    case gradientShapeMismatch(op: String, input: Int, gradient: [Int], value: [Int])
    case backwardFromNonScalar(shape: [Int])

    public var description: String {
        switch self {
        case .wrongInputCount(let op, let expected, let found): return "\(op) takes \(expected) inputs, got \(found)"
        case .gradientShapeMismatch(let op, let input, let gradient, let value):
            return "\(op).backward returned a gradient of shape \(gradient) for input \(input) of shape \(value)"
        case .backwardFromNonScalar(let shape): return "backward() needs a scalar output, got shape \(shape)"
        }
    }
}

extension Op {
    public func backward(_ context: Context, outputGradient: Tensor<Scalar>, needed: [Bool]) throws -> [Tensor<Scalar>?]
    {
        try backward(context, outputGradient: outputGradient).enumerated().map { needed[$0.offset] ? $0.element : nil }
    }

    /// Throws unless exactly `count` inputs were given.
    public func expectInputs(_ inputs: [Tensor<Scalar>], _ count: Int) throws {
        guard inputs.count == count else {
            throw AutogradError.wrongInputCount(op: name, expected: count, found: inputs.count)
        }
    }
}
