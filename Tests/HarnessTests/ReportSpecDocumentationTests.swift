import Foundation
import XCTest

@testable import BackpropHarness

/// docs/reports.md shows the example spec and explains every field; this keeps them in step.
final class ReportSpecDocumentationTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    func testTheGuidesExampleIsTheExampleFileAndEveryFieldIsExplained() throws {
        let guide = try String(contentsOf: root.appendingPathComponent("docs/reports.md"), encoding: .utf8)
        let file = root.appendingPathComponent("docs/examples/reports/depth-width/report.json")
        let example = try String(contentsOf: file, encoding: .utf8)
        let block = try XCTUnwrap(
            guide.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
        XCTAssertEqual(block, example, "docs/reports.md shows docs/examples/reports/depth-width/report.json as it is")
        let report = try XCTUnwrap(SpecReportLoader.load(file.path, registry: .standard).first)
        var fields = Set<String>()
        func collect(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            for child in mirror.children {
                if let label = child.label, mirror.displayStyle == .struct { fields.insert(label) }
                collect(child.value)
            }
        }
        collect(report.spec)
        collect(ToleranceSpec(kind: .ordering))
        collect(
            GridValue(
                label: "", value: 1, set: ["model.hidden": [4]], x: 1,
                recording: RecordingSettings(
                    evaluateEveryEpoch: true, evaluateBeforeTraining: true, evaluateTrainingSet: true,
                    evaluateTestInTrainingMode: true, iterationWindow: 1, rawIterations: 1, evaluationInterval: 1,
                    nonFiniteStops: true, skipsFinalTrainEvaluation: true, recordsParameterSquaredNorm: true),
                seedName: ""))
        collect(GridAxis(field: "", values: [], quick: []))
        collect(
            RunGroupSpec(
                name: "", recipe: .object([:]), trials: FullAndQuick(full: 1, quick: 1), seedName: "", runLabel: ""))
        collect(ItemSpec(id: "", description: "", data: "", hook: "", timedGroups: []))
        collect(ReportSpec(id: "", title: "", source: "", groups: [], items: [], findingsHook: ""))
        collect(
            FigureSpec(
                kind: .panels, groups: [], xLabel: "", yLabel: "", logX: true, logY: true,
                panels: [
                    PanelSpec(
                        title: "", xLabel: "", limitDiverged: true,
                        series: [
                            SeriesSpec(
                                metric: .trainLoss, groups: [], label: "", trial: 0, bands: true, complement: true,
                                scale: 1,
                                window: 1, pointsPerEpoch: 1, upTo: 1, rateReductions: "",
                                style: StyleSpec(color: 1, alpha: 1, width: 1, dash: [], marker: .circle, markerSize: 1)
                            )
                        ])
                ], rowPerVariant: true, rowsPerPart: 1, width: 1, height: 1, inputShape: [1], classes: 1, titles: [:],
                categories: [],
                series: [BarSeriesSpec(label: "", bars: [:])], table: TableSpec(groups: [], columns: [])))
        collect(
            TableSpec(
                groups: [],
                columns: [
                    ColumnSpec(
                        title: "", statistic: StatisticSpec(metric: .trainLoss, at: .final, over: .mean), decimals: 1,
                        paperDecimals: 1)
                ], rowTitle: "",
                rowLabel: "", trials: true))
        collect(
            ExperimentSpec(
                name: "", variant: "", change: "", set: [:], recording: RecordingSettings(evaluateTrainingSet: true),
                trial: 1))
        collect(
            CheckSpec(
                item: "", quantity: "", paper: PaperReference(value: .number(1), scale: 1, shown: ""),
                tolerance: .exact, hook: "",
                versus: StatisticSpec(metric: .trainLoss, at: .final, over: .mean, groups: [], across: .max),
                combine: .ratio, pick: .highest, among: [], rows: []))
        collect(
            FindingSpec(
                id: "", title: "", tests: [FindingTestSpec(hypothesis: "", experiment: "", outcomes: [:])],
                conclusions: ["": ConclusionSpec(kind: .explained, text: "")]))
        for field in fields.subtracting(["recipe", "settings"]).sorted() {
            XCTAssertTrue(
                guide.contains("`\(field)`") || guide.contains(".\(field)`"), "docs/reports.md explains \(field)")
        }
        XCTAssertGreaterThan(fields.count, 30)
        for kind in ToleranceKind.allCases { XCTAssertTrue(guide.contains("`\(kind.rawValue)`"), kind.rawValue) }
        for kind in FigureKind.allCases { XCTAssertTrue(guide.contains("`\(kind.rawValue)`"), kind.rawValue) }
        for kind in ConclusionKind.allCases { XCTAssertTrue(guide.contains("`\(kind.rawValue)`"), kind.rawValue) }
    }
}
