extension Tensor {
    /// All zeros.
    @inlinable public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// All ones.
    @inlinable public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// Every element equal to `value`.
    @inlinable public static func filled(_ shape: [Int], with value: Scalar) -> Tensor {
        Tensor(shape: shape, repeating: value)
    }

    /// The `n`×`n` identity matrix.
    public static func identity(_ n: Int) -> Tensor {
        var result = zeros([n, n])
        for i in 0..<n { result.storage[i * n + i] = 1 }
        return result
    }

    /// `[start, start + step, …]` up to but excluding `end`, as a rank-1 tensor.
    public static func arange(from start: Scalar = 0, to end: Scalar, step: Scalar = 1) -> Tensor {
        var values: [Scalar] = []
        var x = start
        while step > 0 ? x < end : x > end {
            values.append(x)
            x += step
        }
        return Tensor(values)
    }
}
