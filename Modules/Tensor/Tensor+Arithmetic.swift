extension Tensor {
    @inlinable public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try lhs.combined(with: rhs, name: "+", +)
    }
    @inlinable public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try lhs.combined(with: rhs, name: "-", -)
    }
    @inlinable public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try lhs.combined(with: rhs, name: "*", *)
    }
    @inlinable public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try lhs.combined(with: rhs, name: "/", /)
    }

    @inlinable public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 + rhs } }
    @inlinable public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 - rhs } }
    @inlinable public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 * rhs } }
    @inlinable public static func / (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 / rhs } }
    @inlinable public static func + (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs + $0 } }
    @inlinable public static func - (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs - $0 } }
    @inlinable public static func * (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
    @inlinable public static func / (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs / $0 } }
    @inlinable public static prefix func - (operand: Tensor) -> Tensor { operand.map { -$0 } }

    /// In-place `lhs += rhs`; `rhs` may broadcast to `lhs`'s shape but not the other way round.
    @inlinable
    public static func += (lhs: inout Tensor, rhs: Tensor) throws {
        if lhs.shape == rhs.shape {
            try lhs.axpy(1, rhs)
        } else {
            lhs = try lhs.combinedInPlaceShape(rhs, name: "+=", +)
        }
    }

    @inlinable
    public static func -= (lhs: inout Tensor, rhs: Tensor) throws {
        if lhs.shape == rhs.shape {
            try lhs.axpy(-1, rhs)
        } else {
            lhs = try lhs.combinedInPlaceShape(rhs, name: "-=", -)
        }
    }

    @inlinable
    public static func *= (lhs: inout Tensor, rhs: Tensor) throws {
        lhs = try lhs.combinedInPlaceShape(rhs, name: "*=", *)
    }

    @inlinable public static func *= (lhs: inout Tensor, rhs: Scalar) { lhs.apply { $0 * rhs } }
    @inlinable public static func += (lhs: inout Tensor, rhs: Scalar) { lhs.apply { $0 + rhs } }

    @inlinable
    func combinedInPlaceShape(_ rhs: Tensor, name: String, _ operation: (Scalar, Scalar) -> Scalar) throws -> Tensor {
        let result = try combined(with: rhs, name: name, operation)
        guard result.shape == shape else {
            throw TensorError.shapeMismatch(operation: name, lhs: shape, rhs: rhs.shape)
        }
        return result
    }

    /// `self += alpha * x` in place (BLAS-style axpy); shapes must be equal. Large tensors run in
    /// `CoreHalves` (the plain SGD update of a batch-1 step, on the halves its products used).
    @inlinable
    public mutating func axpy(_ alpha: Scalar, _ x: Tensor) throws {
        guard shape == x.shape else { throw TensorError.shapeMismatch(operation: "axpy", lhs: shape, rhs: x.shape) }
        x.scalars.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                nonisolated(unsafe) let (source, target) = (source, target)
                CoreHalves.forEach(target.count, size: target.count) { range in
                    for i in range { target[i] += alpha * source[i] }
                }
            }
        }
    }
}
