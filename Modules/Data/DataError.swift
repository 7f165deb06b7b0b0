/// What is wrong with a data file or folder; every case names the file and what was expected.
public enum DataError: Error, CustomStringConvertible, Equatable {
    case missingFiles(directory: String, files: [String], hint: String)
    case unreadable(file: String, reason: String)
    case truncated(file: String, expectedBytes: Int, foundBytes: Int)
    /// A header whose dimensions multiply to more bytes than any file could hold.
    case declaredSizeTooLarge(file: String, dimensions: [Int])
    case badMagic(file: String, found: UInt32, expected: [UInt32])
    case countMismatch(file: String, images: Int, labels: Int)
    case labelOutOfRange(file: String, label: Int, classes: Int)
    case checksumMismatch(file: String, found: String, expected: String, algorithm: String)
    /// A published dataset that could not be fetched: every source tried, and why each failed.
    case downloadFailed(dataset: String, file: String, attempts: [String])
    /// A published dataset that is missing while downloads are turned off.
    case offline(dataset: String, directory: String, files: [String])

    public var description: String {
        switch self {
        case .missingFiles(let directory, let files, let hint):
            return "missing in \(directory): \(files.joined(separator: ", ")). \(hint)"
        case .unreadable(let file, let reason):
            return "\(file): cannot read (\(reason))"
        case .truncated(let file, let expectedBytes, let foundBytes):
            return "\(file): truncated: expected \(expectedBytes) bytes, found \(foundBytes)"
        case .declaredSizeTooLarge(let file, let dimensions):
            return "\(file): corrupt header: dimensions \(dimensions) describe more bytes than any file holds"
        case .badMagic(let file, let found, let expected):
            return
                "\(file): magic number \(found) is not an idx \(expected.map(String.init).joined(separator: " or ")) header"
        case .countMismatch(let file, let images, let labels):
            return "\(file): \(labels) labels for \(images) images; the counts must match"
        case .labelOutOfRange(let file, let label, let classes):
            return "\(file): label \(label) is outside 0..<\(classes)"
        case .checksumMismatch(let file, let found, let expected, let algorithm):
            return "\(file): \(algorithm) \(found) differs from the published \(expected)"
        case .downloadFailed(let dataset, let file, let attempts):
            return "\(dataset): could not download \(file): \(attempts.joined(separator: "; "))"
        case .offline(let dataset, let directory, let files):
            return
                "\(dataset) is missing in \(directory) (\(files.joined(separator: ", "))) and downloads are off (--offline or BACKPROP_OFFLINE=1)"
        }
    }
}
