import Foundation
import XCTest

/// Nothing written for others names a folder of the machine it was made on (issue 14): the
/// committed reports name data by dataset, checksum and the relative `--data-dir`, and errors use
/// the placeholder `<data dir>`.
final class ReportPathTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// The absolute paths in `text`: a slash after a line start, a space, a quote, a backtick, "(" or "=", then at least two components.
    func absolutePaths(in text: String) throws -> [String] {
        let pattern = try NSRegularExpression(
            pattern: #"(?:^|[\s`"'(=])(/(?:[A-Za-z0-9._-]+/)+[A-Za-z0-9._-]*)"#, options: [.anchorsMatchLines])
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The text a file shows a reader: the file itself, or a PNG's text chunks (title, software).
    static func readableText(of file: URL) throws -> String {
        let data = try Data(contentsOf: file)
        guard file.pathExtension == "png" else { return String(decoding: data, as: UTF8.self) }
        var chunks: [String] = []
        var offset = 8
        let bytes = [UInt8](data)
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if ["tEXt", "iTXt"].contains(type), offset + 8 + length <= bytes.count {
                chunks.append(String(decoding: bytes[(offset + 8)..<(offset + 8 + length)], as: UTF8.self))
            }
            offset += 12 + length
        }
        return chunks.joined(separator: "\n")
    }

    /// The committed reports: Reports/ without the quick run's folder and the cache, which git ignores.
    func testNoFileUnderReportsHoldsAnAbsolutePath() throws {
        let reports = root.appendingPathComponent("Reports")
        let files = try XCTUnwrap(
            FileManager.default.enumerator(at: reports, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        )
        .compactMap { $0 as? URL }.filter { ["md", "csv", "json", "png"].contains($0.pathExtension) }
        .filter { !$0.path.hasPrefix(reports.appendingPathComponent("quick").path + "/") }
        XCTAssertGreaterThan(files.count, 50, "the committed reports are there")
        for file in files {
            let text = try Self.readableText(of: file)
            XCTAssertFalse(text.contains(root.path), "\(file.lastPathComponent) names this checkout's folder")
            XCTAssertEqual(
                try absolutePaths(in: text), [],
                "\(file.path.replacingOccurrences(of: root.path + "/", with: "")) holds absolute paths")
        }
    }

    func testTheCheckFindsAnAbsolutePath() throws {
        XCTAssertEqual(
            try absolutePaths(in: "data from `/srv/data/mnist` and <data dir>/cifar10/ and x/255"), ["/srv/data/mnist"])
    }
}
