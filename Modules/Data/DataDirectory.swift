import Foundation

/// Where data files are looked for: an explicit folder (`--data-dir`), else `$BACKPROP_DATA`, else `./data`.
public enum DataDirectory {
    public static let environmentVariable = "BACKPROP_DATA"

    public static func resolve(_ explicit: String? = nil) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = ProcessInfo.processInfo.environment[environmentVariable], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "data"
    }
}
