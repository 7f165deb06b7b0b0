/// The tolerances as the built-in reports write them: `.absolute(0.5, unit: "pp")`, `.atLeast(0.9)`.
extension ToleranceSpec {
    static func absolute(_ amount: Double, unit: String? = nil) -> ToleranceSpec {
        ToleranceSpec(kind: .absolute, amount: amount, unit: unit)
    }

    static func relative(percent: Double) -> ToleranceSpec { ToleranceSpec(kind: .relative, percent: percent) }

    static func ratio(_ factor: Double) -> ToleranceSpec { ToleranceSpec(kind: .ratio, factor: factor) }

    static func atLeast(_ bound: Double, unit: String? = nil) -> ToleranceSpec {
        ToleranceSpec(kind: .atLeast, bound: bound, unit: unit)
    }

    static func atMost(_ bound: Double, unit: String? = nil) -> ToleranceSpec {
        ToleranceSpec(kind: .atMost, bound: bound, unit: unit)
    }

    static func range(_ low: Double, _ high: Double) -> ToleranceSpec {
        ToleranceSpec(kind: .range, low: low, high: high)
    }

    static let exact = ToleranceSpec(kind: .exact)

    /// An ordering between named groups; the values are measured in the same order.
    static func ordering(_ groups: [String], _ direction: OrderDirection) -> ToleranceSpec {
        ToleranceSpec(kind: .ordering, groups: groups, direction: direction)
    }

    /// An order a report's code judges that is not one statistic across groups ("train loss < test loss").
    static let order = ToleranceSpec(kind: .ordering)

    /// A condition a report's code judges, described by `what` ("all healthy runs").
    static func shape(_ what: String? = nil) -> ToleranceSpec { ToleranceSpec(kind: .shape, reason: what) }

    static func soft(_ reason: String? = nil) -> ToleranceSpec { ToleranceSpec(kind: .soft, reason: reason) }

    static func notComparable(_ reason: String) -> ToleranceSpec {
        ToleranceSpec(kind: .notComparable, reason: reason)
    }
}
