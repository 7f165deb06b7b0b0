import ArgumentParser
import Backprop
import Foundation

/// A report's checks as data (`checks.json` beside its README): what `reproduce compare` reads.
struct ReportChecks: Codable {
    static let fileName = "checks.json"

    var prefix: String
    var title: String
    var mode: Mode
    /// The user's components the report's runs used ("optimizer sgd" → "StudentSGD"); empty with built-ins only.
    var components: [String: String]
    var checks: [Check]

    /// How non-finite numbers (a diverged run's loss) are written: as the strings "nan", "inf", "-inf".
    static let nonFinite = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: Self.nonFinite.positiveInfinity, negativeInfinity: Self.nonFinite.negativeInfinity,
            nan: Self.nonFinite.nan)
        return try encoder.encode(self)
    }

    /// The checks of the report in `folder` (a report's own folder, e.g. Reports/001).
    static func load(from folder: URL) throws -> ReportChecks {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ValidationError("\(url.path) is missing: render the report again with this version of reproduce")
        }
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: Self.nonFinite.positiveInfinity, negativeInfinity: Self.nonFinite.negativeInfinity,
                nan: Self.nonFinite.nan)
            return try decoder.decode(ReportChecks.self, from: data)
        } catch {
            throw ValidationError("\(url.path) is not a checks file of reproduce: \(error)")
        }
    }
}
