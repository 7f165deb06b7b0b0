import Foundation

/// An attempt to explain fail and n/c checks: hypotheses, each tested by an experiment with its
/// numbers, and the conclusion. Every fail and n/c check of a report links to the finding that covers it.
struct Finding {
    /// One hypothesis, the experiment that tests it, its numbers (Markdown) and what they show.
    struct Test {
        let hypothesis: String
        let experiment: String
        let numbers: String
        let outcome: String
    }

    /// Whether a convention was found that produces the paper's values.
    enum Conclusion {
        /// Which convention produces the paper's value, with the matching numbers.
        case explained(String)
        /// A variant comes within the tolerance but does not reproduce the printed values, or
        /// explains some of the rows only: what matches and what does not.
        case partlyExplained(String)
        /// What was ruled out, and what remains open.
        case notExplained(String)

        var label: String {
            switch self {
            case .explained: return "explained"
            case .partlyExplained: return "partly explained"
            case .notExplained: return "not explained"
            }
        }

        var text: String {
            switch self {
            case .explained(let text), .partlyExplained(let text), .notExplained(let text): return text
            }
        }
    }

    /// The key that checks name in `Check.finding` to be covered by this finding.
    let id: String
    let title: String
    let tests: [Test]
    let conclusion: Conclusion

    /// The finding as Markdown under an anchor `finding-<number>`, listing the checks it covers.
    func markdown(number: Int, covered: [Check]) -> String {
        var lines = ["<a id=\"finding-\(number)\"></a>", "### Finding \(number): \(title)", ""]
        lines.append(
            "Covers: " + covered.map { "\($0.item) “\($0.quantity)” (\($0.verdict.rawValue))" }.joined(separator: "; ")
                + ".")
        for (index, test) in tests.enumerated() {
            lines += [
                "", "**Hypothesis \(index + 1).** \(test.hypothesis)", "", "*Experiment:* \(test.experiment)", "",
                test.numbers, "", "*Outcome:* \(test.outcome)",
            ]
        }
        lines += ["", "**Conclusion: \(conclusion.label).** \(conclusion.text)"]
        return lines.joined(separator: "\n")
    }
}

/// The findings of one report, and which of its checks each covers.
struct ReportFindings {
    private(set) var findings: [Finding] = []

    mutating func add(_ finding: Finding) { findings.append(finding) }

    /// Whether a check needs a finding: every fail and every n/c.
    static func needsFinding(_ check: Check) -> Bool { check.verdict == .fail || check.verdict == .notComparable }

    /// The 1-based number of the first finding that covers `check`.
    func number(for check: Check) -> Int? {
        findings.firstIndex { $0.id == check.finding }.map { $0 + 1 }
    }

    /// The verdict cell of a check table: fail and n/c link to their finding ("no finding" if none does).
    /// In quick mode an uncovered check points to the full mode, where the experiments run.
    func verdictCell(_ check: Check, linkPrefix: String, mode: Mode) -> String {
        guard Self.needsFinding(check) else { return check.verdict.rawValue }
        guard let number = number(for: check) else {
            return "\(check.verdict.rawValue) (\(mode == .quick ? "finding in full mode" : "no finding"))"
        }
        return "\(check.verdict.rawValue) ([finding \(number)](\(linkPrefix)#finding-\(number)))"
    }

    /// The Findings section: one entry per finding, after the tables and figures.
    func section(checks: [Check], mode: Mode) -> String {
        let needing = checks.filter(Self.needsFinding)
        var text = ["## Findings", ""]
        if findings.isEmpty {
            text.append(
                needing.isEmpty
                    ? "No check failed and none is marked n/c, so there is nothing to explain."
                    : mode == .quick
                        ? "The experiments behind the findings run in full mode only (`reproduce run --full`): three epochs say nothing about the paper's numbers."
                        : "No finding yet for the fail and n/c rows above.")
            return text.joined(separator: "\n")
        }
        text.append(
            "Every fail and n/c row above links to the finding that covers it: the hypotheses tested, each with the run variant (through the same cached runner, listed in runs.csv) and its numbers, and whether a convention explains the paper's value. The verdicts above stay those of the spec's configuration."
                + (mode == .quick ? " In quick mode, findings whose experiments need the full runs are left out." : ""))
        for (index, finding) in findings.enumerated() {
            let covered = needing.filter { number(for: $0) == index + 1 }
            text += ["", finding.markdown(number: index + 1, covered: covered)]
        }
        return text.joined(separator: "\n")
    }
}
