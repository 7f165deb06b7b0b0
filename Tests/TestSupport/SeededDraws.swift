import TensorCore

/// Seeded pseudo-random sizes and values for tests that sweep random configurations, so a failing
/// configuration can be replayed (a 64-bit linear congruential generator, upper bits).
public struct SeededDraws {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A whole number in `range`.
    public mutating func next(_ range: ClosedRange<Int>) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return range.lowerBound + Int((state >> 33) % UInt64(range.count))
    }

    /// `count` values in about [−1, 1], none of them exactly representable sums of the others.
    public mutating func values<S: TensorScalar>(_ count: Int) -> [S] {
        (0..<count).map { _ in S(next(0...2_000_000) - 1_000_000) / 999_983 }
    }
}
