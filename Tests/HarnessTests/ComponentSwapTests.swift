import Backprop
import Foundation
import TestSupport
import XCTest

@testable import BackpropHarness

final class ComponentSwapTests: XCTestCase {
    /// Report 001, a spec file with Swift hooks.
    private let report001 = allReports.first { $0.prefix == "001" }!

    func context(_ registry: ComponentRegistry, mode: Mode = .full) -> ReproductionContext {
        ReproductionContext(
            mode: mode, seed: 2024, trials: nil, data: DataStore(dataDirectory: "no-data-here", registry: registry),
            registry: registry)
    }

    var studentRegistry: ComponentRegistry {
        var registry = ComponentRegistry.standard
        registry.register(optimizer: "sgd", implementation: "StudentSGD") {
            SGD<Float>(parameters: $0, learningRate: try $1.number("learningRate"))
        }
        return registry
    }

    func testASwappedComponentChangesTheCacheKeyOfTheRunsThatUseIt() throws {
        let builtIn = context(.standard).requests(of: report001)
        let swapped = context(studentRegistry).requests(of: report001)
        XCTAssertEqual(builtIn.count, swapped.count)
        var changed = 0
        for (mine, theirs) in zip(builtIn, swapped) {
            XCTAssertNil(mine.components, "built-in runs carry no components, so their keys are the ones always used")
            if mine.training.optimizer.name == "sgd" {
                XCTAssertEqual(theirs.components, ["optimizer sgd": "StudentSGD"])
                XCTAssertNotEqual(mine.hash, theirs.hash, mine.label)
                changed += 1
            } else {
                XCTAssertEqual(
                    mine.hash, theirs.hash, "\(mine.label) does not use SGD, so its cached result stays valid")
            }
        }
        XCTAssertGreaterThan(changed, 0)
        XCTAssertLessThan(changed, builtIn.count)
    }

    func testBuiltInCacheKeysAreTheOnesOfTheCommittedFullRun() throws {
        let reports = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Reports"
        ).standardized
        let fullMode = context(.standard)
        var checked = 0
        for report in allReports {
            let csv = try String(
                contentsOf: reports.appendingPathComponent("\(report.prefix)/runs.csv"), encoding: .utf8)
            let committed = Set(
                csv.split(separator: "\n").dropFirst().map {
                    $0.split(separator: ",", omittingEmptySubsequences: false)[2]
                }.map(String.init))
            for request in fullMode.requests(of: report) {
                XCTAssertTrue(
                    committed.contains(request.hash),
                    "\(request.label): hash \(request.hash) is not in Reports/\(report.prefix)/runs.csv")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testReportsNameTheSwappedSlotsAndWriteTheirChecksAsData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swap-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let swapped = context(studentRegistry, mode: .quick)
        let document = try report001.render(swapped) { _ in nil }
        try document.write(to: folder, settings: "Settings: test.", components: swapped.replacements(of: report001))
        let readme = try String(contentsOf: folder.appendingPathComponent("001/README.md"), encoding: .utf8)
        XCTAssertTrue(
            readme.contains(
                "Components: **swapped** (slot → type): optimizer sgd → StudentSGD; every other slot is built-in."),
            readme)
        let checks = try ReportChecks.load(from: folder.appendingPathComponent("001"))
        XCTAssertEqual(checks.components, ["optimizer sgd": "StudentSGD"])
        XCTAssertEqual(checks.checks.count, document.checks.count)
        XCTAssertEqual(checks.mode, .quick)

        let builtIn = context(.standard, mode: .quick)
        let plain = try report001.render(builtIn) { _ in nil }
        try plain.write(to: folder, settings: "Settings: test.", components: builtIn.replacements(of: report001))
        XCTAssertTrue(
            try String(contentsOf: folder.appendingPathComponent("001/README.md"), encoding: .utf8).contains(
                "Components: built-in."))
    }
}
