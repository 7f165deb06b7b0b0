extension Tensor {
    /// The same elements viewed with another shape of equal element count. One dimension may be -1.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        var resolved = newShape
        if let free = newShape.firstIndex(of: -1) {
            let others = newShape.enumerated().filter { $0.offset != free }.map(\.element)
            guard let known = ElementCount.of(others), known > 0, count % known == 0 else {
                throw TensorError.shapeMismatch(operation: "reshaped", lhs: shape, rhs: newShape)
            }
            resolved[free] = count / known
        }
        guard ElementCount.of(resolved) == count else {
            throw TensorError.shapeMismatch(operation: "reshaped", lhs: shape, rhs: newShape)
        }
        return Tensor(uncheckedShape: resolved, scalars: scalars)
    }

    /// The transpose of a matrix (materialised; matrix products take transpose flags instead).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func transposed() throws -> Tensor {
        guard rank == 2 else {
            throw TensorError.invalidShape(operation: "transposed", shape: shape, expected: "a matrix")
        }
        let (rows, columns) = (shape[0], shape[1])
        var result = [Scalar](repeating: 0, count: count)
        scalars.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for r in 0..<rows {
                    for c in 0..<columns { target[c * rows + r] = source[r * columns + c] }
                }
            }
        }
        return Tensor(uncheckedShape: [columns, rows], scalars: result)
    }

    /// The rows in `range` of the first dimension.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func rows(_ range: Range<Int>) throws -> Tensor {
        guard rank >= 1, range.lowerBound >= 0, range.upperBound <= shape[0] else {
            throw TensorError.indexOutOfRange(operation: "rows(_:)", index: range.upperBound, count: shape.first ?? 0)
        }
        let width = rowWidth
        var newShape = shape
        newShape[0] = range.count
        return Tensor(
            uncheckedShape: newShape, scalars: Array(scalars[(range.lowerBound * width)..<(range.upperBound * width)]))
    }

    /// The rows at `indices`, in that order: how a batch is cut from a dataset.
    public func gatheringRows(_ indices: [Int]) throws -> Tensor {
        var newShape = shape
        newShape[0] = indices.count
        var result = Tensor(shape: newShape, repeating: 0)
        try gatherRows(indices, into: &result)
        return result
    }

    /// Writes the rows at `indices` into `target`, reusing its storage when the shape already fits.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gatherRows(_ indices: [Int], into target: inout Tensor) throws {
        guard rank >= 1 else {
            throw TensorError.invalidShape(operation: "gatherRows", shape: shape, expected: "rank >= 1")
        }
        let rowsAvailable = shape[0]
        if let bad = indices.first(where: { !(0..<rowsAvailable).contains($0) }) {
            throw TensorError.indexOutOfRange(operation: "gatherRows", index: bad, count: rowsAvailable)
        }
        var newShape = shape
        newShape[0] = indices.count
        if target.shape != newShape { target = Tensor(shape: newShape, repeating: 0) }
        let width = rowWidth
        scalars.withUnsafeBufferPointer { source in
            target.storage.withUnsafeMutableBufferPointer { destination in
                for (row, index) in indices.enumerated() {
                    (destination.baseAddress! + row * width)
                        .update(from: source.baseAddress! + index * width, count: width)
                }
            }
        }
    }

    /// Joins tensors along `axis`; all other dimensions must agree.
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { return Tensor.zeros([0]) }
        guard axis >= 0, axis < first.rank else {
            throw TensorError.invalidShape(
                operation: "concatenate", shape: first.shape, expected: "an axis below \(first.rank)")
        }
        for other in tensors.dropFirst() {
            var a = first.shape
            var b = other.shape
            guard a.count == b.count else {
                throw TensorError.shapeMismatch(operation: "concatenate", lhs: first.shape, rhs: other.shape)
            }
            a[axis] = 0
            b[axis] = 0
            guard a == b else {
                throw TensorError.shapeMismatch(operation: "concatenate", lhs: first.shape, rhs: other.shape)
            }
        }
        let outer = first.shape[..<axis].reduce(1, *)
        var newShape = first.shape
        newShape[axis] = tensors.map { $0.shape[axis] }.reduce(0, +)
        var result: [Scalar] = []
        result.reserveCapacity(newShape.reduce(1, *))
        for o in 0..<outer {
            for t in tensors {
                let block = t.count / Swift.max(outer, 1)
                result.append(contentsOf: t.scalars[(o * block)..<((o + 1) * block)])
            }
        }
        return Tensor(uncheckedShape: newShape, scalars: result)
    }
}
