import TensorCore

/// Σ of all elements, a scalar of shape []; ∂x = G (a scalar) everywhere.
public struct Sum<Scalar: TensorScalar>: Op {
    public init() {}
    public var name: String { "sum" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: [Int]) {
        try expectInputs(inputs, 1)
        return (Tensor(inputs[0].sum()), inputs[0].shape)
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ shape: [Int], outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        [Tensor.filled(shape, with: outputGradient.scalars[0])]
    }
}

/// Σ along one axis (the axis is removed); ∂x repeats G along that axis.
public struct SumAlongAxis<Scalar: TensorScalar>: Op {
    public let axis: Int
    /// - Parameter axis: the axis summed away.
    public init(axis: Int) { self.axis = axis }
    public var name: String { "sum(axis: \(axis))" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: [Int]) {
        try expectInputs(inputs, 1)
        return (try inputs[0].sum(alongAxis: axis), inputs[0].shape)
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ shape: [Int], outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        var kept = shape
        kept[axis] = 1
        return [try Tensor.zeros(shape) + outputGradient.reshaped(kept)]
    }
}

/// Repeats the input `count` times along an axis (vugrad's Expand).
/// Backward sums the upstream gradient over the repeated axis: ∂x = Σ_N G.
public struct Expand<Scalar: TensorScalar>: Op {
    /// Where the copies go.
    public enum Placement: Sendable {
        /// A new axis inserted at this position ([n] → [n, count] for position 1).
        case newAxis(Int)
        /// An existing axis of extent 1 ([1, m] → [count, m] for axis 0).
        case singletonAxis(Int)
    }

    public let count: Int
    public let placement: Placement
    /// - Parameters:
    ///   - count: how many copies.
    ///   - placement: where the new axis goes.
    public init(count: Int, placement: Placement) { (self.count, self.placement) = (count, placement) }
    public var name: String { "expand(\(count))" }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: [Int]) {
        try expectInputs(inputs, 1)
        let x = inputs[0]
        var singleton = x.shape
        switch placement {
        case .newAxis(let axis):
            guard axis >= 0, axis <= x.rank else {
                throw TensorError.invalidShape(
                    operation: name, shape: x.shape, expected: "a new axis position in 0...\(x.rank)")
            }
            singleton.insert(1, at: axis)
        case .singletonAxis(let axis):
            guard axis >= 0, axis < x.rank, x.shape[axis] == 1 else {
                throw TensorError.invalidShape(operation: name, shape: x.shape, expected: "extent 1 along axis \(axis)")
            }
        }
        var target = singleton
        target[placement.axis] = count
        return (try Tensor.zeros(target) + x.reshaped(singleton), x.shape)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ shape: [Int], outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        [try outputGradient.sum(alongAxis: placement.axis).reshaped(shape)]
    }
}

extension Expand.Placement {
    var axis: Int {
        switch self {
        case .newAxis(let axis), .singletonAxis(let axis): return axis
        }
    }
}

/// Picks one entry per row of an [N, C] input, y_n = x[n, index_n]; backward scatters G back.
public struct Select<Scalar: TensorScalar>: Op {
    public let indices: [Int]
    /// - Parameter indices: for each row, the column to pick.
    public init(indices: [Int]) { self.indices = indices }
    public var name: String { "select" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: [Int]) {
        try expectInputs(inputs, 1)
        let x = inputs[0]
        guard x.rank == 2, x.shape[0] == indices.count else {
            throw TensorError.shapeMismatch(operation: "select", lhs: x.shape, rhs: [indices.count])
        }
        if let bad = indices.first(where: { !(0..<x.shape[1]).contains($0) }) {
            throw TensorError.indexOutOfRange(operation: "select", index: bad, count: x.shape[1])
        }
        let width = x.shape[1]
        return (Tensor(indices.enumerated().map { x.scalars[$0.offset * width + $0.element] }), x.shape)
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ shape: [Int], outputGradient: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        var gradient = Tensor<Scalar>.zeros(shape)
        gradient.withUnsafeMutableBufferPointer { g in
            for (row, index) in indices.enumerated() { g[row * shape[1] + index] = outputGradient.scalars[row] }
        }
        return [gradient]
    }
}

/// Divides each row by its sum, y = x/s (vugrad's softmax after exp); ∂x_ij = (G_ij − Σ_k G_ik y_ik)/s_i.
public struct Normalize<Scalar: TensorScalar>: Op {
    public init() {}
    public var name: String { "normalize" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: BinaryContext<Scalar>) {
        try expectInputs(inputs, 1)
        let sums = try inputs[0].sum(alongAxis: 1, keepingDimension: true)
        let output = try inputs[0] / sums
        return (output, BinaryContext(lhs: sums, rhs: output))
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ c: BinaryContext<Scalar>, outputGradient g: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        let dot = try (g * c.rhs).sum(alongAxis: 1, keepingDimension: true)
        return [try (g - dot) / c.lhs]
    }
}

/// Row-wise log-softmax, stable; ∂x = G − softmax ⊙ ΣG.
public struct LogSoftmaxOp<Scalar: TensorScalar>: Op {
    public init() {}
    public var name: String { "log_softmax" }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ inputs: [Tensor<Scalar>]) throws -> (output: Tensor<Scalar>, context: Tensor<Scalar>) {
        try expectInputs(inputs, 1)
        let output = try RowSoftmax.logSoftmax(inputs[0])
        return (output, output)
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ output: Tensor<Scalar>, outputGradient g: Tensor<Scalar>) throws -> [Tensor<Scalar>] {
        [try g - output.exp() * g.sum(alongAxis: 1, keepingDimension: true)]
    }
}
