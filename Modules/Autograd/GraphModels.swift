import Layers
import TensorCore

/// A `Linear` layer evaluated through the autograd graph: y = x·Wᵀ + b, one `Affine` op (or a
/// `MatMul` without bias). It shares the layer's parameters, so an explicit-backward model and
/// its graph twin train the same weights.
public struct GraphLinear<Scalar: TensorScalar> {
    public let layer: Linear<Scalar>

    public init(_ layer: Linear<Scalar>) { self.layer = layer }

    /// The output node; the weight and bias enter as leaves bound to the layer's parameters.
    public func callAsFunction(_ input: TensorNode<Scalar>) throws -> TensorNode<Scalar> {
        guard let bias = layer.bias else { return try input.matmul(TensorNode(parameter: layer.weight), transposeOther: true) }
        return try .apply(Affine(), [input, TensorNode(parameter: layer.weight), TensorNode(parameter: bias)])
    }
}

/// Cross-entropy losses as graph compositions.
public enum GraphLosses {
    /// −(1/N or 1)·Σ_n log softmax(z_n)[y_n] from logits, through the stable log-softmax op.
    public static func softmaxCrossEntropy<Scalar>(logits: TensorNode<Scalar>, labels: [Int], averaged: Bool = true) throws -> TensorNode<Scalar> {
        let total = try logits.logSoftmax().select(labels).sum()
        return try total.scaled(by: averaged ? -1 / Scalar(labels.count) : -1)
    }

    /// vugrad's path: softmax as exp then normalize, then −Σ log p[y] (report 002's `celoss`, a sum over the batch).
    public static func probabilityCrossEntropy<Scalar>(logits: TensorNode<Scalar>, labels: [Int]) throws -> TensorNode<Scalar> {
        try logits.exp().normalize().select(labels).log().sum().scaled(by: -1)
    }
}
