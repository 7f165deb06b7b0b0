import TensorCore

/// Copies of a few dozen elements, as im2col makes thousands of per image row: eight at a time
/// through vector registers, inline. `update(from:count:)` calls `memmove` for each, whose call and
/// size dispatch cost more than the copy (an eighth of a CNN step went there).
enum ShortCopies {
    @inline(__always)
    static func copy<Scalar: TensorScalar>(
        _ count: Int, from source: UnsafePointer<Scalar>, to target: UnsafeMutablePointer<Scalar>
    ) {
        let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
        var index = 0
        while index + 8 <= count {
            let offset = index * MemoryLayout<Scalar>.stride
            to.storeBytes(
                of: from.loadUnaligned(fromByteOffset: offset, as: SIMD8<Scalar>.self), toByteOffset: offset,
                as: SIMD8<Scalar>.self)
            index += 8
        }
        while index < count {
            target[index] = source[index]
            index += 1
        }
    }
}
