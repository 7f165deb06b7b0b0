import TensorCore

/// Gives every example a new shape: [N, …] → [N] + `shape` (PyTorch's `nn.Unflatten(1, shape)`),
/// e.g. flat MNIST rows [N, 784] into images [N, 1, 28, 28] for a convolution.
public final class Reshape<Scalar: TensorScalar>: Module {
    public let shape: [Int]
    public var isTraining = true
    private var inputShape: [Int]?

    /// - Parameter shape: each example's new shape (its element count must not change).
    public init(_ shape: [Int]) { self.shape = shape }

    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        inputShape = input.shape
        return try input.reshaped([input.rowCount] + shape)
    }

    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let inputShape else { throw ModuleError.backwardBeforeForward(module: "Reshape") }
        return try outputGradient.reshaped(inputShape)
    }
}
