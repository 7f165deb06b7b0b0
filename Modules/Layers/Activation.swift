import TensorCore

/// A layer applying an `ActivationFunction` elementwise; backward multiplies by f′.
public final class Activation<Scalar: TensorScalar, Function: ActivationFunction>: Module {
    public var isTraining = true
    private var input: Tensor<Scalar>?
    private var output: Tensor<Scalar>?

    public init() {}

    public var typeName: String { Function.name }

    @_specialize(where Scalar == Float, Function == ReLUFunction)
    @_specialize(where Scalar == Double, Function == ReLUFunction)
    @_specialize(where Scalar == Float, Function == SigmoidFunction)
    @_specialize(where Scalar == Double, Function == SigmoidFunction)
    @_specialize(where Scalar == Float, Function == TanhFunction)
    @_specialize(where Scalar == Double, Function == TanhFunction)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let output = input.map(Function.value)
        self.input = input
        self.output = output
        return output
    }

    /// In place: the previous layer's fresh output is uniquely owned, so no buffer is allocated.
    public func infer(_ x: inout Tensor<Scalar>) throws { try applyInPlace(to: &x, addingBias: nil) }

    @_specialize(where Scalar == Float, Function == ReLUFunction)
    @_specialize(where Scalar == Double, Function == ReLUFunction)
    @_specialize(where Scalar == Float, Function == SigmoidFunction)
    @_specialize(where Scalar == Double, Function == SigmoidFunction)
    @_specialize(where Scalar == Float, Function == TanhFunction)
    @_specialize(where Scalar == Double, Function == TanhFunction)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let input, let output else { throw ModuleError.backwardBeforeForward(module: typeName) }
        guard outputGradient.shape == input.shape else {
            throw TensorError.shapeMismatch(
                operation: "\(typeName).backward", lhs: outputGradient.shape, rhs: input.shape)
        }
        return Function.gradient(outputGradient, input: input, output: output)
    }
}

/// Rectified linear unit layer.
public typealias ReLU<Scalar: TensorScalar> = Activation<Scalar, ReLUFunction>
/// Logistic sigmoid layer.
public typealias Sigmoid<Scalar: TensorScalar> = Activation<Scalar, SigmoidFunction>
/// Hyperbolic tangent layer.
public typealias Tanh<Scalar: TensorScalar> = Activation<Scalar, TanhFunction>
