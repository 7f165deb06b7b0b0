import Backprop
import Foundation

/// The words of one finding (`ReportFinding.swift`): its title, each hypothesis with its
/// experiment and the outcomes it can have, and the conclusions it can reach. The findings hook
/// runs the experiments, adds their numbers and picks which outcome and conclusion hold.
struct FindingSpec: Codable, StrictRecipeObject {
    /// The id the checks it covers name in their `finding`.
    var id: String
    var title: String
    var tests: [FindingTestSpec]
    /// The conclusions by case name ("exploded", "trained"); the hook picks one.
    var conclusions: [String: ConclusionSpec]
}

/// A hypothesis, the experiment that tests it, and its outcome for each case the hook can pick
/// (one entry: the outcome whatever the case).
struct FindingTestSpec: Codable, StrictRecipeObject {
    var hypothesis: String
    var experiment: String
    var outcomes: [String: String]
}

/// A finding's conclusion: whether a convention explains the paper's value, and the words.
struct ConclusionSpec: Codable, StrictRecipeObject {
    var kind: ConclusionKind
    var text: String
}

/// How far a finding explains the paper's value (`Finding.Conclusion`).
enum ConclusionKind: String, StringChoice {
    case explained, partlyExplained, notExplained
}

/// What a findings hook measured for one of its spec's findings.
struct FindingResult {
    /// The case of the conclusion, and of every test unless `testCases` names another.
    var conclusion: String
    /// Each test's numbers (Markdown), in the spec's order.
    var numbers: [String]
    /// The values of the placeholders in the finding's words.
    var values: [String: String] = [:]
    /// A test's own case, by its index, where it is not the conclusion's.
    var testCases: [Int: String] = [:]
}

extension FindingSpec {
    /// The finding with `result`'s numbers, cases and values; an unknown case or an unfilled
    /// placeholder is an error naming the finding.
    func finding(_ result: FindingResult) throws -> Finding {
        let source = "finding \(id)"
        let fill = { (text: String, field: String) in
            try Placeholders.fill(text, result.values, source: source, field: field)
        }
        guard result.numbers.count == tests.count else {
            throw RecipeError.malformed(
                source: source, detail: "\(tests.count) tests but numbers for \(result.numbers.count)")
        }
        let tests = try tests.enumerated().map { index, test in
            let name = result.testCases[index] ?? result.conclusion
            guard let outcome = test.outcomes.count == 1 ? test.outcomes.first?.value : test.outcomes[name] else {
                throw RecipeError.malformed(
                    source: source, detail: "field tests[\(index)].outcomes: no case \"\(name)\"")
            }
            return Finding.Test(
                hypothesis: try fill(test.hypothesis, "tests[\(index)].hypothesis"),
                experiment: try fill(test.experiment, "tests[\(index)].experiment"), numbers: result.numbers[index],
                outcome: try fill(outcome, "tests[\(index)].outcomes.\(name)"))
        }
        guard let conclusion = conclusions[result.conclusion] else {
            throw RecipeError.malformed(source: source, detail: "field conclusions: no case \"\(result.conclusion)\"")
        }
        let text = try fill(conclusion.text, "conclusions.\(result.conclusion)")
        let ending: Finding.Conclusion
        switch conclusion.kind {
        case .explained: ending = .explained(text)
        case .partlyExplained: ending = .partlyExplained(text)
        case .notExplained: ending = .notExplained(text)
        }
        return Finding(id: id, title: try fill(title, "title"), tests: tests, conclusion: ending)
    }
}

extension ReportHookInput {
    /// Adds the spec's finding `id` with what the hook measured.
    func addFinding(_ id: String, _ result: FindingResult) throws {
        guard let spec = report.spec.findings?.first(where: { $0.id == id }) else {
            preconditionFailure("report \(report.prefix)'s spec has no finding \"\(id)\"")
        }
        document.addFinding(try spec.finding(result))
    }
}
