import Randomness
import TensorCore

/// Inverted dropout: in training mode each element is kept with probability 1 − p and scaled by
/// 1/(1 − p), so E[output] = input; in evaluation mode it is the identity.
public final class Dropout<Scalar: TensorScalar>: Module {
    public let probability: Double
    public var isTraining = true
    /// When set, used instead of a fresh mask (gradient checks need the same mask twice).
    public var frozenMask: Tensor<Scalar>?
    private let random: RandomSource
    private var mask: Tensor<Scalar>?
    /// The memory each step's mask, output and input gradient are written into.
    private var masks = TensorWorkspace<Scalar>(), outputs = TensorWorkspace<Scalar>()
    private var inputGradients = TensorWorkspace<Scalar>()

    /// `probability` is the chance of dropping an element, in [0, 1).
    /// - Parameters:
    ///   - probability: the chance of dropping each element.
    ///   - random: the source of the masks.
    /// - Throws: `ModuleError.invalidConfiguration` when the probability is outside [0, 1).
    public init(probability: Double, random: RandomSource) throws {
        guard (0..<1).contains(probability) else {
            throw ModuleError.invalidConfiguration(
                module: "Dropout", message: "drop probability \(probability) is outside [0, 1)")
        }
        self.probability = probability
        self.random = random
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard isTraining, probability > 0 else {
            mask = nil
            return input
        }
        let scale = Scalar(1 / (1 - probability))
        self.mask = nil
        let mask =
            frozenMask
            ?? masks.tensor(input.shape) { mask in
                // The draws and values of `bernoulliTensor(shape, probability: 1 − p) * scale`, in this specialised loop.
                mask.withUnsafeMutableBufferPointer { mask in
                    for i in 0..<mask.count { mask[i] = random.bernoulli(1 - probability) ? scale : 0 }
                }
            }
        self.mask = mask
        return try outputs.tensor(input.shape) { try Self.multiply(input, mask, into: &$0) }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let mask else { return outputGradient }
        return try inputGradients.tensor(outputGradient.shape) { try Self.multiply(outputGradient, mask, into: &$0) }
    }

    /// a ⊙ b into `product`, which has a's shape (a frozen mask that broadcasts gets a tensor of its own).
    private static func multiply(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>, into product: inout Tensor<Scalar>) throws {
        guard a.shape == b.shape else {
            product = try a * b
            return
        }
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { m in
                product.withUnsafeMutableBufferPointer { y in
                    for i in 0..<x.count { y[i] = x[i] * m[i] }
                }
            }
        }
    }
}
