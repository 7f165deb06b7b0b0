extension Tensor {
    /// Sum of all elements, accumulated in Double so large Float tensors keep their precision.
    @inlinable
    public func sum() -> Scalar { Scalar(preciseSum()) }

    /// The sum in Double.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func preciseSum() -> Double {
        scalars.withUnsafeBufferPointer { a in
            var total = 0.0
            for i in 0..<a.count { total += Double(a[i]) }
            return total
        }
    }

    /// Mean of all elements (NaN for an empty tensor).
    @inlinable public func mean() -> Scalar { Scalar(preciseSum() / Double(count)) }

    /// Largest element (NaN for an empty tensor).
    public func max() -> Scalar { scalars.max() ?? .nan }

    /// Smallest element (NaN for an empty tensor).
    public func min() -> Scalar { scalars.min() ?? .nan }

    /// Variance of all elements with `correction` subtracted from the count (1: sample variance, as PyTorch's default).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func variance(correction: Int = 1) -> Scalar {
        let m = preciseSum() / Double(count)
        let squares = scalars.withUnsafeBufferPointer { a in
            var total = 0.0
            for i in 0..<a.count { total += (Double(a[i]) - m) * (Double(a[i]) - m) }
            return total
        }
        return Scalar(squares / Double(count - correction))
    }

    /// Splits the shape around `axis` into (elements before, extent, elements after).
    func axisLayout(_ axis: Int, operation: String) throws -> (outer: Int, extent: Int, inner: Int) {
        guard axis >= 0, axis < rank else {
            throw TensorError.invalidShape(operation: operation, shape: shape, expected: "an axis in 0..<\(rank)")
        }
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    func reducedShape(_ axis: Int, keepingDimension: Bool) -> [Int] {
        var newShape = shape
        if keepingDimension { newShape[axis] = 1 } else { newShape.remove(at: axis) }
        return newShape
    }

    /// Folds each line along `axis` with `combine`, starting from `initial`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func reduce(
        alongAxis axis: Int, keepingDimension: Bool, operation: String,
        initial: Scalar, _ combine: (Scalar, Scalar) -> Scalar
    ) throws -> Tensor {
        let (outer, extent, inner) = try axisLayout(axis, operation: operation)
        var result = [Scalar](repeating: initial, count: outer * inner)
        scalars.withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { r in
                for o in 0..<outer {
                    for k in 0..<extent {
                        let base = (o * extent + k) * inner
                        for i in 0..<inner { r[o * inner + i] = combine(r[o * inner + i], a[base + i]) }
                    }
                }
            }
        }
        return Tensor(uncheckedShape: reducedShape(axis, keepingDimension: keepingDimension), scalars: result)
    }

    /// Sums along `axis` (for a matrix, axis 0 gives column sums).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sum(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        try reduce(alongAxis: axis, keepingDimension: keepingDimension, operation: "sum(alongAxis:)", initial: 0, +)
    }

    /// Means along `axis`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func mean(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        let extent = try axisLayout(axis, operation: "mean(alongAxis:)").extent
        return try sum(alongAxis: axis, keepingDimension: keepingDimension) / Scalar(extent)
    }

    /// Maxima along `axis`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func max(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        try reduce(
            alongAxis: axis, keepingDimension: keepingDimension, operation: "max(alongAxis:)", initial: -.infinity
        ) { Swift.max($0, $1) }
    }

    /// Variance along `axis` with `correction` (1: sample variance).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func variance(alongAxis axis: Int, correction: Int = 1, keepingDimension: Bool = false) throws -> Tensor {
        let extent = try axisLayout(axis, operation: "variance(alongAxis:)").extent
        let centred = try self - mean(alongAxis: axis, keepingDimension: true)
        return try centred.squared().sum(alongAxis: axis, keepingDimension: keepingDimension)
            / Scalar(extent - correction)
    }

    /// Index of the largest element along `axis` (first one on ties), as a flat array in row-major order of the rest.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func argmax(alongAxis axis: Int) throws -> [Int] {
        let (outer, extent, inner) = try axisLayout(axis, operation: "argmax(alongAxis:)")
        var result = [Int](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { a in
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = 0
                    var bestValue = a[o * extent * inner + i]
                    for k in 1..<Swift.max(extent, 1) where a[(o * extent + k) * inner + i] > bestValue {
                        best = k
                        bestValue = a[(o * extent + k) * inner + i]
                    }
                    result[o * inner + i] = best
                }
            }
        }
        return result
    }
}
