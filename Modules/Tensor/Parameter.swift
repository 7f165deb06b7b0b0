/// A trainable tensor shared by reference between the module that owns it and the optimizer that updates it.
///
/// Gradients accumulate into `grad` (layers add to it in `backward`); `zeroGrad()` clears them.
/// Optimizers key their per-parameter state by the parameter's identity.
public final class Parameter<Scalar: TensorScalar> {
    public var value: Tensor<Scalar>
    public var grad: Tensor<Scalar>
    /// A short local name ("weight", "bias"); modules prefix it with their path.
    public var name: String

    public init(_ value: Tensor<Scalar>, name: String = "") {
        self.value = value
        self.grad = Tensor.zeros(value.shape)
        self.name = name
    }

    /// Resets the accumulated gradient to zeros, keeping its storage.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func zeroGrad() {
        if grad.shape != value.shape {
            grad = Tensor.zeros(value.shape)
        } else {
            grad.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
    }
}
