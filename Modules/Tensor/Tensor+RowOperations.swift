extension Tensor {
    /// Adds `row` to every row of this matrix in place (a bias after the product: (X·Wᵀ) + b).
    @inlinable
    public mutating func addToEveryRow(_ row: Tensor) throws {
        let width = row.count
        guard rank == 2, rowWidth == width else {
            throw TensorError.shapeMismatch(operation: "addToEveryRow", lhs: shape, rhs: row.shape)
        }
        let rows = shape[0]
        row.storage.withUnsafeBufferPointer { r in
            storage.withUnsafeMutableBufferPointer { a in
                // Row pointers, not a[i * width + j]: the overflow-checked index blocks vectorisation.
                for i in 0..<rows {
                    let target = a.baseAddress! + i * width
                    for j in 0..<width { target[j] += r[j] }
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
                    let source = m.baseAddress! + i * width
                    for j in 0..<width { a[j] += source[j] }
                }
            }
        }
    }
}
