import Randomness
import TensorCore

/// How a weight tensor is filled before training, given its fan-in and fan-out.
///
/// The built-ins cover the common schemes; a user's own scheme is a
/// `.custom` closure. Fan-in is the number of inputs feeding one output unit
/// (in·kH·kW for a convolution), fan-out the number of outputs one input feeds.
public enum Initializer: Sendable {
    /// U(−1/√fan_in, 1/√fan_in): PyTorch's `nn.Linear` default for weights and biases.
    case pytorchDefault
    /// N(0, (gain·√(2/(fan_in + fan_out)))²): Glorot/Xavier normal, as PyTorch's `xavier_normal_`.
    case xavierNormal(gain: Double)
    /// U(±gain·√(6/(fan_in + fan_out))): Glorot/Xavier uniform.
    case xavierUniform(gain: Double)
    /// N(0, (gain/√fan_in)²): He/Kaiming normal; with gain 1 it is N(0, 1/fan_in).
    case heNormal(gain: Double)
    /// N(mean, std²) whatever the fans.
    case normal(mean: Double, standardDeviation: Double)
    /// N(0, 1)·2/(fan_in + fan_out): the 2020 vugrad "glorot" without its square root (it exists
    /// for report 002's synthetic runs).
    case vugrad2020
    /// All zeros.
    case zeros
    /// Any other scheme: a function of (shape, fan-in, fan-out, random source).
    case custom(@Sendable (_ shape: [Int], _ fanIn: Int, _ fanOut: Int, _ random: RandomSource) -> [Double])

    /// The recommended gains (PyTorch `calculate_gain`).
    public enum Gain {
        public static let linear = 1.0
        public static let tanh = 5.0 / 3.0
        public static let relu = 2.0.squareRoot()
    }

    /// A tensor of `shape` drawn from this scheme.
    public func make<Scalar: TensorScalar>(_ shape: [Int], fanIn: Int, fanOut: Int, random: RandomSource) -> Tensor<
        Scalar
    > {
        let count = shape.reduce(1, *)
        let values: [Double]
        switch self {
        case .pytorchDefault:
            let bound = 1 / Double(fanIn).squareRoot()
            values = (0..<count).map { _ in random.uniform(-bound, bound) }
        case .xavierNormal(let gain):
            let std = gain * (2 / Double(fanIn + fanOut)).squareRoot()
            values = (0..<count).map { _ in random.gaussian(standardDeviation: std) }
        case .xavierUniform(let gain):
            let bound = gain * (6 / Double(fanIn + fanOut)).squareRoot()
            values = (0..<count).map { _ in random.uniform(-bound, bound) }
        case .heNormal(let gain):
            let std = gain / Double(fanIn).squareRoot()
            values = (0..<count).map { _ in random.gaussian(standardDeviation: std) }
        case .normal(let mean, let standardDeviation):
            values = (0..<count).map { _ in random.gaussian(mean: mean, standardDeviation: standardDeviation) }
        case .vugrad2020:
            let scale = 2 / Double(fanIn + fanOut)
            values = (0..<count).map { _ in random.gaussian() * scale }
        case .zeros:
            values = Array(repeating: 0, count: count)
        case .custom(let draw):
            values = draw(shape, fanIn, fanOut, random)
        }
        // A `.custom` closure that returns the wrong number of values is a programming error; the
        // registry checks it first (`checkSize`) so that a recipe gets an error instead.
        guard let tensor = try? Tensor(shape: shape, scalars: values.map { Scalar($0) }) else {
            preconditionFailure("Initializer.custom returned \(values.count) values for a weight of shape \(shape)")
        }
        return tensor
    }

    /// The standard deviation this scheme's draws have in theory (for checking a draw's spread).
    public func expectedStandardDeviation(fanIn: Int, fanOut: Int) -> Double? {
        switch self {
        case .pytorchDefault: return 1 / Double(fanIn).squareRoot() / 3.0.squareRoot()
        case .xavierNormal(let gain): return gain * (2 / Double(fanIn + fanOut)).squareRoot()
        case .xavierUniform(let gain): return gain * (6 / Double(fanIn + fanOut)).squareRoot() / 3.0.squareRoot()
        case .heNormal(let gain): return gain / Double(fanIn).squareRoot()
        case .normal(_, let standardDeviation): return standardDeviation
        case .vugrad2020: return 2 / Double(fanIn + fanOut)
        case .zeros: return 0
        case .custom: return nil
        }
    }
}

extension Initializer {
    /// The bias scheme that goes with these weights when none is given: PyTorch draws the bias from
    /// the same U(±1/√fan_in) as its default weight; every other weight scheme starts biases at 0.
    public var defaultBias: Initializer {
        if case .pytorchDefault = self { return .pytorchDefault }
        return .zeros
    }
}

extension Initializer {
    /// A custom scheme that returns the wrong number of values for `shape`.
    public struct SizeMismatch: Error, CustomStringConvertible, Equatable {
        public let shape: [Int], count: Int
        public var description: String {
            "the custom initializer returned \(count) values for a weight of shape \(shape)"
        }
    }

    /// Fails if a `.custom` scheme returns the wrong number of values for `shape` (drawn from a
    /// scratch random source, so the run's own draws are untouched); the built-ins always fit.
    /// - Throws: `SizeMismatch`.
    public func checkSize(_ shape: [Int], fanIn: Int, fanOut: Int) throws {
        guard case .custom(let draw) = self else { return }
        let count = draw(shape, fanIn, fanOut, RandomSource(seed: 0)).count
        guard count == shape.reduce(1, *) else { throw SizeMismatch(shape: shape, count: count) }
    }
}
