/// A scalar function applied elementwise, with its derivative written in terms of the input and
/// the output (so sigmoid and tanh reuse the output they already computed). It sits below both the
/// explicit layers (`Activation`) and the autograd graph (`Pointwise`), so the two share one
/// definition of each function.
public protocol ActivationFunction {
    /// The name a layer or graph op using it is shown by ("ReLU").
    static var name: String { get }
    /// f(x).
    /// - Parameter x: one element.
    static func value<S: TensorScalar>(_ x: S) -> S
    /// f′ at `x`, given also y = f(x) (so sigmoid and tanh reuse it).
    /// - Parameters:
    ///   - x: the input element.
    ///   - y: f(x).
    static func derivative<S: TensorScalar>(input x: S, output y: S) -> S
}

extension ActivationFunction {
    /// G ⊙ f′ elementwise, from the forward's input and output (shapes already checked by the caller).
    @inlinable
    public static func gradient<S: TensorScalar>(_ outputGradient: Tensor<S>, input: Tensor<S>, output: Tensor<S>)
        -> Tensor<S>
    {
        // Into a fresh array: `var gradient = outputGradient` would copy the caller's still-shared buffer first.
        Tensor(shapeOf: outputGradient) { writeGradient(outputGradient, input: input, output: output, into: $0) }
    }

    /// G ⊙ f′ written into every element of `gradient`, a tensor of G's size (a layer's reused memory).
    @inlinable
    public static func gradient<S: TensorScalar>(
        _ outputGradient: Tensor<S>, input: Tensor<S>, output: Tensor<S>, into gradient: inout Tensor<S>
    ) {
        gradient.withUnsafeMutableBufferPointer {
            writeGradient(outputGradient, input: input, output: output, into: $0)
        }
    }

    @inlinable
    static func writeGradient<S: TensorScalar>(
        _ outputGradient: Tensor<S>, input: Tensor<S>, output: Tensor<S>, into g: UnsafeMutableBufferPointer<S>
    ) {
        outputGradient.withUnsafeBufferPointer { dy in
            input.withUnsafeBufferPointer { x in
                output.withUnsafeBufferPointer { y in
                    for i in 0..<dy.count { g[i] = dy[i] * derivative(input: x[i], output: y[i]) }
                }
            }
        }
    }
}

/// max(0, x), with derivative 1 for x > 0 and 0 otherwise (0 at x = 0, as PyTorch).
public enum ReLUFunction: ActivationFunction {
    public static let name = "ReLU"
    // max(0, x) rather than a conditional: the compiler vectorises it, also in place. NaN gives 0.
    @inlinable public static func value<S: TensorScalar>(_ x: S) -> S { Swift.max(0, x) }
    @inlinable public static func derivative<S: TensorScalar>(input x: S, output _: S) -> S { x > 0 ? 1 : 0 }
}

/// The logistic function 1/(1 + e^−x), derivative σ(1 − σ).
public enum SigmoidFunction: ActivationFunction {
    public static let name = "Sigmoid"
    @inlinable public static func value<S: TensorScalar>(_ x: S) -> S { Tensor<S>.sigmoid(x) }
    @inlinable public static func derivative<S: TensorScalar>(input _: S, output y: S) -> S { y * (1 - y) }
}

/// The hyperbolic tangent, derivative 1 − tanh².
public enum TanhFunction: ActivationFunction {
    public static let name = "Tanh"
    @inlinable public static func value<S: TensorScalar>(_ x: S) -> S { S.tanh(x) }
    @inlinable public static func derivative<S: TensorScalar>(input _: S, output y: S) -> S { 1 - y * y }
}
