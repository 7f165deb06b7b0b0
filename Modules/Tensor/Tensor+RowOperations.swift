extension Tensor {
    /// A [count, row.count] matrix whose every row is `row`.
    @inlinable
    public static func repeatingRow(_ row: Tensor, count: Int) -> Tensor {
        let width = row.count
        guard width > 0, count > 0 else { return Tensor.zeros([count, width]) }
        let values = row.storage.withUnsafeBufferPointer { source in
            [Scalar](unsafeUninitializedCapacity: count * width) { target, initialized in
                for r in 0..<count { (target.baseAddress! + r * width).initialize(from: source.baseAddress!, count: width) }
                initialized = count * width
            }
        }
        return Tensor(uncheckedShape: [count, width], scalars: values)
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
}
