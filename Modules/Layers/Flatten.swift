import TensorCore

/// Reshapes [N, d1, d2, …] to [N, d1·d2·…] (between convolutions and fully connected layers).
public final class Flatten<Scalar: TensorScalar>: Module {
    public var isTraining = true
    private var inputShape: [Int]?

    public init() {}

    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        inputShape = input.shape
        return try input.reshaped([input.rowCount, input.rowWidth])
    }

    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let inputShape else { throw ModuleError.backwardBeforeForward(module: "Flatten") }
        return try outputGradient.reshaped(inputShape)
    }
}
