import Foundation

/// The built-in reports that are spec files (`Apps/Harness/ReportSpecs`, shipped as the harness's
/// resources), each with its Swift hooks.
enum BuiltInSpecs {
    /// The report of `ReportSpecs/<id>.json`. A missing or invalid built-in spec is a defect of the
    /// package, not of the user's input, and stops the program with the loader's message.
    static func report(_ id: String, hooks: [String: ReportHook]) -> SpecReport {
        guard let path = Bundle.module.path(forResource: id, ofType: "json", inDirectory: "ReportSpecs") else {
            preconditionFailure("the harness's resources hold no ReportSpecs/\(id).json")
        }
        do {
            return try SpecReportLoader.load(file: path, registry: nil, hooks: hooks)
        } catch {
            fatalError("the built-in report spec \(id).json is invalid: \(error)")
        }
    }
}
