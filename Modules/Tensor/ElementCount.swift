/// Element counts of shapes read from files or recipes, computed without trapping: a negative
/// dimension or a product (times an element width) beyond `Int.max` gives nil, for the caller to
/// report as bad input.
public enum ElementCount {
    /// The product of `dimensions` times `width`, or nil when a dimension is negative or it overflows.
    public static func of(_ dimensions: [Int], width: Int = 1) -> Int? {
        guard width >= 0, dimensions.allSatisfy({ $0 >= 0 }) else { return nil }
        var total = width
        for dimension in dimensions {
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            total = product
        }
        return total
    }
}
