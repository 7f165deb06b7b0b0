import CGSL
import TensorCore

/// A seeded stream of random numbers: GSL's Mersenne Twister (`gsl_rng_mt19937`).
///
/// There is no global generator in Backprop: every component that needs randomness
/// (initialisers, dropout, shuffling, datasets) takes a `RandomSource` it is handed.
/// The same seed gives the same bits on every run and machine.
public final class RandomSource {
    private let generator: UnsafeMutablePointer<gsl_rng>
    /// The seed this source started from.
    public let seed: UInt64

    /// A Mersenne Twister (GSL's mt19937) started from `seed`.
    /// - Parameter seed: the same seed gives the same draws on every machine.
    public init(seed: UInt64) {
        self.seed = seed
        generator = gsl_rng_alloc(backprop_mt19937())
        gsl_rng_set(generator, UInt(truncatingIfNeeded: seed))
    }

    private init(copying other: RandomSource) {
        seed = other.seed
        generator = gsl_rng_clone(other.generator)
    }

    deinit { gsl_rng_free(generator) }

    /// An independent copy at the same position in the stream.
    public func copy() -> RandomSource { RandomSource(copying: self) }

    /// The generator's whole state (GSL's `gsl_rng_state`), to continue the stream later with `restore`.
    public var state: [UInt8] {
        let size = gsl_rng_size(generator)
        return Array(UnsafeRawBufferPointer(start: gsl_rng_state(generator), count: size))
    }

    /// Puts the stream back where `state` was taken; a state of another size is an error.
    public func restore(_ state: [UInt8]) throws {
        let size = gsl_rng_size(generator)
        guard state.count == size else { throw RandomStateError(found: state.count, expected: size) }
        state.withUnsafeBytes { gsl_rng_state(generator).copyMemory(from: $0.baseAddress!, byteCount: size) }
    }

    /// The next raw 32-bit output of the generator.
    public func nextRaw() -> UInt { gsl_rng_get(generator) }

    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// Uniform on [lower, upper).
    public func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * uniform() }

    /// A uniformly chosen integer in 0..<n (n >= 1).
    public func integer(below n: Int) -> Int { Int(gsl_rng_uniform_int(generator, UInt(n))) }

    /// Normal with the given mean and standard deviation (GSL's Box–Muller polar method).
    public func gaussian(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        mean + gsl_ran_gaussian(generator, standardDeviation)
    }

    /// True with probability `probability`.
    public func bernoulli(_ probability: Double) -> Bool { gsl_ran_bernoulli(generator, probability) == 1 }

    /// Shuffles `elements` in place (Fisher–Yates, drawing from this source).
    public func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(i, integer(below: i + 1))
        }
    }

    /// A random ordering of 0..<n.
    public func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        shuffle(&order)
        return order
    }
}

extension RandomSource {
    /// A tensor of independent uniform draws on [lower, upper).
    public func uniformTensor<Scalar: TensorScalar>(_ shape: [Int], lower: Double = 0, upper: Double = 1) -> Tensor<
        Scalar
    > {
        fill(shape) { uniform(lower, upper) }
    }

    /// A tensor of independent normal draws.
    public func gaussianTensor<Scalar: TensorScalar>(_ shape: [Int], mean: Double = 0, standardDeviation: Double = 1)
        -> Tensor<Scalar>
    {
        fill(shape) { gaussian(mean: mean, standardDeviation: standardDeviation) }
    }

    /// A tensor of 1s (with probability `probability`) and 0s.
    public func bernoulliTensor<Scalar: TensorScalar>(_ shape: [Int], probability: Double) -> Tensor<Scalar> {
        fill(shape) { bernoulli(probability) ? 1 : 0 }
    }

    private func fill<Scalar: TensorScalar>(_ shape: [Int], _ draw: () -> Double) -> Tensor<Scalar> {
        var tensor = Tensor<Scalar>.zeros(shape)
        tensor.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<buffer.count { buffer[i] = Scalar(draw()) }
        }
        return tensor
    }
}

/// A saved random state that does not fit this generator.
public struct RandomStateError: Error, CustomStringConvertible, Equatable {
    public let found: Int
    public let expected: Int

    public var description: String {
        "a random-generator state of \(found) bytes does not fit GSL's Mersenne Twister (\(expected) bytes)"
    }
}
