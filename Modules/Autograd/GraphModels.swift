import TensorCore

/// A linear map evaluated through the autograd graph: y = x·Wᵀ + b, one `Affine` op (or a
/// `MatMul` without bias). Given a `Linear` layer's parameters (`GraphLinear(weight: layer.weight,
/// bias: layer.bias)`), an explicit-backward model and its graph twin train the same weights.
public struct GraphLinear<Scalar: TensorScalar> {
    /// [out, in], as `Linear` stores it.
    public let weight: Parameter<Scalar>
    /// [out], or nil for a map without bias.
    public let bias: Parameter<Scalar>?

    /// - Parameters:
    ///   - weight: W, [out, in].
    ///   - bias: b, [out], or nil.
    public init(weight: Parameter<Scalar>, bias: Parameter<Scalar>?) { (self.weight, self.bias) = (weight, bias) }

    /// The output node; the weight and bias enter as leaves bound to the parameters.
    public func callAsFunction(_ input: TensorNode<Scalar>) throws -> TensorNode<Scalar> {
        guard let bias else { return try input.matmul(TensorNode(parameter: weight), transposeOther: true) }
        return try .apply(Affine(), [input, TensorNode(parameter: weight), TensorNode(parameter: bias)])
    }
}

/// Cross-entropy losses as graph compositions.
public enum GraphLosses {
    /// −(1/N or 1)·Σ_n log softmax(z_n)[y_n] from logits, through the stable log-softmax op.
    public static func softmaxCrossEntropy<Scalar>(logits: TensorNode<Scalar>, labels: [Int], averaged: Bool = true)
        throws -> TensorNode<Scalar>
    {
        let total = try logits.logSoftmax().select(labels).sum()
        return try total.scaled(by: averaged ? -1 / Scalar(labels.count) : -1)
    }

    /// vugrad's path: softmax as exp then normalize, then −Σ log p[y], a sum over the batch (it
    /// exists for report 002's `celoss`).
    public static func probabilityCrossEntropy<Scalar>(logits: TensorNode<Scalar>, labels: [Int]) throws -> TensorNode<
        Scalar
    > {
        try logits.exp().normalize().select(labels).log().sum().scaled(by: -1)
    }
}
