extension Tensor {
    /// 1 where the element is greater than `value`, else 0.
    @inlinable public func isGreater(than value: Scalar) -> Tensor { map { $0 > value ? 1 : 0 } }

    /// 1 where the element is less than `value`, else 0.
    @inlinable public func isLess(than value: Scalar) -> Tensor { map { $0 < value ? 1 : 0 } }

    /// 1 where `self` and `other` (broadcast) are equal, else 0.
    @inlinable public func isEqual(to other: Tensor) throws -> Tensor {
        try combined(with: other, name: "isEqual") { $0 == $1 ? 1 : 0 }
    }

    /// 1 where `self` is greater than `other` (broadcast), else 0.
    @inlinable public func isGreater(than other: Tensor) throws -> Tensor {
        try combined(with: other, name: "isGreater") { $0 > $1 ? 1 : 0 }
    }

    /// Whether every element is finite (no NaN or infinity).
    public var isFinite: Bool { scalars.allSatisfy(\.isFinite) }
}
