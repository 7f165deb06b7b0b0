import TensorCore

/// The input shapes a broadcasting binary op must reduce its gradients back to.
public struct BinaryContext<Scalar: TensorScalar> {
    public let lhs: Tensor<Scalar>
    public let rhs: Tensor<Scalar>
}

/// a + b with broadcasting; ∂a = G, ∂b = G, each summed back to its input's shape.
public struct Add<Scalar: TensorScalar>: Op {
    public init() {}
    public var name: String { "add" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: [[Int]]) {
        try expectInputs(inputs, 2)
        return (try inputs[0] + inputs[1], [inputs[0].shape, inputs[1].shape])
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ shapes: [[Int]], outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        [try outputGradient.summed(toShape: shapes[0]), try outputGradient.summed(toShape: shapes[1])]
    }
}

/// a − b with broadcasting; ∂a = G, ∂b = −G.
public struct Subtract<Scalar: TensorScalar>: Op {
    public init() {}
    public var name: String { "subtract" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: [[Int]]) {
        try expectInputs(inputs, 2)
        return (try inputs[0] - inputs[1], [inputs[0].shape, inputs[1].shape])
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ shapes: [[Int]], outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        [try outputGradient.summed(toShape: shapes[0]), try (-outputGradient).summed(toShape: shapes[1])]
    }
}

/// a ⊙ b with broadcasting; ∂a = G ⊙ b, ∂b = G ⊙ a.
public struct Multiply<Scalar: TensorScalar>: Op {
    public init() {}
    public var name: String { "multiply" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: BinaryContext<Scalar>) {
        try expectInputs(inputs, 2)
        return (try inputs[0] * inputs[1], BinaryContext(lhs: inputs[0], rhs: inputs[1]))
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ c: BinaryContext<Scalar>, outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        [
            try (outputGradient * c.rhs).summed(toShape: c.lhs.shape),
            try (outputGradient * c.lhs).summed(toShape: c.rhs.shape),
        ]
    }
}

/// a / b elementwise with broadcasting; ∂a = G/b, ∂b = −G ⊙ a/b².
public struct Divide<Scalar: TensorScalar>: Op {
    public init() {}
    public var name: String { "divide" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: BinaryContext<Scalar>) {
        try expectInputs(inputs, 2)
        return (try inputs[0] / inputs[1], BinaryContext(lhs: inputs[0], rhs: inputs[1]))
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ c: BinaryContext<Scalar>, outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        let gradientA = try outputGradient / c.rhs
        let gradientB = try -(outputGradient * c.lhs) / c.rhs.squared()
        return [try gradientA.summed(toShape: c.lhs.shape), try gradientB.summed(toShape: c.rhs.shape)]
    }
}

/// op(A)·op(B) through BLAS; ∂A = G·Bᵀ, ∂B = Aᵀ·G, with the transposes
/// of the flags folded into the products.
public struct MatMul<Scalar: TensorScalar>: Op {
    public let transposeA: Bool, transposeB: Bool
    /// - Parameters:
    ///   - transposeA: use Aᵀ.
    ///   - transposeB: use Bᵀ.
    public init(transposeA: Bool = false, transposeB: Bool = false) {
        (self.transposeA, self.transposeB) = (transposeA, transposeB)
    }
    public var name: String { "matmul" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: BinaryContext<Scalar>) {
        try expectInputs(inputs, 2)
        return (
            try Tensor.matmul(inputs[0], inputs[1], transposeA: transposeA, transposeB: transposeB),
            BinaryContext(lhs: inputs[0], rhs: inputs[1])
        )
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ c: BinaryContext<Scalar>, outputGradient g: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        try backward(c, outputGradient: g, needed: [true, true]).compactMap { $0 }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ c: BinaryContext<Scalar>, outputGradient g: Tensor<Scalar>, needed: [Bool]) throws
        -> [Tensor<Scalar>?]
    {
        let gradientA =
            !needed[0]
            ? nil
            : transposeA
                ? try Tensor.matmul(c.rhs, g, transposeA: transposeB, transposeB: true)
                : try Tensor.matmul(g, c.rhs, transposeB: !transposeB)
        let gradientB =
            !needed[1]
            ? nil
            : transposeB
                ? try Tensor.matmul(g, c.lhs, transposeA: true, transposeB: transposeA)
                : try Tensor.matmul(c.lhs, g, transposeA: !transposeA)
        return [gradientA, gradientB]
    }
}

/// x·Wᵀ + b in one op (the Linear layer's affine map): inputs x [N, in], W [out, in], b [out].
/// Backward: ∂x = G·W, ∂W = Gᵀ·x, ∂b = column sums of G, each only when needed.
public struct Affine<Scalar: TensorScalar>: Op {
    public init() {}
    public var name: String { "affine" }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: [Tensor<Scalar>]) {
        try expectInputs(inputs, 3)
        let (x, weight, bias) = (inputs[0], inputs[1], inputs[2])
        guard weight.rank == 2, bias.shape == [weight.shape[0]] else {
            throw TensorError.shapeMismatch(
                operation: "affine (weight [out, in], bias [out])", lhs: weight.shape, rhs: bias.shape)
        }
        guard x.rank == 2 else {
            throw TensorError.invalidShape(operation: "affine", shape: x.shape, expected: "a matrix [N, in]")
        }
        // Product first, then the bias, in the same order as the Linear layer, so both give the same bits.
        var output = try Tensor.matmul(x, weight, transposeB: true)
        try output.addToEveryRow(bias)
        return (output, [x, weight])
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ context: [Tensor<Scalar>], outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        try backward(context, outputGradient: outputGradient, needed: [true, true, true]).compactMap { $0 }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ context: [Tensor<Scalar>], outputGradient g: Tensor<Scalar>, needed: [Bool]) throws
        -> [Tensor<Scalar>?]
    {
        let (x, weight) = (context[0], context[1])
        return [
            needed[0] ? try Tensor.matmul(g, weight) : nil,
            needed[1] ? try Tensor.matmul(g, x, transposeA: true) : nil,
            needed[2] ? try g.sum(alongAxis: 0) : nil,
        ]
    }
}
