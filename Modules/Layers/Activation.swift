import TensorCore

/// A layer applying an `ActivationFunction` elementwise; backward multiplies by f′ and lets go of
/// the forward's input and output, as PyTorch frees a graph's saved tensors.
public final class Activation<Scalar: TensorScalar, Function: ActivationFunction>: Module {
    public var isTraining = true
    private var input: Tensor<Scalar>?
    private var output: Tensor<Scalar>?
    /// The memory each step's output and input gradient are written into.
    private var outputs = TensorWorkspace<Scalar>(), inputGradients = TensorWorkspace<Scalar>()

    public init() {}

    public var typeName: String { Function.name }

    @_specialize(where Scalar == Float, Function == ReLUFunction)
    @_specialize(where Scalar == Double, Function == ReLUFunction)
    @_specialize(where Scalar == Float, Function == SigmoidFunction)
    @_specialize(where Scalar == Double, Function == SigmoidFunction)
    @_specialize(where Scalar == Float, Function == TanhFunction)
    @_specialize(where Scalar == Double, Function == TanhFunction)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        self.output = nil
        let output = outputs.tensor(input.shape) { output in
            input.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { y in
                    for i in 0..<x.count { y[i] = Function.value(x[i]) }
                }
            }
        }
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
        (self.input, self.output) = (nil, nil)
        return inputGradients.tensor(input.shape) {
            Function.gradient(outputGradient, input: input, output: output, into: &$0)
        }
    }
}

/// Rectified linear unit layer.
public typealias ReLU<Scalar: TensorScalar> = Activation<Scalar, ReLUFunction>
/// Logistic sigmoid layer.
public typealias Sigmoid<Scalar: TensorScalar> = Activation<Scalar, SigmoidFunction>
/// Hyperbolic tangent layer.
public typealias Tanh<Scalar: TensorScalar> = Activation<Scalar, TanhFunction>
