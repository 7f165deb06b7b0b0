/// Float max pooling over 2×2, stride-2 windows, four outputs of a row at a time.
///
/// The same comparisons in the same order as `MaxPool2d`'s general loop (first element, then
/// right, below, below-right; a value wins if it is greater or NaN), done as vector selects: on
/// real data each comparison is a coin flip that a branch would mispredict half the time. Written
/// for the concrete `Float` vectors because generic SIMD code does not reach the vector instructions.
enum MaxPoolPairs {
    /// Output rows narrower than this take the general loop.
    static let minimumWidth = 4

    /// Pools `planes` of a [planes, height, width] input into `y`, recording each winner's index in `winner`.
    static func pool(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ winner: UnsafeMutablePointer<Int>,
        planes: Range<Int>, height: Int, width: Int, outHeight: Int, outWidth: Int
    ) {
        precondition(outWidth >= minimumWidth)
        // The last group of a row overlaps the one before when the width is not a multiple of four; it rewrites equal values.
        let groups =
            stride(from: 0, to: outWidth - minimumWidth, by: minimumWidth).map { $0 } + [outWidth - minimumWidth]
        for p in planes {
            for oy in 0..<outHeight {
                let top = (p &* height &+ 2 &* oy) &* width
                let out = (p &* outHeight &+ oy) &* outWidth
                for ox in groups {
                    let first = top &+ 2 &* ox
                    let upper = UnsafeRawPointer(x + first).loadUnaligned(as: SIMD8<Float>.self)
                    let lower = UnsafeRawPointer(x + (first &+ width)).loadUnaligned(as: SIMD8<Float>.self)
                    var best = upper.evenHalf
                    var offset = SIMD4<Int32>(repeating: 0)
                    @inline(__always) func consider(_ values: SIMD4<Float>, at position: Int) {
                        let wins = (values .> best) .| (values .!= values)
                        best.replace(with: values, where: wins)
                        offset.replace(with: Int32(truncatingIfNeeded: position), where: wins)
                    }
                    consider(upper.oddHalf, at: 1)
                    consider(lower.evenHalf, at: width)
                    consider(lower.oddHalf, at: width &+ 1)
                    UnsafeMutableRawPointer(y + (out &+ ox)).storeBytes(of: best, as: SIMD4<Float>.self)
                    for lane in 0..<4 { winner[out &+ ox &+ lane] = first &+ 2 &* lane &+ Int(offset[lane]) }
                }
            }
        }
    }
}
