import Backprop
import Foundation

/// The outcome of one tolerance check (spec §0: pass, fail, soft, n/c; plus not run).
enum Verdict: String, Codable, CaseIterable {
    case pass, fail, soft
    case notComparable = "n/c"
    case notRun = "not run"
}

/// One row of a side-by-side table: what the paper says, what we got, their difference and the verdict.
struct Check: Codable {
    var item: String
    var quantity: String
    var paper: String
    var reproduced: String
    var delta: String
    var tolerance: String
    var verdict: Verdict
    /// In quick mode, the verdict the gate would have given (`verdict` is then soft); nil otherwise.
    var quickVerdict: Verdict?
    /// The id of the finding that explains this check when it fails or is n/c.
    var finding: String?
    /// The numbers behind the row and its typed tolerance, for `compare`; absent on rows no
    /// tolerance judged (not run for want of data) and in checks files of older versions.
    var numbers: CheckNumbers?

    /// The verdict to compare: the gate's own in quick mode, else `verdict`.
    var effectiveVerdict: Verdict { quickVerdict ?? verdict }
}

/// A check's numbers as data: the paper's and the reproduced value and the tolerance that judged them.
struct CheckNumbers: Codable {
    var paper: Double?
    var reproduced: Double?
    var tolerance: ToleranceSpec
}

/// Whether we are in quick mode (smoke test: every verdict is reported as soft) or full mode.
enum Mode: String, Codable {
    case quick, full
    var banner: String {
        self == .quick
            ? "**quick mode: not comparable to the paper** (reduced epochs, trials and data; every verdict below is `soft`)"
            : "full mode: the reports' own settings"
    }
}

/// One report's generated output: items in the report's order, each a table or a figure with
/// its caption, the proposals it relies on and its checks; written as Markdown, PNG, JSON and CSV.
final class ReportDocument {
    let prefix: String
    let title: String
    let mode: Mode
    private let context: ReproductionContext
    /// A piece of an item's Markdown: text, or the check table of an item id, rendered when the
    /// report is written (so that fail and n/c rows can link to findings added later).
    private enum Part {
        case text(String)
        case checks(String)
    }

    private var sections: [[Part]] = []
    private(set) var checks: [Check] = []
    private var files: [(name: String, data: Data)] = []
    private var tableFiles: [(name: String, parts: [Part])] = []
    private var findings = ReportFindings()
    private var figures: [(name: String, figure: Figure)] = []
    private var csvRows: [String] = []
    /// Whether any run added with `addRun` has no result (it failed or was not run).
    private var anyRunMissing = false
    /// Inside `requiring`: whether the runs that scope names include a missing one.
    private var scopeMissing: Bool?

    init(prefix: String, title: String, context: ReproductionContext) {
        (self.prefix, self.title, self.mode, self.context) = (prefix, title, context.mode, context)
    }

    /// Records a check judged by `tolerance` (`holds` nil: not comparable); in quick mode a pass
    /// or fail is recorded as soft, with what it would have been. The typed entry points
    /// (`gate`, `note`, `notRun` in ReportGates.swift) call it.
    ///
    /// A check whose inputs include a run without a result is "not run", never pass or fail: its
    /// inputs are the runs of the enclosing `requiring` scope, or, outside any scope, every run of the report.
    func record(
        _ item: String, _ quantity: String, paper: String, reproduced: String, delta: String,
        tolerance: ToleranceSpec, verdict given: Verdict, finding: String?, numbers: CheckNumbers
    ) {
        var verdict = given
        var shown = tolerance.display
        let gated = tolerance.kind != .soft && tolerance.kind != .notComparable
        if gated, scopeMissing ?? anyRunMissing {
            checks.append(
                Check(
                    item: item, quantity: quantity, paper: paper, reproduced: "—", delta: "",
                    tolerance: shown + " (a run it needs failed or was not run; see runs.csv)", verdict: .notRun,
                    finding: finding, numbers: CheckNumbers(paper: numbers.paper, reproduced: nil, tolerance: tolerance)
                ))
            return
        }
        var quickVerdict: Verdict?
        if mode == .quick, verdict == .pass || verdict == .fail {
            shown += " (quick: \(verdict.rawValue))"
            quickVerdict = verdict
            verdict = .soft
        }
        checks.append(
            Check(
                item: item, quantity: quantity, paper: paper, reproduced: reproduced, delta: delta,
                tolerance: shown, verdict: verdict, quickVerdict: quickVerdict, finding: finding, numbers: numbers))
    }

    /// Records a row that is shown as it is given (a not-run row): no tolerance judged it.
    func record(_ check: Check) { checks.append(check) }

    /// Makes the gates inside `body` depend on `runs` alone (an empty list: on no run at all).
    func requiring(_ runs: [RunResult?], _ body: () throws -> Void) rethrows {
        let outer = scopeMissing
        scopeMissing = runs.contains { $0 == nil } || (outer ?? false)
        defer { scopeMissing = outer }
        try body()
    }

    /// A table item: `table-<number>.md` with the generated table and this item's checks.
    func addTable(number: String, title: String, caption: String, proposals: [String] = [], markdown: String) {
        let id = "Table \(number)"
        let incomplete =
            anyRunMissing
            ? "_Incomplete: runs of this report failed or were not run (see runs.csv); their values are missing here._\n\n"
            : ""
        let body =
            "\(id): \(title)\n\n\(mode == .quick ? "_quick mode: not comparable to the paper_\n\n" : "")\(incomplete)\(markdown)\n\n\(caption)\n\(proposalList(proposals))"
        tableFiles.append(("table-\(number).md", [.text("## " + body), .checks(id)]))
        sections.append([.text("### " + body), .checks(id)])
    }

    /// A figure item: `fig-<number>.png` and `fig-<number>.json` (the numbers its checks use).
    func addFigure(
        number: String, title: String, caption: String, proposals: [String] = [], figure: Figure, numbers: [String: Any]
    ) {
        let id = "Fig. \(number)"
        figure.title =
            (figure.title ?? "\(prefix) \(id): \(title)") + (mode == .quick ? " (quick mode: not comparable)" : "")
        figures.append(("fig-\(number).png", figure))
        let json =
            (try? JSONSerialization.data(
                withJSONObject: Self.jsonSafe(numbers), options: [.prettyPrinted, .sortedKeys])) ?? Data()
        files.append(("fig-\(number).json", json))
        sections.append([
            .text("### \(id): \(title)\n\n![\(id)](fig-\(number).png)\n\n\(caption)\n\(proposalList(proposals))"),
            .checks(id),
        ])
    }

    /// A plain section (diagrams as text, listings, notes), followed by the check table of `item` if given.
    func addText(_ markdown: String, checksOf item: String? = nil) {
        sections.append([.text(markdown)] + (item.map { [.checks($0)] } ?? []))
    }

    /// A finding: it covers the fail and n/c checks it matches, which link to it.
    func addFinding(_ finding: Finding) { findings.add(finding) }

    /// One line of the per-run CSV (the hash is the cache entry's, user components included).
    func addRun(_ run: RunRequest, _ result: RunResult?) {
        let request = run.stamped(with: context.registry)
        if result == nil { anyRunMissing = true }
        let last = result?.history.last
        let fields: [String] = [
            request.label, String(request.seed), request.hash,
            result.map { String(format: "%.3f", $0.seconds) } ?? "",
            Self.number(last?.trainLoss), Self.number(last?.trainAccuracy),
            Self.number(result?.finalTrainLoss), Self.number(result?.finalTrainAccuracy),
            Self.number(result?.finalTestLoss), Self.number(result?.finalTestAccuracy),
            Self.status(of: request, result, failures: context.failedRuns),
        ]
        csvRows.append(fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ","))
    }

    /// "failed: <error>" for a run that failed, "not run" for one without a result, "diverged" for a run that did.
    private static func status(of request: RunRequest, _ result: RunResult?, failures: [String: String]) -> String {
        guard let result else { return failures[request.hash].map { "failed: \($0)" } ?? "not run" }
        return result.history.diverged ? "diverged" : ""
    }

    private func proposalList(_ proposals: [String]) -> String {
        proposals.isEmpty ? "" : "\n" + proposals.map { "- \($0)" }.joined(separator: "\n") + "\n"
    }

    /// The check table of item `id`; fail and n/c verdicts link to their finding in `findingsPage`.
    private func checkTable(for id: String, findingsPage: String) -> String {
        let mine = checks.filter { $0.item == id }
        guard !mine.isEmpty else { return "" }
        var lines = ["", "| check | paper | reproduced | Δ | tolerance | verdict |", "|---|---|---|---|---|---|"]
        for check in mine {
            let verdict = findings.verdictCell(check, linkPrefix: findingsPage, mode: mode)
            let cells = [check.quantity, check.paper, check.reproduced, check.delta, check.tolerance].map(markdownCell)
            lines.append("| " + cells.joined(separator: " | ") + " | \(verdict) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(_ parts: [Part], findingsPage: String) -> String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .checks(let id): return checkTable(for: id, findingsPage: findingsPage)
            }
        }.joined()
    }

    /// A section for checks whose item has no table, figure or text of its own, so that no check goes unseen.
    private var unplacedChecks: [String] {
        let placed = Set(
            sections.flatMap { $0 }.compactMap { part -> String? in
                if case .checks(let id) = part { return id }
                return nil
            })
        let items = checks.map(\.item).reduce(into: [String]()) {
            if !placed.contains($1) && !$0.contains($1) { $0.append($1) }
        }
        guard !items.isEmpty else { return [] }
        return ["### Other checks\n" + items.map { checkTable(for: $0, findingsPage: "") }.joined()]
    }

    /// The fail and n/c checks that no finding covers.
    var checksWithoutFinding: [Check] {
        checks.filter { ReportFindings.needsFinding($0) && findings.number(for: $0) == nil }
    }

    /// Counts of verdicts, for the index.
    var verdictCounts: [Verdict: Int] {
        Dictionary(grouping: checks, by: \.verdict).mapValues(\.count)
    }

    /// Writes README.md, the tables, figures, JSON, checks.json and runs.csv into `folder/prefix`.
    /// `components` are the user's components the report's runs use (slot → type), empty with built-ins only.
    func write(to folder: URL, settings: String, components: [ComponentSlot: String]) throws {
        let directory = folder.appendingPathComponent(prefix)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, data) in files { try AtomicFile.write(data, to: directory.appendingPathComponent(name)) }
        for (name, parts) in tableFiles {
            try AtomicFile.write(
                Data(render(parts, findingsPage: "README.md").utf8), to: directory.appendingPathComponent(name))
        }
        for (name, figure) in figures {
            try figure.save(to: directory.appendingPathComponent(name), software: "Backprop reproduce")
        }
        let header =
            "run,seed,hash,seconds,last_epoch_train_loss,last_epoch_train_accuracy,final_train_loss,final_train_accuracy,final_test_loss,final_test_accuracy,status"
        try AtomicFile.write(
            Data(([header] + csvRows).joined(separator: "\n").utf8 + [0x0a]),
            to: directory.appendingPathComponent("runs.csv"))
        let record = ReportChecks(
            prefix: prefix, title: title, mode: mode,
            components: Dictionary(uniqueKeysWithValues: components.map { ($0.key.description, $0.value) }),
            checks: checks)
        try AtomicFile.write(try record.encoded(), to: directory.appendingPathComponent(ReportChecks.fileName))
        let counts = Verdict.allCases.map { "\($0.rawValue): \(verdictCounts[$0] ?? 0)" }.joined(separator: ", ")
        let componentsLine =
            components.isEmpty
            ? "Components: built-in."
            : "Components: **swapped** (slot → type): \(ComponentRegistry.describe(components)); every other slot is built-in."
        let readme =
            "# \(prefix): \(title)\n\n\(mode.banner)\n\n\(settings)\n\n\(componentsLine)\n\nVerdicts: \(counts)\n\n"
            + (sections.map { render($0, findingsPage: "") } + unplacedChecks + [
                findings.section(checks: checks, mode: mode)
            ]).joined(separator: "\n\n") + "\n"
        try AtomicFile.write(Data(readme.utf8), to: directory.appendingPathComponent("README.md"))
    }

    static func number(_ value: Double?, digits: Int = 4) -> String {
        guard let value else { return "" }
        return value.isNaN
            ? "nan" : (value.isInfinite ? (value > 0 ? "inf" : "-inf") : String(format: "%.\(digits)f", value))
    }

    /// NaN and infinities become strings so the JSON stays valid.
    static func jsonSafe(_ value: Any) -> Any {
        switch value {
        case let number as Double:
            return number.isFinite ? number : (number.isNaN ? "nan" : (number > 0 ? "inf" : "-inf"))
        case let array as [Any]: return array.map(jsonSafe)
        case let dictionary as [String: Any]: return dictionary.mapValues(jsonSafe)
        default: return value
        }
    }
}
