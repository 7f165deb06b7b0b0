import ArgumentParser
import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// A failed run is never a result (issue 15): `reproduce run` exits non-zero and runs.csv says
/// "failed" with the error. Here the "MNIST" folder holds a tiny set of another dataset, which the
/// checksum check refuses, as it refuses Fashion-MNIST.
final class FailedRunTests: XCTestCase {
    func testRunsOnDataThatIsNotMNISTFailAndTheCommandExitsNonZero() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("failed-runs-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let mnist = root.appendingPathComponent("data/mnist")
        try FileManager.default.createDirectory(at: mnist, withIntermediateDirectories: true)
        for (prefix, count) in [("train", 20), ("t10k", 10)] {
            let images = IDXFile.encode(
                magic: IDXFile.imageMagic, dimensions: [count, 28, 28],
                values: [UInt8](repeating: 7, count: count * 784))
            let labels = IDXFile.encode(
                magic: IDXFile.labelMagic, dimensions: [count], values: (0..<count).map { UInt8($0 % 10) })
            try Data(images).write(to: mnist.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
            try Data(labels).write(to: mnist.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
        let out = root.appendingPathComponent("out")
        let command = try RunCommand.parse([
            "003 Table 12", "--quick", "--data-dir", root.appendingPathComponent("data").path, "--out", out.path,
        ])
        XCTAssertThrowsError(try command.run(registry: .standard)) { error in
            XCTAssertEqual((error as? ExitCode)?.rawValue, 1, "\(error)")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("003/runs.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst()
        XCTAssertFalse(rows.isEmpty)
        for row in rows where row.contains("MSE") || row.contains("SCE") {
            XCTAssertTrue(
                row.contains("failed: <data dir>/mnist/") && row.contains("SHA-256")
                    && row.contains("train-images-idx3-ubyte"), String(row))
            XCTAssertFalse(row.contains(root.path), "no machine path in runs.csv")
        }
        // Every check fed by the failed runs is "not run"; only the architecture tables, which need no run, keep a verdict.
        let checks = try ReportChecks.load(from: out.appendingPathComponent("003")).checks
        let fed = checks.filter {
            ["Table 11", "Table 12", "Table 13", "Table 14", "Fig. 3"].contains($0.item)
                && !$0.tolerance.hasPrefix("SOFT") && !$0.tolerance.hasPrefix("N/C")
        }
        XCTAssertFalse(fed.isEmpty)
        XCTAssertEqual(Set(fed.map(\.verdict)), [.notRun], "\(fed.filter { $0.verdict != .notRun }.map(\.quantity))")
        XCTAssertTrue(
            checks.filter { $0.item == "Table 1" }.allSatisfy { $0.verdict != .notRun },
            "a check that needs no run keeps its verdict")
        let table = try String(contentsOf: out.appendingPathComponent("003/table-12.md"), encoding: .utf8)
        XCTAssertTrue(table.contains("_Incomplete: runs of this report failed or were not run"), table)
        XCTAssertTrue(
            table.contains("| no result |") && !table.contains("| nan |"),
            "a failed run's cells never read as a divergence")
    }
}
