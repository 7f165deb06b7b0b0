import Backprop
import Foundation

/// What every report reproduction shares: mode, base seed, trial override, data and registry.
struct ReproductionContext {
    let mode: Mode
    let seed: UInt64
    /// Overrides the trials per configuration (`--trials`).
    let trials: Int?
    let data: DataStore
    /// Where every component comes from; a user's entries change the runs that use them.
    let registry: ComponentRegistry
    /// Runs that failed in this invocation, by request hash, with their errors (shown in runs.csv).
    var failedRuns: [String: String] = [:]

    /// The runs of `report`, each carrying the user's components it uses (part of its cache key).
    func requests(of report: any ReportReproduction) -> [RunRequest] {
        report.requests(self).map { $0.stamped(with: registry) }
    }

    /// The user's components that `report`'s runs use.
    func replacements(of report: any ReportReproduction) -> [ComponentSlot: String] {
        report.requests(self).reduce(into: [:]) { all, request in
            all.merge(registry.replacements(usedBy: request) ?? [:]) { first, _ in first }
        }
    }

    func trials(full: Int, quick: Int) -> Int { trials ?? (mode == .full ? full : quick) }
    func value<T>(full: T, quick: T) -> T { mode == .full ? full : quick }
    func seed(_ experiment: String, trial: Int) -> UInt64 {
        derivedSeed(base: seed, experiment: experiment, trial: trial)
    }
}

/// One seed report: the runs it needs and how its tables and figures are built from them.
protocol ReportReproduction: Sendable {
    var prefix: String { get }
    var title: String { get }
    /// Every table and figure, in the report's order: id, one-line description, what data it needs.
    var items: [(id: String, description: String, data: String)] { get }
    func requests(_ context: ReproductionContext) -> [RunRequest]
    func render(_ context: ReproductionContext, results: (RunRequest) -> RunResult?) throws -> ReportDocument
    /// Items whose runs `list` times on random data, because their data is large or may be missing.
    func timedItems(_ context: ReproductionContext) -> [TimedItem]
}

extension ReportReproduction {
    func timedItems(_ context: ReproductionContext) -> [TimedItem] { [] }
}

/// An item's runs with the shape and sizes of the data they train on, for `RunTimeEstimate`.
struct TimedItem {
    let id: String
    let requests: [RunRequest]
    let inputShape: [Int], classes: Int, trainCount: Int, testCount: Int

    /// The shape and full sizes of a stored dataset whose runs `list` times on random data.
    struct StoredShape {
        let inputShape: [Int], classes: Int, trainCount: Int, testCount: Int

        /// CIFAR-10's; nil for a dataset `list` reads as it is.
        init?(_ dataset: String) {
            guard dataset == "cifar10" else { return nil }
            (inputShape, classes) = (CIFAR10.imageShape, CIFAR10.classCount)
            (trainCount, testCount) = (CIFAR10.trainCount, CIFAR10.testCount)
        }
    }
}

/// Summary statistics over trials.
enum Statistics {
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// Sample variance (n − 1), as the spec's conventions require.
    static func variance(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        return values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)
    }

    static func standardDeviation(_ values: [Double]) -> Double { variance(values).squareRoot() }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Spearman's rank correlation (no ties expected).
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        func ranks(_ v: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: v.count)
            for (rank, index) in v.indices.sorted(by: { v[$0] < v[$1] }).enumerated() { r[index] = Double(rank) }
            return r
        }
        let rx = ranks(x)
        let ry = ranks(y)
        let mx = mean(rx)
        let my = mean(ry)
        let covariance = zip(rx, ry).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let spread = (rx.map { ($0 - mx) * ($0 - mx) }.reduce(0, +) * ry.map { ($0 - my) * ($0 - my) }.reduce(0, +))
            .squareRoot()
        return spread > 0 ? covariance / spread : 0
    }

    /// Per-index mean and std across equally long series (epochs across trials).
    static func band(_ series: [[Double]]) -> (mean: [Double], std: [Double]) {
        let length = series.map(\.count).min() ?? 0
        let columns = (0..<length).map { i in series.map { $0[i] } }
        return (columns.map(mean), columns.map(standardDeviation))
    }

    /// Per-index mean and mean ± std kept within the range the series span at that index (an error
    /// rate's band stays above 0; a log axis never gets a band reaching down to zero from a few
    /// series far below the mean).
    static func clampedBand(_ series: [[Double]]) -> (mean: [Double], lower: [Double], upper: [Double]) {
        let (mean, std) = band(series)
        let values = mean.indices.map { index in series.compactMap { $0[index].isFinite ? $0[index] : nil } }
        return (
            mean, mean.indices.map { Swift.max(mean[$0] - std[$0], values[$0].min() ?? .nan) },
            mean.indices.map { Swift.min(mean[$0] + std[$0], values[$0].max() ?? .nan) }
        )
    }
}

/// Number formatting for tables.
func formatted(_ value: Double?, _ digits: Int = 2) -> String { ReportDocument.number(value, digits: digits) }

/// "mean ± std" of trial values.
func meanStd(_ values: [Double], _ digits: Int = 2) -> String {
    "\(formatted(Statistics.mean(values), digits)) ± \(formatted(Statistics.standardDeviation(values), digits))"
}

/// A Markdown table from a header and rows.
func markdownTable(_ header: [String], _ rows: [[String]]) -> String {
    ([header, header.map { _ in "---" }] + rows).map { "| " + $0.map(markdownCell).joined(separator: " | ") + " |" }
        .joined(separator: "\n")
}

/// A table cell's text with its pipes escaped (`\|MSE − CE\|`), so Markdown keeps it in one cell.
func markdownCell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
