import TensorCore

/// Adds each channel's sum over its positions to `totals[channel]` (a convolution's bias gradient).
/// Each channel is summed in position order, as a plain loop would, but four channels at a time:
/// one channel's sum is a chain of dependent additions that leaves the adder idle between steps,
/// and four chains fill it.
enum ChannelSums {
    @inline(__always)
    static func add<Scalar: TensorScalar>(
        _ values: UnsafePointer<Scalar>, channels: Int, positions: Int, into totals: UnsafeMutablePointer<Scalar>
    ) {
        var channel = 0
        while channel + 4 <= channels {
            let rows = (
                values + channel * positions, values + (channel + 1) * positions, values + (channel + 2) * positions,
                values + (channel + 3) * positions
            )
            var sums: (Scalar, Scalar, Scalar, Scalar) = (0, 0, 0, 0)
            for p in 0..<positions {
                sums.0 += rows.0[p]
                sums.1 += rows.1[p]
                sums.2 += rows.2[p]
                sums.3 += rows.3[p]
            }
            totals[channel] += sums.0
            totals[channel + 1] += sums.1
            totals[channel + 2] += sums.2
            totals[channel + 3] += sums.3
            channel += 4
        }
        while channel < channels {
            let row = values + channel * positions
            var sum: Scalar = 0
            for p in 0..<positions { sum += row[p] }
            totals[channel] += sum
            channel += 1
        }
    }
}
