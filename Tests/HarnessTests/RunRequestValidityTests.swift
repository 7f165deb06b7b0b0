import Backprop
import Foundation
import XCTest

@testable import BackpropHarness

/// The range checks that turn hostile recipes into errors (issue 15) accept every run the reports
/// make, in both modes, so none of them fails for the checks' sake.
final class RunRequestValidityTests: XCTestCase {
    func testEveryReportRunPassesTheRecipeChecks() throws {
        let registry = ComponentRegistry.standard
        let data = DataStore(dataDirectory: DataDirectory.resolve(nil), registry: registry)
        var checked = 0
        for mode in [Mode.quick, .full] {
            let context = ReproductionContext(mode: mode, seed: 2024, trials: nil, data: data, registry: registry)
            let cifar = Report002.builtIn.variants(named: ["CIFAR"]).flatMap {
                Report002.builtIn.requests($0, context, evenIfMissing: true)
            }
            let requests = allReports.flatMap { context.requests(of: $0) } + cifar
            for request in requests {
                XCTAssertNoThrow(try request.training.validate(source: request.label), request.label)
                XCTAssertNoThrow(try request.dataset.validate(source: request.label), request.label)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    /// Issue 16: a request JSONEncoder refused (a non-finite number) got the empty key, shared by all such runs.
    func testNonFiniteSettingsStillGiveDistinctKeys() throws {
        let context = ReproductionContext(
            mode: .quick, seed: 2024, trials: nil, data: DataStore(dataDirectory: "no-data-here", registry: .standard),
            registry: .standard)
        var request = try XCTUnwrap(allReports.first.flatMap { context.requests(of: $0).first })
        let finite = request.key
        request.training.optimizer.learningRate = .nan
        let nan = request.key
        request.training.optimizer.learningRate = .infinity
        let infinite = request.key
        XCTAssertEqual(Set([finite, nan, infinite]).count, 3)
        XCTAssertTrue(nan.contains("\"learningRate\":\"nan\""), nan)
    }
}
