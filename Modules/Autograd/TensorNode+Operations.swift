import TensorCore

/// The graph-building vocabulary: each function applies one op and returns its output node.
extension TensorNode {
    public static func + (a: TensorNode, b: TensorNode) throws -> TensorNode { try apply(Add(), [a, b]) }
    public static func - (a: TensorNode, b: TensorNode) throws -> TensorNode { try apply(Subtract(), [a, b]) }
    public static func * (a: TensorNode, b: TensorNode) throws -> TensorNode { try apply(Multiply(), [a, b]) }
    public static func / (a: TensorNode, b: TensorNode) throws -> TensorNode { try apply(Divide(), [a, b]) }

    /// op(self)·op(other).
    public func matmul(_ other: TensorNode, transposeSelf: Bool = false, transposeOther: Bool = false) throws
        -> TensorNode
    {
        try .apply(MatMul(transposeA: transposeSelf, transposeB: transposeOther), [self, other])
    }

    public func sum() throws -> TensorNode { try .apply(Sum(), [self]) }
    public func sum(alongAxis axis: Int) throws -> TensorNode { try .apply(SumAlongAxis(axis: axis), [self]) }
    public func exp() throws -> TensorNode { try .apply(Pointwise<Scalar, ExpFunction>(), [self]) }
    public func log() throws -> TensorNode { try .apply(Pointwise<Scalar, LogFunction>(), [self]) }
    public func sigmoid() throws -> TensorNode { try .apply(Pointwise<Scalar, SigmoidFunction>(), [self]) }
    public func tanh() throws -> TensorNode { try .apply(Pointwise<Scalar, TanhFunction>(), [self]) }
    public func relu() throws -> TensorNode { try .apply(Pointwise<Scalar, ReLUFunction>(), [self]) }
    public func expand(_ count: Int, placement: Expand<Scalar>.Placement) throws -> TensorNode {
        try .apply(Expand(count: count, placement: placement), [self])
    }
    public func select(_ indices: [Int]) throws -> TensorNode { try .apply(Select(indices: indices), [self]) }
    public func normalize() throws -> TensorNode { try .apply(Normalize(), [self]) }
    public func logSoftmax() throws -> TensorNode { try .apply(LogSoftmaxOp(), [self]) }

    /// Multiplies by a constant (a leaf that receives a gradient nobody reads).
    public func scaled(by factor: Scalar) throws -> TensorNode { try self * TensorNode(Tensor(factor)) }
}
