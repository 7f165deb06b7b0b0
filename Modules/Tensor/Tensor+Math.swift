extension Tensor {
    @inlinable public func exp() -> Tensor { map { Scalar.exp($0) } }
    @inlinable public func log() -> Tensor { map { Scalar.log($0) } }
    @inlinable public func tanh() -> Tensor { map { Scalar.tanh($0) } }
    @inlinable public func sqrt() -> Tensor { map { $0.squareRoot() } }
    @inlinable public func squared() -> Tensor { map { $0 * $0 } }
    @inlinable public func abs() -> Tensor { map { Swift.abs($0) } }
    @inlinable public func pow(_ exponent: Scalar) -> Tensor { map { cPow($0, exponent) } }
    /// max(0, x); the derivative used everywhere in Backprop is 0 at x = 0.
    @inlinable public func relu() -> Tensor { map { $0 > 0 ? $0 : 0 } }
    /// The logistic function 1/(1 + e^-x), evaluated without overflow for large |x|.
    @inlinable public func sigmoid() -> Tensor { map(Tensor.sigmoid) }
    /// Limits every element to `[lower, upper]`.
    @inlinable public func clamped(to lower: Scalar, _ upper: Scalar) -> Tensor {
        map { Swift.min(Swift.max($0, lower), upper) }
    }

    /// The scalar logistic function, stable on both tails.
    @inlinable
    public static func sigmoid(_ x: Scalar) -> Scalar {
        if x >= 0 { return 1 / (1 + Scalar.exp(-x)) }
        let e = Scalar.exp(x)
        return e / (1 + e)
    }
}
