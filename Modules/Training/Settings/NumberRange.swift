/// The numbers a setting allows, with open or closed ends, as PyTorch's constructors check them
/// ("Invalid beta parameter at index 0", "Invalid learning rate"); printed as "[0, 1)" or "≥ 0".
public struct NumberRange: Sendable, Hashable, CustomStringConvertible {
    public var lower: Double?
    public var includesLower: Bool
    public var upper: Double?
    public var includesUpper: Bool

    /// - Parameters:
    ///   - lower: the lower end, or nil for none.
    ///   - includesLower: whether the lower end itself is allowed.
    ///   - upper: the upper end, or nil for none.
    ///   - includesUpper: whether the upper end itself is allowed.
    public init(lower: Double?, includesLower: Bool = true, upper: Double?, includesUpper: Bool = true) {
        (self.lower, self.includesLower, self.upper, self.includesUpper) = (lower, includesLower, upper, includesUpper)
    }

    /// Every finite number.
    public static let any = NumberRange(lower: nil, upper: nil)
    /// x ≥ 0.
    public static let nonNegative = NumberRange(lower: 0, upper: nil)
    /// x > 0.
    public static let positive = NumberRange(lower: 0, includesLower: false, upper: nil)
    /// 0 ≤ x ≤ 1.
    public static let unitInterval = NumberRange(lower: 0, upper: 1)
    /// 0 ≤ x < 1 (Adam's betas).
    public static let halfOpenUnitInterval = NumberRange(lower: 0, upper: 1, includesUpper: false)
    /// 0 < x < 1 (a plateau's factor).
    public static let openUnitInterval = NumberRange(lower: 0, includesLower: false, upper: 1, includesUpper: false)

    /// Whether `value` is finite and inside the range.
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if let lower, includesLower ? value < lower : value <= lower { return false }
        if let upper, includesUpper ? value > upper : value >= upper { return false }
        return true
    }

    public var description: String {
        func show(_ value: Double) -> String { SettingValue.number(value).description }
        switch (lower, upper) {
        case (nil, nil): return "any finite number"
        case (let lower?, nil): return "\(includesLower ? "≥" : ">") \(show(lower))"
        case (nil, let upper?): return "\(includesUpper ? "≤" : "<") \(show(upper))"
        case (let lower?, let upper?):
            return "\(includesLower ? "[" : "(")\(show(lower)), \(show(upper))\(includesUpper ? "]" : ")")"
        }
    }
}
