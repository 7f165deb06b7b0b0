import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files so that a reader never sees half of one: temporary file in the same folder, then rename.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try createFolders(folder)
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            // A full disk or a failing device: nothing half-written stays behind.
            try? FileManager.default.removeItem(at: temporary)
            throw FileWriteError(path: url.path, reason: FileWriteError.reason(error))
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw FileWriteError(path: url.path, reason: reason)
        }
    }
}

extension AtomicFile {
    /// `mkdir -p`, with the system's reason when a folder cannot be made (Foundation's error for
    /// that is often a bare "error 512").
    public static func createFolders(_ folder: URL) throws {
        var path = ""
        for component in folder.standardizedFileURL.pathComponents {
            path = path.isEmpty ? component : (path as NSString).appendingPathComponent(component)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw FileWriteError(path: path, reason: "not a folder") }
                continue
            }
            if mkdir(path, 0o755) != 0, errno != EEXIST {
                throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }
}

/// A file that could not be written, with the system's reason.
public struct FileWriteError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String

    public var description: String { "\(path): cannot write (\(reason))" }

    /// The system's own words for a Foundation file error: the underlying POSIX error when there is one.
    public static func reason(_ error: Error) -> String {
        let error = error as NSError
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError) ?? error
        return underlying.domain == NSPOSIXErrorDomain
            ? String(cString: strerror(Int32(underlying.code))) : underlying.localizedDescription
    }
}
