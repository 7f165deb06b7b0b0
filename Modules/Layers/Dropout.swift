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
        let mask: Tensor<Scalar> =
            frozenMask ?? random.bernoulliTensor(input.shape, probability: 1 - probability) * scale
        self.mask = mask
        return try input * mask
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let mask else { return outputGradient }
        return try outputGradient * mask
    }
}
