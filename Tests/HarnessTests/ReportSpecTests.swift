import ArgumentParser
import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// Issue 23 (part): a report as a spec file, run by the one engine with the user's registry.
final class ReportSpecTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    var example: URL { root.appendingPathComponent("docs/examples/reports/depth-width") }

    func scratch(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID())")
        try AtomicFile.createFolders(folder)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    func testTheExampleRunsInQuickModeAndWritesATableAFigureAndNumericChecks() throws {
        let out = try scratch("spec-quick").appendingPathComponent("out")
        try RunCommand.parse([example.path, "--quick", "--out", out.path]).run(registry: .standard)
        let folder = out.appendingPathComponent("depth-width")
        for file in ["README.md", "table-1.md", "fig-1.png", "fig-2.png", "fig-1.json", "runs.csv", "checks.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
        }
        let checks = try ReportChecks.load(from: folder)
        XCTAssertEqual(checks.prefix, "depth-width")
        XCTAssertEqual(checks.checks.count, 7)
        XCTAssertTrue(checks.checks.allSatisfy { $0.verdict == .soft }, "quick mode")
        let absolute = try XCTUnwrap(checks.checks.first?.numbers)
        XCTAssertEqual(absolute.paper, 97)
        XCTAssertEqual(absolute.tolerance.kind, .absolute)
        XCTAssertEqual(absolute.tolerance.amount, 3)
        XCTAssertNotNil(absolute.reproduced)
        let csv = try String(contentsOf: folder.appendingPathComponent("runs.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 1 + 5 * 2, "five variants, two quick trials each")
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("fresh disk data in every trial; the band is ±1 std.\n"), "the item's caption")
        XCTAssertTrue(readme.contains("The assignment leaves the epochs open: 40 (4 in quick mode)."), "its proposal")
        let index = try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(index.contains("[depth-width](depth-width/README.md)"))
    }

    func testRunsKeepTheirCacheKeysAndSeedsDependOnReportVariantAndTrial() throws {
        let report = try XCTUnwrap(SpecReportLoader.load(example.path, registry: .standard).first)
        let context = ReproductionContext(
            mode: .quick, seed: 2024, trials: nil, data: DataStore(dataDirectory: "none", registry: .standard),
            registry: .standard)
        let requests = report.requests(context)
        XCTAssertEqual(requests.count, 10)
        XCTAssertEqual(Set(requests.map(\.seed)).count, 10, "a seed per variant and trial")
        XCTAssertEqual(requests[0].seed, derivedSeed(base: 2024, experiment: "depth-width/width 1×4", trial: 0))
        XCTAssertEqual(requests[0].training.epochs, 4, "the quick override")
        XCTAssertEqual(requests[0].dataset.trainCount, 300)
        guard case .mlp(let mlp) = requests[2].model else { return XCTFail("an MLP") }
        XCTAssertEqual(mlp.hidden, [16], "the grid's second value")
        let full = ReproductionContext(
            mode: .full, seed: 2024, trials: nil, data: DataStore(dataDirectory: "none", registry: .standard),
            registry: .standard)
        XCTAssertEqual(report.requests(full).map(\.training.epochs), Array(repeating: 40, count: 25))
    }

    /// One line per case: a change to the example and what the error must say.
    func testBadSpecsAreErrorsNamingTheFileAndTheFieldPath() throws {
        let text = try String(contentsOf: example.appendingPathComponent("report.json"), encoding: .utf8)
        let cases: [(old: String, new: String, fragments: [String])] = [
            (#""paper": ["#, #""papers": ["#, ["bad.json", "unknown field papers", "known at this level", "paper"]),
            (
                #""pick": "highest", "among""#, #""among""#, ["checks[5].pick", "pick and among go together"]
            ),
            (
                #""measured": {"group": "depth 4×4", "metric": "testLoss", "at": "best""#,
                #""combine": "ratio", "measured": {"group": "depth 4×4", "metric": "testLoss", "at": "best""#,
                ["checks[4].combine", "goes with versus"]
            ),
            (
                #""group": "depth 4×4", "metric": "testLoss", "at": "best", "over": "mean"}"#,
                #""group": "depth 4×4", "metric": "testLoss", "at": "best", "over": "mean", "scal": 2}"#,
                ["unknown field checks[4].measured.scal"]
            ),
            (
                #""trials": {"full": 5, "quick": 2},"#, #""trials": {"full": "five", "quick": 2},"#,
                ["bad.json", "groups[0].trials.full"]
            ),
            (
                #""kind": "absolute", "amount": 3"#, #""kind": "absolute""#,
                ["checks[0].tolerance.amount", "kind absolute needs it"]
            ),
            (#""kind": "bands""#, #""kind": "violin""#, ["items[1].figure.kind", "\"violin\" is not one of"]),
            (
                #""group": "width 1×64""#, #""group": "width 1×65""#,
                ["checks[0].measured.group", "\"width 1×65\"", "width 1×4"]
            ),
            (#""item": "Fig. 2""#, #""item": "Fig. 9""#, ["checks[", "\"Fig. 9\" is not an item"]),
            (#""row": "width 1×64""#, #""row": "wide""#, ["checks[0].paper.row", "\"wide\""]),
            (
                #""learningRate": 0.01}}"#, #""learningRate": 0.01, "momentum": 0.9}}"#,
                ["the recipe of width 1×4", "training.optimizer (adam)", "unknown setting \"momentum\""]
            ),
            (
                #""field": "model.hidden""#, #""field": "model.hiden""#,
                ["groups[0].recipe (width 1×4)", "unknown field model.hiden"]
            ),
            (#""id": "depth-width""#, #""id": "003""#, ["field id", "built-in report"]),
            (
                #""kind": "absolute", "amount": 3"#, #""kind": "shape", "reason": "looks right""#,
                ["checks[0].tolerance.kind", "built-in report's code"]
            ),
            (
                #""kind": "absolute", "amount": 3"#, #""kind": "range", "low": 99, "high": 90"#,
                ["checks[0].tolerance.low", "expected low ≤ high"]
            ),
            (
                #"{"label": "1×4", "value": [4], "x": 4}"#, #"{"label": "1×4", "set": {"model.hidden": [4]}, "x": 4}"#,
                ["groups[0].grid[0].values[0]", "an axis with a field takes \"value\""]
            ),
            (
                #""id": "Fig. 1", "description""#, #""id": "Fig. 1", "hook": "001.scheduler", "description""#,
                ["items[1].hook", "no hook \"001.scheduler\"", "a spec file has none"]
            ),
            (
                #""trials": {"full": 5, "quick": 2},"#,
                #""trials": {"full": 5, "quick": 2}, "recording": {"evaluateTrainingSett": true},"#,
                ["unknown field groups[0].recording.evaluateTrainingSett"]
            ),
            (
                #""trials": {"full": 5, "quick": 2},"#, #""trials": {"full": 5, "quick": 2}, "runner": "mlp","#,
                ["groups[0].runner", "only a built-in report chooses its runner"]
            ),
            (
                #"{"field": "model.hidden", "values": ["#, #"{"field": "model.hidden", "quick": ["1×8"], "values": ["#,
                ["groups[0].grid[0].quick", "\"1×8\" is not a value's label", "1×4, 1×16, 1×64"]
            ),
            (
                #""id": "Fig. 1", "description""#, #""id": "Text-1", "description""#,
                ["items[1].id", "\"Text-1\" is not \"Table N\" or \"Fig. N\""]
            ),
            (
                #"the band is ±1 std.""#, #"the band is ±1 std after {{epochs}} epochs.""#,
                ["field items[1]", "{{epochs}} is filled by a built-in report's hook"]
            ),
            (#""paper": ["#, #""findings": [], "paper": ["#, ["field findings", "a built-in report's findings hook"]),
            (
                #""paper": ["#, #""experiments": [], "paper": ["#,
                ["field experiments", "a built-in report's findings hook"]
            ),
            (
                #""amount": 3, "unit": "pp"}}"#, #""amount": 3, "unit": "pp"}, "hook": "mine"}"#,
                ["checks[0].hook", "only a built-in report's Swift measures"]
            ),
            (
                #""id": "Fig. 1", "description""#, #""id": "Fig. 1", "markdown": "| a |\n| --- |", "description""#,
                ["items[1].markdown", "a fixed table needs a table's id"]
            ),
            (#""kind": "bands""#, #""kind": "panels""#, ["items[1].figure", "kind panels needs panels"]),
            (
                #""kind": "bands""#, #""kind": "bands", "width": 900"#,
                ["items[1].figure.width", "belongs to kind panels and architecture"]
            ),
            (
                #""kind": "sweep", "groups": ["width"]"#,
                #""kind": "bars", "groups": ["width"], "categories": ["a", "b"], "series": [{"label": "s", "bars": {"a": "width 1×4"}}]"#,
                ["items[2].figure.series[0].bars", "expected one variant for each of [\"a\", \"b\"]"]
            ),
            (
                #""kind": "bands""#, #""kind": "architecture", "titles": {"width 1×4": "narrow"}"#,
                ["items[1].figure.inputShape", "an architecture needs its input's shape"]
            ),
            (
                #""kind": "bands""#, #""kind": "panels", "panels": [{"series": [{"metric": "windowLos"}]}]"#,
                ["items[1].figure.panels[0].series[0].metric", "\"windowLos\" is not one of"]
            ),
            (
                #""kind": "bands""#,
                #""kind": "panels", "panels": [{"series": [{"metric": "testLoss", "groups": ["wide"]}]}]"#,
                ["items[1].figure.panels[0].series[0].groups", "\"wide\" is neither a group nor a variant"]
            ),
            (
                #""kind": "bands""#,
                #""kind": "panels", "rowsPerPart": 2, "panels": [{"series": [{"metric": "testLoss"}]}]"#,
                ["items[1].figure.rowsPerPart", "it needs rowPerVariant true"]
            ),
        ]
        let folder = try scratch("bad-specs")
        for (old, new, fragments) in cases {
            XCTAssertTrue(text.contains(old), old)
            let file = folder.appendingPathComponent("bad.json")
            try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
            XCTAssertThrowsError(
                try RunCommand.parse([file.path, "--quick", "--out", folder.path]).run(registry: .standard)
            ) {
                let message = "\($0)"
                for fragment in fragments { XCTAssertTrue(message.contains(fragment), "\(fragment) not in \(message)") }
            }
        }
    }

    /// A user's spec draws a panels figure: one line per variant and series, with bands over the trials.
    func testAUsersPanelsFigureDrawsEachVariantsSeries() throws {
        let text = try String(contentsOf: example.appendingPathComponent("report.json"), encoding: .utf8)
        let panels = #"""
            "kind": "panels", "groups": ["width 1×4", "width 1×64", "depth 4×4"], "width": 1000, "height": 400, "panels": [
              {"title": "loss", "logY": true, "series": [{"metric": "trainLoss", "bands": true, "label": "{{label}} train"}]},
              {"title": "error", "series": [{"metric": "testAccuracy", "complement": true, "scale": 100, "label": ""}]},
              {"title": "first trial", "series": [{"metric": "testLoss", "trial": 0, "groups": ["width 1×4"]}]}]
            """#
        let changed = text.replacingOccurrences(of: Self.exampleFigure1, with: panels + "}")
        XCTAssertNotEqual(changed, text)
        let report = try runQuick(changed, "spec-panels")
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("fig-1.png").path))
        let numbers = try XCTUnwrap(try figureNumbers(report, "fig-1") as? [String: Any])
        let loss = try XCTUnwrap(numbers["loss"] as? [String: Any])
        XCTAssertEqual(Set(loss.keys), ["1×4 train", "1×64 train", "4×4 train"], "a line per variant of the figure")
        let error = try XCTUnwrap(numbers["error"] as? [String: Any])
        let line = try XCTUnwrap(error["width 1×4 testAccuracy"] as? [String: Any])
        let mean = try XCTUnwrap(line["mean"] as? [Double])
        XCTAssertEqual(mean.count, 4, "quick mode's four epochs")
        XCTAssertTrue(mean.allSatisfy { (0...100).contains($0) }, "error rates in %: \(mean)")
        let runs = try String(contentsOf: report.appendingPathComponent("runs.csv"), encoding: .utf8)
            .split(separator: "\n")
        XCTAssertTrue(runs.contains { $0.hasPrefix("depth-width width 1×4 trial 1,") }, "the group has a second trial")
        let trial0 = try XCTUnwrap(runs.first { $0.hasPrefix("depth-width width 1×4 trial 0,") })
        let finalTestLoss = try XCTUnwrap(Double(trial0.split(separator: ",")[8]))
        let first = try XCTUnwrap((numbers["first trial"] as? [String: Any])?["width 1×4"] as? [String: Any])
        let losses = try XCTUnwrap(first["mean"] as? [Double])
        XCTAssertEqual(losses.count, 4)
        XCTAssertEqual(losses.last ?? .nan, finalTestLoss, accuracy: 5e-5, "trial 0's own final test loss")
    }

    /// Writes `text` as a spec file in a fresh folder named `name`, runs it in quick mode and
    /// returns the folder of its report.
    func runQuick(_ text: String, _ name: String) throws -> URL {
        let folder = try scratch(name)
        let file = folder.appendingPathComponent("\(name).json")
        try Data(text.utf8).write(to: file)
        let out = folder.appendingPathComponent("out")
        try RunCommand.parse([file.path, "--quick", "--out", out.path]).run(registry: .standard)
        return out.appendingPathComponent("depth-width")
    }

    /// The numbers a report wrote beside its figure `figure` ("fig-1").
    func figureNumbers(_ report: URL, _ figure: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("\(figure).json")))
    }

    /// Without MNIST, report 003 still draws the figure that needs no runs (Fig. 1, the model's
    /// architecture) and leaves out the ones whose every run is missing.
    func testAFigureOfMissingDataIsLeftOutAndAnArchitectureIsNot() throws {
        let folder = try scratch("offline-003")
        let out = folder.appendingPathComponent("out")
        try RunCommand.parse([
            "003", "--quick", "--offline", "--data-dir", folder.appendingPathComponent("no-data").path, "--out",
            out.path,
        ]).run(registry: .standard)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("003").path)
        XCTAssertTrue(files.contains("fig-1.png"), "\(files.sorted())")
        XCTAssertFalse(files.contains { $0.hasPrefix("fig-2") || $0.hasPrefix("fig-4") }, "\(files.sorted())")
        XCTAssertFalse(files.contains("table-11.md"))
        let checks = try ReportChecks.load(from: out.appendingPathComponent("003")).checks
        let table11 = checks.filter { $0.item == "Table 11" }
        XCTAssertFalse(table11.isEmpty)
        XCTAssertTrue(table11.allSatisfy { $0.verdict == .notRun }, "its checks say not run")
    }

    /// The example's Fig. 1 as its file states it.
    static let exampleFigure1 = #"""
        "kind": "bands", "groups": ["width 1×4", "width 1×64", "depth 4×4"], "metric": "testAccuracy",
                         "yLabel": "test accuracy"}
        """#.trimmingCharacters(in: .whitespaces)

    /// A user's spec draws its models' architectures, with their listings in the caption.
    func testAUsersArchitectureFigureDrawsEachModelAndListsIt() throws {
        let text = try String(contentsOf: example.appendingPathComponent("report.json"), encoding: .utf8)
        let changed = text.replacingOccurrences(
            of: Self.exampleFigure1,
            with:
                #""kind": "architecture", "groups": ["width 1×4", "depth 4×4"], "inputShape": [2], "classes": 2, "titles": {"depth 4×4": "deep"}}"#
        ).replacingOccurrences(of: "the band is ±1 std.", with: "the band is ±1 std.{{listings}}")
        XCTAssertEqual(changed.components(separatedBy: "{{listings}}").count, 2)
        XCTAssertTrue(changed.contains("architecture"))
        let report = try runQuick(changed, "spec-architecture")
        let numbers = try XCTUnwrap(try figureNumbers(report, "fig-1") as? [String: [[String: Any]]])
        XCTAssertEqual(numbers["width 1×4"]?.map { $0["type"] as? String }, ["Linear", "ReLU", "Linear"])
        XCTAssertEqual(numbers["depth 4×4"]?.count, 9, "four Linear + activation pairs and the output layer")
        let readme = try String(contentsOf: report.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("deep:\n\n```"), "the listing of depth 4×4 under its title")
    }

    /// An axis's quick values limit quick mode's runs, table rows and checks; a check whose
    /// variants' data is missing says "not run" and why.
    func testQuickValuesAndMissingDataShapeTheChecks() throws {
        let text = try String(contentsOf: example.appendingPathComponent("report.json"), encoding: .utf8)
        let folder = try scratch("spec-modes")
        let changed = text.replacingOccurrences(
            of: #"{"field": "model.hidden", "values": [\#n          {"label": "1×4""#,
            with: #"{"field": "model.hidden", "quick": ["1×4", "1×16"], "values": [\#n          {"label": "1×4""#
        ).replacingOccurrences(
            of: #""recipe": {\#n        "dataset": {"name": "disk", "trainCount": 1000, "testCount": 1000},\#n"#
                + #"        "model": {"hidden": [4, 4]"#,
            with: #""recipe": {\#n        "dataset": {"name": "mnist"},\#n        "model": {"hidden": [4, 4]"#)
        XCTAssertNotEqual(changed, text)
        let file = folder.appendingPathComponent("modes.json")
        try Data(changed.utf8).write(to: file)
        let out = folder.appendingPathComponent("out")
        try RunCommand.parse([
            file.path, "--quick", "--offline", "--data-dir", folder.appendingPathComponent("no-data").path, "--out",
            out.path,
        ]).run(registry: .standard)
        let report = out.appendingPathComponent("depth-width")
        let checks = try ReportChecks.load(from: report).checks
        XCTAssertFalse(checks.contains { $0.quantity.contains("1×64") }, "width 1×64 is a full-mode value")
        let rises = try XCTUnwrap(checks.first { $0.quantity == "accuracy rises with the width" })
        XCTAssertTrue(rises.tolerance.hasPrefix("ORDER: width 1×4 < width 1×16 (quick: "), "the widths quick mode runs")
        let widest = try XCTUnwrap(checks.first { $0.quantity == "the most accurate width" })
        XCTAssertTrue(widest.reproduced.hasPrefix("width 1×4 (") || widest.reproduced.hasPrefix("width 1×16 ("))
        XCTAssertEqual(checks.first { $0.quantity.contains("1×16") }?.verdict, .soft)
        let missing = try XCTUnwrap(checks.first { $0.quantity == "at 4 units a layer, depth loses to width" })
        XCTAssertEqual(missing.verdict, .notRun)
        XCTAssertTrue(missing.tolerance.contains("mnist is missing"), missing.tolerance)
        let csv = try String(contentsOf: report.appendingPathComponent("runs.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 1 + 2 * 2, "two width values, two trials, no depth run")
        let table = try String(contentsOf: report.appendingPathComponent("table-1.md"), encoding: .utf8)
        XCTAssertFalse(table.contains("width 1×64"))
    }

    func testPipesInACellAreEscapedSoTheTableKeepsItsColumns() {
        XCTAssertEqual(
            markdownTable(["quantity", "ours"], [["|MSE − CE|", "0.06 (|2.43 − 2.49|)"]]),
            "| quantity | ours |\n| --- | --- |\n| \\|MSE − CE\\| | 0.06 (\\|2.43 − 2.49\\|) |")
    }

    /// One line per kind: measured, paper, tolerance, verdict.
    func testTypedTolerancesGiveTheirVerdictsAndTheirText() {
        func tolerance(_ kind: ToleranceKind, _ configure: (inout ToleranceSpec) -> Void = { _ in }) -> ToleranceSpec {
            var spec = ToleranceSpec(kind: kind)
            configure(&spec)
            return spec
        }
        let cases: [(ToleranceSpec, Double, Double, Bool, String)] = [
            (tolerance(.absolute) { ($0.amount, $0.unit) = (0.5, "pp") }, 97.4, 97.0, true, "±0.5 pp"),
            (tolerance(.absolute) { $0.amount = 0.5 }, 96.4, 97.0, false, "±0.5"),
            (tolerance(.relative) { $0.percent = 25 }, 0.06, 0.05, true, "±25 %"),
            (tolerance(.relative) { $0.percent = 25 }, 0.07, 0.05, false, "±25 %"),
            (tolerance(.ratio) { $0.factor = 4 }, 0.2, 0.05, true, "within ×4"),
            (tolerance(.ratio) { $0.factor = 4 }, 0.0124, 0.05, false, "within ×4"),
            (tolerance(.atLeast) { $0.bound = 90 }, 90, 95, true, "≥ 90"),
            (tolerance(.atLeast), 94, 95, false, "≥ the paper's value"),
            (tolerance(.atMost) { $0.bound = 0.2 }, 0.25, 0, false, "≤ 0.2"),
            (tolerance(.range) { ($0.low, $0.high) = (12000, 25000) }, 17180, 0, true, "in [12000, 25000]"),
            (tolerance(.range) { ($0.low, $0.high) = (12000, 25000) }, 25001, 0, false, "in [12000, 25000]"),
            (tolerance(.exact), 3, 3, true, "EXACT"),
        ]
        for (spec, measured, paper, holds, text) in cases {
            XCTAssertEqual(spec.holds(measured: measured, paper: paper), holds, text)
            XCTAssertEqual(spec.display, text)
        }
        let ordering = tolerance(.ordering) { ($0.groups, $0.direction) = (["a", "b", "c"], .increasing) }
        XCTAssertTrue(ordering.holds(ordered: [1, 2, 3]))
        XCTAssertFalse(ordering.holds(ordered: [1, 3, 2]))
        XCTAssertEqual(ordering.display, "ORDER: a < b < c")
        XCTAssertNil(tolerance(.soft) { $0.reason = "why" }.holds(measured: 1, paper: 1))
        XCTAssertNil(ToleranceSpec.shape("every seed").holds(measured: 1, paper: 1), "a shape is judged by its report")
        XCTAssertEqual(ToleranceSpec.shape("every seed").display, "SHAPE: every seed")
        XCTAssertEqual(ToleranceSpec.absolute(0.5, unit: "pp").delta(measured: 97.2, paper: 97), "+0.2")
        XCTAssertEqual(ToleranceSpec.relative(percent: 25).delta(measured: 0.06, paper: 0.05), "+20.0 %")
        XCTAssertEqual(ToleranceSpec.ratio(4).delta(measured: 0.2, paper: 0.05), "×4")
    }

    func testCompareUsesTheTypedToleranceOfRowsThatCarryNumbers() {
        func check(_ reproduced: Double, _ verdict: Verdict) -> Check {
            Check(
                item: "Table 1", quantity: "width 1×64 test accuracy (%)", paper: "97",
                reproduced: specNumber(reproduced), delta: "", tolerance: "±3 pp", verdict: verdict,
                numbers: CheckNumbers(
                    paper: 97, reproduced: reproduced, tolerance: ToleranceSpec(kind: .absolute, amount: 3, unit: "pp"))
            )
        }
        func report(_ checks: [Check]) -> ReportChecks {
            ReportChecks(prefix: "depth-width", title: "t", mode: .full, components: [:], checks: checks)
        }
        let moved = ReportComparison([report([check(96.5, .pass)])], [report([check(99.9, .pass)])])
        XCTAssertEqual(moved.movedNumbers.count, 1, "96.5 → 99.9 moved 3.4 > 3, the verdict held")
        XCTAssertEqual(moved.movedNumbers[0].difference, 3.4, accuracy: 1e-9)
        XCTAssertEqual(moved.movedNumbers[0].allowed, 3)
        let within = ReportComparison([report([check(96.5, .pass)])], [report([check(98.5, .pass)])])
        XCTAssertTrue(within.movedNumbers.isEmpty)
        let changed = ReportComparison([report([check(96.5, .pass)])], [report([check(93, .fail)])])
        XCTAssertEqual(changed.verdictChanges.count, 1)
    }

    /// A table that shows no runs (a grading scale, a parameter table) is the spec's own Markdown.
    func testAFixedMarkdownTableIsWrittenAsItIs() throws {
        let text = try String(contentsOf: example.appendingPathComponent("report.json"), encoding: .utf8)
        let fixed = #"""
            {"id": "Table 2", "description": "grading scale", "data": "none", "title": "How the study is graded",
             "markdown": "| verdict | points |\n| --- | --- |\n| pass | 2 |", "caption": "From the assignment sheet."},
            """#
        let folder = try scratch("spec-markdown")
        let file = folder.appendingPathComponent("fixed.json")
        try Data(text.replacingOccurrences(of: #""items": ["#, with: "\"items\": [\n    " + fixed).utf8).write(to: file)
        let out = folder.appendingPathComponent("out")
        try RunCommand.parse([file.path, "--quick", "--out", out.path]).run(registry: .standard)
        let table = try String(
            contentsOf: out.appendingPathComponent("depth-width/table-2.md"), encoding: .utf8)
        XCTAssertTrue(table.hasPrefix("## Table 2: How the study is graded\n"), table)
        XCTAssertTrue(
            table.contains("| verdict | points |\n| --- | --- |\n| pass | 2 |\n\nFrom the assignment sheet.\n"), table)
    }

    func testListTakesASpecFolder() throws {
        XCTAssertNoThrow(try ListCommand.parse([example.path, "--quick"]).run(registry: .standard))
        XCTAssertThrowsError(try ListCommand.parse(["no/such/folder"]).run(registry: .standard)) {
            XCTAssertTrue("\($0)".contains("no/such/folder: no such file or folder"), "\($0)")
        }
    }
}

/// Report 001 as a spec file with Swift hooks keeps the runs it had as Swift.
final class BuiltInSpecReportTests: XCTestCase {
    private let report001 = allReports.first { $0.prefix == "001" }!

    private func context(_ mode: Mode) -> ReproductionContext {
        ReproductionContext(
            mode: mode, seed: 2024, trials: nil, data: DataStore(dataDirectory: "no-data-here", registry: .standard),
            registry: .standard)
    }

    /// The committed full run's runs.csv lists every run by label and cache hash: the reports that
    /// became spec files keep every run (and so every cached result) of their Swift versions.
    /// Reports 003's and 004's MNIST runs need the data (as BACKPROP_DATA gives it; CI has it).
    func testBuiltInSpecsHaveTheCacheKeysOfTheCommittedFullRun() throws {
        let mnist = DataDirectory.resolve()
        var reports = [("000", 40, "no-data-here"), ("001", 94, "no-data-here"), ("002", 10, "no-data-here")]
        if MNIST.isAvailable(dataDirectory: mnist) { reports += [("003", 53, mnist), ("004", 50, mnist)] }
        for (id, count, data) in reports {
            let runs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Reports/\(id)/runs.csv")
            let rows = try String(contentsOf: runs, encoding: .utf8).split(separator: "\n").dropFirst()
            let committed = rows.map { row -> String in
                // A label with a comma is quoted ("… | finding: 50,000 training images").
                let (label, rest) =
                    row.hasPrefix("\"")
                    ? (row.dropFirst().prefix { $0 != "\"" }, row.dropFirst().drop { $0 != "\"" }.dropFirst(2))
                    : (row.prefix { $0 != "," }, row.drop { $0 != "," }.dropFirst())
                return "\(label) \(rest.split(separator: ",", omittingEmptySubsequences: false)[1])"
            }
            let report = try XCTUnwrap(allReports.first { $0.prefix == id } as? SpecReport, id)
            let context = ReproductionContext(
                mode: .full, seed: 2024, trials: nil, data: DataStore(dataDirectory: data, registry: .standard),
                registry: .standard)
            let requests = context.requests(of: report)
            XCTAssertEqual(requests.map { "\($0.label) \($0.hash)" }, committed, id)
            XCTAssertEqual(requests.count, count, id)
        }
    }

    /// Quick mode runs the sweeps' quick values only, and no finding's experiment.
    func testReport003sQuickRunsAreTheSweepsQuickValues() throws {
        let mnist = DataDirectory.resolve()
        guard MNIST.isAvailable(dataDirectory: mnist) else { throw XCTSkip("MNIST not found under \(mnist)") }
        let report = try XCTUnwrap(allReports.first { $0.prefix == "003" })
        let context = ReproductionContext(
            mode: .quick, seed: 2024, trials: nil, data: DataStore(dataDirectory: mnist, registry: .standard),
            registry: .standard)
        let requests = context.requests(of: report)
        let labels = requests.map(\.label)
        XCTAssertEqual(labels.count, 11 + 3 * 3, "the baseline is in all four groups")
        XCTAssertEqual(Set(labels).count, 11 + 3 * 2)
        XCTAssertTrue(labels.contains("003 2-layer + Relu + SCE lr 0.01 m 0.5 B 100"))
        XCTAssertFalse(labels.contains("003 2-layer + Relu + SCE lr 1.0 m 0.9 B 100"), "a full-mode value")
        XCTAssertEqual(Set(requests.map(\.training.epochs)), [3])
    }

    func testReport001sQuickRunsAndItems() {
        let requests = context(.quick).requests(of: report001)
        XCTAssertEqual(requests.count, 31, "fig1 1, scheduler 3, grid 9 × 3 trials")
        XCTAssertEqual(Set(requests.map(\.training.epochs)), [50])
        let dropout = requests.filter { $0.recording.evaluateTestInTrainingMode }
        XCTAssertEqual(
            dropout.map(\.label), ["001 scheduler relu/pytorch-default/cross-entropy/adam/plateau/dropout 0.1 trial 0"])
        XCTAssertEqual(
            Set(requests.filter { $0.label.hasPrefix("001 scheduler") }.map(\.seed)).count, 1, "one seed name")
        XCTAssertEqual(
            report001.items.map(\.id),
            ["001 Fig. 1", "001 Table 1", "001 Table 2", "001 Fig. 2", "001 Fig. 3", "001 Fig. 4", "001 Fig. 5"])
    }
}
