import Foundation

/// Where two renderings of the same reports differ, row by row: verdicts first, then the rows
/// whose verdict held but whose number moved by more than the row's own tolerance.
struct ReportComparison {
    /// One check row as both sides have it.
    struct Row {
        var report: String
        var check: Check
        var other: Check

        var label: String { "\(report) \(check.item) | \(check.quantity)" }
    }

    private(set) var verdictChanges: [Row] = []
    private(set) var movedNumbers: [(row: Row, difference: Double, allowed: Double)] = []
    private(set) var onlyInFirst: [String] = []
    private(set) var onlyInSecond: [String] = []
    private(set) var compared = 0

    init(_ first: [ReportChecks], _ second: [ReportChecks]) {
        let others = Dictionary(second.map { ($0.prefix, $0) }, uniquingKeysWith: { a, _ in a })
        for report in first {
            guard let other = others[report.prefix] else {
                onlyInFirst.append("\(report.prefix) (whole report)")
                continue
            }
            compare(report, other)
        }
        let prefixes = Set(first.map(\.prefix))
        onlyInSecond += second.filter { !prefixes.contains($0.prefix) }.map { "\($0.prefix) (whole report)" }
    }

    private mutating func compare(_ report: ReportChecks, _ other: ReportChecks) {
        let mine = Self.keyed(report.checks)
        let theirs = Self.keyed(other.checks)
        for (key, check) in mine {
            guard let counterpart = theirs.first(where: { $0.key == key })?.check else {
                onlyInFirst.append("\(report.prefix) \(check.item) | \(check.quantity)")
                continue
            }
            compared += 1
            let row = Row(report: report.prefix, check: check, other: counterpart)
            if check.effectiveVerdict != counterpart.effectiveVerdict {
                verdictChanges.append(row)
            } else if let moved = Self.movement(check, counterpart) {
                movedNumbers.append((row, moved.difference, moved.allowed))
            }
        }
        let keys = Set(mine.map(\.key))
        onlyInSecond += theirs.filter { !keys.contains($0.key) }.map {
            "\(report.prefix) \($0.check.item) | \($0.check.quantity)"
        }
    }

    /// Rows keyed by item, quantity and occurrence, in report order.
    private static func keyed(_ checks: [Check]) -> [(key: String, check: Check)] {
        var seen: [String: Int] = [:]
        return checks.map { check in
            let base = "\(check.item)|\(check.quantity)"
            seen[base, default: 0] += 1
            return ("\(base)|\(seen[base]!)", check)
        }
    }

    /// The first number of each side's reproduced value and how far apart they may be under the
    /// row's tolerance ("±0.5 pp" and "±0.01" absolute, "±25 %" and "within 5 %" relative, "EXACT"
    /// none); nil when the row states no numeric tolerance or the numbers are within it.
    static func movement(_ first: Check, _ second: Check) -> (difference: Double, allowed: Double)? {
        if let numbers = first.numbers, let other = second.numbers {
            return movement(numbers, other)
        }
        guard let a = firstNumber(first.reproduced), let b = firstNumber(second.reproduced) else {
            return first.reproduced != second.reproduced && tolerance(first.tolerance, reference: 0) == 0
                ? (.nan, 0) : nil
        }
        guard let allowed = tolerance(first.tolerance, reference: a) else { return nil }
        let difference = abs(a - b)
        if a.isNaN != b.isNaN { return (.infinity, allowed) }
        return difference > allowed ? (difference, allowed) : nil
    }

    /// The same for rows that carry their numbers: the typed tolerance's width around the first
    /// side's reproduced value, with no text read back.
    static func movement(_ first: CheckNumbers, _ second: CheckNumbers) -> (difference: Double, allowed: Double)? {
        guard let a = first.reproduced, let b = second.reproduced else {
            return (first.reproduced == nil) == (second.reproduced == nil) ? nil : (.infinity, 0)
        }
        guard let allowed = first.tolerance.allowedMovement(around: a) else { return nil }
        if a.isNaN != b.isNaN { return (.infinity, allowed) }
        let difference = abs(a - b)
        return difference > allowed ? (difference, allowed) : nil
    }

    static func firstNumber(_ text: String) -> Double? {
        if text.lowercased().hasPrefix("nan") { return .nan }
        guard let range = text.range(of: #"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"#, options: .regularExpression) else {
            return nil
        }
        return Double(text[range])
    }

    /// The allowed absolute difference a tolerance text states around `reference`.
    static func tolerance(_ text: String, reference: Double) -> Double? {
        if text.hasPrefix("EXACT") { return 0 }
        func amount(_ pattern: String) -> Double? {
            guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
            return firstNumber(String(text[range]))
        }
        if let percent = amount(#"(±\s*|within\s+)[0-9.]+\s*%"#) { return abs(reference) * percent / 100 }
        if let absolute = amount(#"±\s*[0-9.]+"#) { return absolute }
        return nil
    }
}
