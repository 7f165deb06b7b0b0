extension Tensor {
    /// Adds `row` to every row of this matrix in place (a bias add).
    @inlinable
    public mutating func addRowVector(_ row: Tensor) throws {
        let width = rowWidth
        guard row.count == width, rank >= 2 else {
            throw TensorError.shapeMismatch(operation: "addRowVector", lhs: shape, rhs: row.shape)
        }
        let rows = shape[0]
        row.storage.withUnsafeBufferPointer { r in
            storage.withUnsafeMutableBufferPointer { a in
                for i in 0..<rows {
                    let base = i * width
                    for j in 0..<width { a[base + j] += r[j] }
                }
            }
        }
    }

    /// Adds the column sums of `matrix` into this vector in place (a bias gradient).
    @inlinable
    public mutating func addColumnSums(of matrix: Tensor) throws {
        let width = matrix.rowWidth
        guard count == width, matrix.rank >= 2 else {
            throw TensorError.shapeMismatch(operation: "addColumnSums", lhs: shape, rhs: matrix.shape)
        }
        let rows = matrix.shape[0]
        matrix.storage.withUnsafeBufferPointer { m in
            storage.withUnsafeMutableBufferPointer { a in
                for i in 0..<rows {
                    let base = i * width
                    for j in 0..<width { a[j] += m[base + j] }
                }
            }
        }
    }

    /// Replaces the shape without touching the elements; the counts must agree.
    public mutating func reshape(_ newShape: [Int]) throws {
        self = try reshaped(newShape)
    }
}
