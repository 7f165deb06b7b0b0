import ArgumentParser

/// `--shard i/n`: this invocation runs the i-th of n shares of the pending runs (1-based on the
/// command line, 0-based in `index`).
struct Shard: ExpressibleByArgument, CustomStringConvertible, Equatable {
    let index: Int, count: Int

    init?(argument: String) { try? self.init(parsing: argument) }

    /// - Throws: `ValidationError` naming the value and the form expected.
    init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let i = parts[0], let n = parts[1], n >= 1, (1...n).contains(i) else {
            throw ValidationError("--shard takes i/n with 1 ≤ i ≤ n, got \(text)")
        }
        (index, count) = (i - 1, n)
    }

    var description: String { "\(index + 1)/\(count)" }
}

/// `--hidden 25,25,25`: hidden layer widths, each positive.
struct LayerWidths: ExpressibleByArgument, CustomStringConvertible, Equatable {
    let values: [Int]

    init(_ values: [Int]) { self.values = values }

    init?(argument: String) { try? self.init(parsing: argument) }

    /// "25,,25" is an error rather than [25, 25].
    /// - Throws: `ValidationError` naming the entry that is not a positive width.
    init(parsing text: String) throws {
        values = try text.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            guard let width = Int(entry.trimmingCharacters(in: .whitespaces)), width > 0 else {
                throw ValidationError("--hidden: \"\(entry)\" is not a positive width")
            }
            return width
        }
    }

    var description: String { values.map(String.init).joined(separator: ",") }
    var defaultValueDescription: String { description }
}
