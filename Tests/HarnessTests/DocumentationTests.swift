import Foundation
import XCTest

/// docs/extending.md shows code that runs elsewhere; this keeps the two in step.
final class DocumentationTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// Lines without indentation or blank lines, so a block matches the code it was taken from.
    func normalized(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(
            separator: "\n")
    }

    func testEverySwiftBlockOfTheExtendingGuideIsCodeThatRuns() throws {
        let guide = try String(contentsOf: root.appendingPathComponent("docs/extending.md"), encoding: .utf8)
        let sources = [
            "Tests/TrainingTests/ExtensionTests.swift", "Tests/AutogradTests/OpGradientTests.swift",
            "Tests/TrainingTests/GraphModelTests.swift",
            "Examples/StudentFramework/Sources/StudentComponents/StudentRegistry.swift",
            "Examples/StudentFramework/Sources/student-reproduce/main.swift",
        ]
        let code = try sources.map {
            normalized(try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
        }
        let parts = guide.components(separatedBy: "```swift\n").dropFirst()
        var checked = 0
        for (index, part) in parts.enumerated() {
            let preceding =
                index == 0 ? guide.components(separatedBy: "```swift\n")[0] : parts[parts.startIndex + index - 1]
            if preceding.hasSuffix("-->\n"), preceding.split(separator: "\n").last?.hasPrefix("<!-- sketch") == true {
                continue
            }
            let block = normalized(part.components(separatedBy: "```")[0])
            XCTAssertTrue(
                code.contains { $0.contains(block) },
                "docs/extending.md block \(index + 1) is not in \(sources):\n\(block)")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 11)
        XCTAssertTrue(guide.contains("## Run the reports on your own code"))
    }
}
