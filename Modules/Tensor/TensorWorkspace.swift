/// Memory a layer writes one of its results into step after step, so that a training step in
/// steady state allocates nothing large (as PyTorch's caching allocator hands a step the blocks
/// the previous step freed).
///
/// Each call hands out a tensor that shares the workspace's storage. When everyone else has let go
/// of the previous result (the next layer used it, backward dropped what it kept), the next call
/// writes into the same memory. While someone still holds it, copy-on-write gives the new result
/// memory of its own, so a tensor once handed out never changes.
public struct TensorWorkspace<Scalar: TensorScalar> {
    @usableFromInline var storage: [Scalar] = []

    @inlinable public init() {}

    /// A tensor of `shape` whose elements `body` writes, every one of them: the memory may hold an
    /// earlier result.
    /// - Parameters:
    ///   - shape: the result's dimensions.
    ///   - body: writes every element of the tensor it is given.
    /// - Throws: what `body` throws (the workspace then starts afresh next time).
    @inlinable
    public mutating func tensor(_ shape: [Int], writing body: (inout Tensor<Scalar>) throws -> Void) rethrows
        -> Tensor<Scalar>
    {
        var result = Tensor(uncheckedShape: shape, scalars: take(count: shape.reduce(1, *)))
        try body(&result)
        storage = result.storage
        return result
    }

    /// A tensor of `shape` in memory of its own, whose elements `body` writes, every one of them:
    /// for inference paths, which leave a layer's workspace to its training steps.
    /// - Parameters:
    ///   - shape: the result's dimensions.
    ///   - body: writes every element of the tensor it is given.
    /// - Throws: what `body` throws.
    @inlinable
    public static func fresh(_ shape: [Int], writing body: (inout Tensor<Scalar>) throws -> Void) rethrows
        -> Tensor<Scalar>
    {
        var workspace = TensorWorkspace()
        return try workspace.tensor(shape, writing: body)
    }

    /// A tensor of `shape` set to zero first, for `body` to add into.
    /// - Parameters:
    ///   - shape: the result's dimensions.
    ///   - body: adds into the zeroed tensor it is given.
    /// - Throws: what `body` throws.
    @inlinable
    public mutating func zeros(_ shape: [Int], adding body: (inout Tensor<Scalar>) throws -> Void) rethrows
        -> Tensor<Scalar>
    {
        try tensor(shape) { result in
            result.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            try body(&result)
        }
    }

    /// The storage, moved out so that writing through it copies nothing when nobody else holds it,
    /// and resized to `count` within the memory it already has where it can (an epoch's last,
    /// smaller batch and the next full one then reuse the same block); fresh memory otherwise.
    @inlinable
    mutating func take(count: Int) -> [Scalar] {
        var taken: [Scalar] = []
        swap(&taken, &storage)
        if taken.count > count {
            taken.removeLast(taken.count - count)
        } else if taken.count < count {
            guard taken.capacity >= count else {
                return [Scalar](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
            }
            taken.append(contentsOf: repeatElement(0, count: count - taken.count))
        }
        return taken
    }
}
