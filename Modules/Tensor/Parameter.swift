/// A trainable tensor shared by reference between the module that owns it and the optimizer that updates it.
///
/// Gradients accumulate into `grad` (layers add to it in `backward`); `zeroGrad()` clears them.
/// Optimizers key their per-parameter state by the parameter's identity.
public final class Parameter<Scalar: TensorScalar> {
    public var value: Tensor<Scalar>
    /// A short local name ("weight", "bias"); modules prefix it with their path.
    public var name: String
    private var storedGradient: Tensor<Scalar>
    /// Set by `zeroGrad()`: the gradient reads as zeros, but its storage is filled only when it is next
    /// touched, so a kernel that overwrites it (`accumulateGradient`) skips one pass over the weights.
    private var gradientIsPendingZero = false

    /// - Parameters:
    ///   - value: the initial value; the gradient starts as zeros of its shape.
    ///   - name: a short local name ("weight").
    public init(_ value: Tensor<Scalar>, name: String = "") {
        AllocatorTuning.applied
        self.value = value
        storedGradient = Tensor.zeros(value.shape)
        self.name = name
    }

    /// The gradient accumulated since the last `zeroGrad()`, shaped like `value`.
    public var grad: Tensor<Scalar> {
        get {
            fillPendingZeros()
            return storedGradient
        }
        set {
            storedGradient = newValue
            gradientIsPendingZero = false
        }
        _modify {
            fillPendingZeros()
            yield &storedGradient
        }
    }

    /// Resets the accumulated gradient to zeros (written lazily, keeping the storage).
    public func zeroGrad() { gradientIsPendingZero = true }

    /// Adds into the gradient with a kernel that can also overwrite it: `body` gets the storage and
    /// `overwrite == true` when the gradient is zero and its old contents must be ignored (GEMM beta = 0).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func accumulateGradient(_ body: (_ gradient: inout Tensor<Scalar>, _ overwrite: Bool) throws -> Void)
        rethrows
    {
        let overwrite = gradientIsPendingZero
        if overwrite, storedGradient.shape != value.shape { storedGradient = Tensor.zeros(value.shape) }
        gradientIsPendingZero = false
        try body(&storedGradient, overwrite)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func fillPendingZeros() {
        guard gradientIsPendingZero else { return }
        gradientIsPendingZero = false
        if storedGradient.shape != value.shape {
            storedGradient = Tensor.zeros(value.shape)
        } else {
            storedGradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
    }
}
