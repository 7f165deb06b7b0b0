import Foundation
import XCTest

@testable import BackpropHarness

/// `reproduce gallery`: one figure of each kind, each a PNG with its title in a text chunk.
final class GalleryTests: XCTestCase {
    func testOneFigureOfEveryKindIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "backprop-gallery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try Gallery.write(to: folder, pointsPerSeries: 20_000)
        XCTAssertEqual(
            written.map(\.lastPathComponent).sorted(),
            Gallery.figures(pointsPerSeries: 10).map { "\($0.name).png" }.sorted())
        for url in written {
            let bytes = [UInt8](try Data(contentsOf: url))
            XCTAssertEqual(
                Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
                "\(url.lastPathComponent) is a PNG")
            XCTAssertTrue(try ReportPathTests.readableText(of: url).contains("Title"), url.lastPathComponent)
        }
    }
}
