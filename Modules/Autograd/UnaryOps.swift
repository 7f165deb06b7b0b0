import TensorCore

/// A scalar function applied elementwise, with ∂x = G ⊙ f′(x). The
/// function is an `ActivationFunction` type, the same ones the explicit layers use, so the op
/// specialises to a direct loop; a user's own function plugs in the same way.
public struct Pointwise<Scalar: TensorScalar, Function: ActivationFunction>: Op {
    public init() {}

    public var name: String { Function.name.lowercased() }

    @_specialize(where Scalar == Float, Function == ReLUFunction)
    @_specialize(where Scalar == Double, Function == ReLUFunction)
    @_specialize(where Scalar == Float, Function == SigmoidFunction)
    @_specialize(where Scalar == Double, Function == SigmoidFunction)
    @_specialize(where Scalar == Float, Function == TanhFunction)
    @_specialize(where Scalar == Double, Function == TanhFunction)
    @_specialize(where Scalar == Float, Function == ExpFunction)
    @_specialize(where Scalar == Double, Function == ExpFunction)
    @_specialize(where Scalar == Float, Function == LogFunction)
    @_specialize(where Scalar == Double, Function == LogFunction)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: BinaryContext<Scalar>) {
        try expectInputs(inputs, 1)
        let output = inputs[0].map(Function.value)
        return (output, BinaryContext(lhs: inputs[0], rhs: output))
    }

    @_specialize(where Scalar == Float, Function == ReLUFunction)
    @_specialize(where Scalar == Double, Function == ReLUFunction)
    @_specialize(where Scalar == Float, Function == SigmoidFunction)
    @_specialize(where Scalar == Double, Function == SigmoidFunction)
    @_specialize(where Scalar == Float, Function == TanhFunction)
    @_specialize(where Scalar == Double, Function == TanhFunction)
    @_specialize(where Scalar == Float, Function == ExpFunction)
    @_specialize(where Scalar == Double, Function == ExpFunction)
    @_specialize(where Scalar == Float, Function == LogFunction)
    @_specialize(where Scalar == Double, Function == LogFunction)
    public func backward(_ c: BinaryContext<Scalar>, outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        guard outputGradient.shape == c.lhs.shape else {
            throw TensorError.shapeMismatch(operation: "\(name).backward", lhs: outputGradient.shape, rhs: c.lhs.shape)
        }
        return [Function.gradient(outputGradient, input: c.lhs, output: c.rhs)]
    }
}

/// e^x, derivative e^x (the exponential vugrad's softmax starts with).
public enum ExpFunction: ActivationFunction {
    public static let name = "Exp"
    @inlinable public static func value<S: TensorScalar>(_ x: S) -> S { S.exp(x) }
    @inlinable public static func derivative<S: TensorScalar>(input _: S, output y: S) -> S { y }
}

/// ln x, derivative 1/x.
public enum LogFunction: ActivationFunction {
    public static let name = "Log"
    @inlinable public static func value<S: TensorScalar>(_ x: S) -> S { S.log(x) }
    @inlinable public static func derivative<S: TensorScalar>(input x: S, output _: S) -> S { 1 / x }
}
