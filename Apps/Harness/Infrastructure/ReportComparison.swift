import Foundation

/// Where two renderings of the same reports differ, row by row: verdicts first, then the rows
/// whose verdict held but whose number moved by more than the row's own typed tolerance
/// (`checks.json` carries both; no display text is read back).
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

    /// How far apart the two sides' reproduced numbers are and how far the row's typed tolerance
    /// lets them move (its own width around the first side's number: `ToleranceSpec.allowedMovement`);
    /// nil when they are within it, or when a row carries no number (conditions and orderings are
    /// compared by their verdicts alone, as are rows of checks files written before numbers were kept).
    static func movement(_ first: Check, _ second: Check) -> (difference: Double, allowed: Double)? {
        guard let numbers = first.numbers, let other = second.numbers else { return nil }
        guard let a = numbers.reproduced, let b = other.reproduced else {
            return (numbers.reproduced == nil) == (other.reproduced == nil) ? nil : (.infinity, 0)
        }
        guard let allowed = numbers.tolerance.allowedMovement(around: a) else { return nil }
        if a.isNaN != b.isNaN { return (.infinity, allowed) }
        let difference = abs(a - b)
        return difference > allowed ? (difference, allowed) : nil
    }
}
