import Foundation

/// The scratch file each input is written to (one per process, overwritten every time), for the
/// readers that take a path.
public enum FuzzFile {
    public static func write(_ bytes: Data, name: String) -> String {
        let path = NSTemporaryDirectory() + "backprop-fuzz-\(getpid()).\(name)"
        FileManager.default.createFile(atPath: path, contents: bytes)
        return path
    }
}
