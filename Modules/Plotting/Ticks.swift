import Foundation

/// Tick positions at "nice" values (1, 2, 5 × 10^k on linear axes, powers of ten on log axes)
/// and their labels, formatted without floating-point noise.
public enum Ticks {
    /// About `target` ticks covering [lower, upper] on a linear axis: the step from {1, 2, 2.5, 5} × 10^k
    /// whose tick count is closest to `target` (the sparser one on ties).
    public static func linear(_ lower: Double, _ upper: Double, target: Int = 6) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return lower.isFinite ? [lower] : [] }
        let magnitude = pow(10, floor(log10((upper - lower) / Double(max(target, 1)))))
        let candidates = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20].map { $0 * magnitude }
        func span(_ step: Double) -> (first: Double, last: Double) {
            (ceil(lower / step - 1e-9), floor(upper / step + 1e-9))
        }
        let step = candidates.min { a, b in
            let countA = span(a).last - span(a).first + 1
            let countB = span(b).last - span(b).first + 1
            let scoreA = abs(countA - Double(target))
            let scoreB = abs(countB - Double(target))
            return scoreA != scoreB ? scoreA < scoreB : countA < countB
        }!
        let (first, last) = span(step)
        guard last >= first else { return [] }
        return stride(from: first, through: last, by: 1).map { clean($0 * step, step: step) }
    }

    /// The fewest labelled ticks a log axis shows.
    static let minimumLogLabels = 3

    /// Powers of ten covering [lower, upper] on a log axis (every other one when there are many).
    public static func logarithmic(_ lower: Double, _ upper: Double, target: Int = 8) -> [Double] {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return [] }
        let first = Int(ceil(log10(lower) - 1e-9))
        let last = Int(floor(log10(upper) + 1e-9))
        if last - first < 2 {
            // Fewer than three decades in view: 1, 2 and 5 times each power of ten; when that gives
            // fewer than three labels, 1, 2, 3 and 5, then every multiple 1…9; when a range is narrower still, linear ticks.
            let (low, high) = (lower * (1 - 1e-9), upper * (1 + 1e-9))
            func multiples(_ factors: [Double]) -> [Double] {
                var values: [Double] = []
                for exponent in (first - 1)...(last + 1) {
                    let power = pow(10, Double(exponent))
                    for factor in factors where factor * power >= low && factor * power <= high {
                        values.append(clean(factor * power, step: power))
                    }
                }
                return values
            }
            for factors in [[1.0, 2, 5], [1, 2, 3, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]] {
                let values = multiples(factors)
                if values.count >= minimumLogLabels { return values }
            }
            return linear(lower, upper, target: 4).filter { $0 > 0 }
        }
        let every = max(1, Int(ceil(Double(last - first + 1) / Double(target))))
        return stride(from: first, through: last, by: every).map { pow(10, Double($0)) }
    }

    /// Rounds away the noise of multiplying by a step (0.1 × 3 → 0.3).
    static func clean(_ value: Double, step: Double) -> Double {
        let digits = max(0, -Int(floor(log10(step))) + 2)
        let factor = pow(10, Double(min(digits, 15)))
        let rounded = (value * factor).rounded() / factor
        return rounded == 0 ? 0 : rounded
    }

    /// Labels for `ticks`: the fewest decimals that tell them apart, or scientific notation for tiny or huge values.
    public static func labels(_ ticks: [Double], logarithmic: Bool = false) -> [String] {
        guard !ticks.isEmpty else { return [] }
        if logarithmic {
            let mixed = !ticks.allSatisfy(isPowerOfTen)
            let plain = ticks.allSatisfy { $0 >= 1e-3 && $0 < 1e5 }
            return ticks.map {
                mixed && plain ? shortestDecimal($0) : (isPowerOfTen($0) ? powerOfTenLabel($0) : scientific($0))
            }
        }
        let largest = ticks.map { abs($0) }.max() ?? 0
        let nonZero = ticks.filter { $0 != 0 }.map { abs($0) }
        if largest >= 1e6 || (largest < 1e-3 && largest > 0) || (nonZero.min().map { $0 < 1e-4 } ?? false) {
            return ticks.map { $0 == 0 ? "0" : scientific($0) }
        }
        for decimals in 0...8 {
            let texts = ticks.map { String(format: "%.\(decimals)f", $0) }
            let values = texts.compactMap(Double.init)
            if zip(values, ticks).allSatisfy({ abs($0 - $1) <= 1e-9 * max(1, abs($1)) }) {
                return texts.map { $0 == "-0" ? "0" : $0 }
            }
        }
        return ticks.map { String($0) }
    }

    /// The fewest decimals that print `value` exactly (0.02, 5, 0.1).
    static func shortestDecimal(_ value: Double) -> String {
        for decimals in 0...8 {
            let text = String(format: "%.\(decimals)f", value)
            if let parsed = Double(text), abs(parsed - value) <= 1e-9 * abs(value) { return text }
        }
        return String(value)
    }

    static func isPowerOfTen(_ value: Double) -> Bool {
        let exponent = log10(value).rounded()
        return abs(pow(10, exponent) - value) <= 1e-9 * value
    }

    static func powerOfTenLabel(_ value: Double) -> String {
        let exponent = Int(log10(value).rounded())
        if abs(pow(10, Double(exponent)) - value) > 1e-9 * value { return scientific(value) }
        switch exponent {
        case 0: return "1"
        case 1: return "10"
        default: return "1e\(exponent)"
        }
    }

    static func scientific(_ value: Double) -> String {
        let exponent = Int(floor(log10(abs(value))))
        let mantissa = value / pow(10, Double(exponent))
        let text = String(format: "%.2f", mantissa).replacingOccurrences(
            of: "0+$", with: "", options: .regularExpression
        )
        .replacingOccurrences(of: "\\.$", with: "", options: .regularExpression)
        return "\(text)e\(exponent)"
    }
}
