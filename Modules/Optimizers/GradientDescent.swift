import TensorCore

/// Plain gradient descent, w ← w − η·g.
public final class GradientDescent<Scalar: TensorScalar>: ParameterwiseOptimizer<Scalar> {
    /// - Parameters:
    ///   - parameters: what to update.
    ///   - learningRate: η.
    public init(parameters: [Parameter<Scalar>], learningRate: Double) {
        super.init(parameters: parameters, learningRate: learningRate, slotNames: [])
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    override public func update(_ parameter: Parameter<Scalar>, state: inout [Tensor<Scalar>], step: Int) throws {
        try parameter.value.axpy(Scalar(-learningRate), parameter.grad)
    }
}
