import TensorCore

/// An elementwise function f with ∂x = G ⊙ f′ (report 002, question 2), its derivative written
/// from the input and the output.
public struct Elementwise<Scalar: TensorScalar>: Op {
    public let name: String
    let function: (Scalar) -> Scalar
    let derivative: (_ input: Scalar, _ output: Scalar) -> Scalar

    public init(name: String, function: @escaping (Scalar) -> Scalar, derivative: @escaping (_ input: Scalar, _ output: Scalar) -> Scalar) {
        (self.name, self.function, self.derivative) = (name, function, derivative)
    }

    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: BinaryContext<Scalar>) {
        try expectInputs(inputs, 1)
        let output = inputs[0].map(function)
        return (output, BinaryContext(lhs: inputs[0], rhs: output))
    }

    public func backward(_ c: BinaryContext<Scalar>, outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        let slope = try c.lhs.combined(with: c.rhs, name: name, derivative)
        return [try outputGradient * slope]
    }

    /// e^x, derivative e^x.
    public static var exp: Elementwise { Elementwise(name: "exp", function: { Scalar.exp($0) }, derivative: { _, y in y }) }
    /// ln x, derivative 1/x.
    public static var log: Elementwise { Elementwise(name: "log", function: { Scalar.log($0) }, derivative: { x, _ in 1 / x }) }
    /// σ(x), derivative σ(1 − σ).
    public static var sigmoid: Elementwise { Elementwise(name: "sigmoid", function: Tensor<Scalar>.sigmoid, derivative: { _, y in y * (1 - y) }) }
    /// tanh x, derivative 1 − tanh².
    public static var tanh: Elementwise { Elementwise(name: "tanh", function: { Scalar.tanh($0) }, derivative: { _, y in 1 - y * y }) }
    /// max(0, x), derivative 1 for x > 0 and 0 otherwise (report 002, Fig. 1).
    public static var relu: Elementwise { Elementwise(name: "relu", function: { $0 > 0 ? $0 : 0 }, derivative: { x, _ in x > 0 ? 1 : 0 }) }
}
