/// NumPy broadcasting rules: shapes are aligned at their last dimension, and a dimension of
/// extent 1 (or a missing leading one) stretches to match the other operand.
public enum Broadcasting {
    /// The shape two operands broadcast to, or a `shapeMismatch` naming both shapes.
    public static func resultShape(_ lhs: [Int], _ rhs: [Int], operation: String) throws -> [Int] {
        let rank = max(lhs.count, rhs.count)
        let a = Array(repeating: 1, count: rank - lhs.count) + lhs
        let b = Array(repeating: 1, count: rank - rhs.count) + rhs
        return try zip(a, b).map { x, y in
            if x == y || y == 1 { return x }
            if x == 1 { return y }
            throw TensorError.shapeMismatch(operation: operation, lhs: lhs, rhs: rhs)
        }
    }

    /// Element strides of `shape` read as `target` (0 along stretched dimensions).
    @usableFromInline
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: target.count - shape.count) + shape
        var strides = Array(repeating: 0, count: target.count)
        var running = 1
        for d in stride(from: target.count - 1, through: 0, by: -1) {
            strides[d] = padded[d] == 1 ? 0 : running
            running *= padded[d]
        }
        return strides
    }
}

extension Tensor {
    /// Applies `operation` elementwise with broadcasting; the kernel used by `+ - * /`.
    @inlinable
    public func combined(
        with other: Tensor, name: String, _ operation: (Scalar, Scalar) -> Scalar
    ) throws -> Tensor {
        if shape == other.shape {
            // Written element by element, so the storage need not be zero-filled first.
            let result = scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    [Scalar](unsafeUninitializedCapacity: a.count) { r, initialized in
                        for i in 0..<a.count { r[i] = operation(a[i], b[i]) }
                        initialized = a.count
                    }
                }
            }
            return Tensor(uncheckedShape: shape, scalars: result)
        }
        let outShape = try Broadcasting.resultShape(shape, other.shape, operation: name)
        let outCount = outShape.reduce(1, *)
        var result = [Scalar](repeating: 0, count: outCount)
        guard outCount > 0 else { return Tensor(uncheckedShape: outShape, scalars: result) }
        let stridesA = Broadcasting.strides(of: shape, broadcastTo: outShape)
        let stridesB = Broadcasting.strides(of: other.shape, broadcastTo: outShape)
        let rank = outShape.count
        let inner = outShape.last ?? 1
        let innerA = stridesA.last ?? 0
        let innerB = stridesB.last ?? 0
        var index = Array(repeating: 0, count: Swift.max(rank - 1, 0))
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { r in
                    var offsetA = 0
                    var offsetB = 0
                    var out = 0
                    while out < outCount {
                        for j in 0..<inner { r[out + j] = operation(a[offsetA + j * innerA], b[offsetB + j * innerB]) }
                        out += inner
                        // Advance the outer multi-index like an odometer, updating both offsets.
                        var d = rank - 2
                        while d >= 0 {
                            index[d] += 1
                            offsetA += stridesA[d]
                            offsetB += stridesB[d]
                            if index[d] < outShape[d] { break }
                            offsetA -= stridesA[d] * outShape[d]
                            offsetB -= stridesB[d] * outShape[d]
                            index[d] = 0
                            d -= 1
                        }
                    }
                }
            }
        }
        return Tensor(uncheckedShape: outShape, scalars: result)
    }

    /// Applies `operation` to every element.
    @inlinable
    public func map(_ operation: (Scalar) -> Scalar) -> Tensor {
        let result = scalars.withUnsafeBufferPointer { a in
            [Scalar](unsafeUninitializedCapacity: a.count) { r, initialized in
                for i in 0..<a.count { r[i] = operation(a[i]) }
                initialized = a.count
            }
        }
        return Tensor(uncheckedShape: shape, scalars: result)
    }

    /// Replaces every element in place by `operation(element)`.
    @inlinable
    public mutating func apply(_ operation: (Scalar) -> Scalar) {
        storage.withUnsafeMutableBufferPointer { a in
            for i in 0..<a.count { a[i] = operation(a[i]) }
        }
    }
}

extension Tensor {
    /// Sums a broadcast result back to `targetShape`: over leading dimensions `targetShape` lacks and over
    /// dimensions where it has extent 1. This is the backward of broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func summed(toShape targetShape: [Int]) throws -> Tensor {
        if shape == targetShape { return self }
        var result = self
        while result.rank > targetShape.count { result = try result.sum(alongAxis: 0) }
        for axis in 0..<targetShape.count where targetShape[axis] == 1 && result.shape[axis] != 1 {
            result = try result.sum(alongAxis: axis, keepingDimension: true)
        }
        guard result.shape == targetShape else {
            throw TensorError.shapeMismatch(operation: "summed(toShape:)", lhs: shape, rhs: targetShape)
        }
        return result
    }
}
