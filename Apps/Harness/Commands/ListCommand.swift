import ArgumentParser
import Backprop
import Foundation

/// `reproduce list`: every table and figure id with what it is, its cost and whether its data is present.
struct ListCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Lists every table and figure with its cost and data.")

    @Argument(
        help: "Report specs to list (a file or a folder, see docs/reports.md); the built-in reports when omitted.")
    var specs: [String] = []

    @OptionGroup var options: ReproductionOptions

    func run(registry: ComponentRegistry) throws {
        let context = options.context(registry: registry, downloads: false)
        let reports =
            specs.isEmpty ? allReports : try specs.flatMap { try SpecReportLoader.load($0, registry: registry) }
        let cache = options.cache
        if !registry.replacements.isEmpty { print("components: \(ComponentRegistry.describe(registry.replacements))") }
        let estimate = RunTimeEstimate(registry: registry)
        let environment = JobRunner.environment
        for report in reports {
            let timed = Dictionary(
                report.timedItems(context).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let requests = context.requests(of: report)
            let cost = requests.map(JobRunner.cost).reduce(0, +)
            let cached = requests.filter { cache.contains($0, under: environment) }.count
            print("\(report.prefix) \(report.title)")
            print(
                "    \(requests.count) runs in \(context.mode.rawValue) mode (\(cached) cached), about \(String(format: "%.1e", cost)) weight-sample passes"
            )
            for item in report.items {
                let present: String
                switch item.data {
                case let data where data.hasPrefix("MNIST"):
                    present = context.data.hasMNIST ? "present" : "missing (reproduce run downloads it)"
                case let data where data.hasPrefix("CIFAR"):
                    present =
                        context.data.missingCIFARFiles.isEmpty ? "present" : "missing (reproduce run downloads it)"
                default: present = "generated"
                }
                print(
                    "    \(item.id.padding(toLength: 14, withPad: " ", startingAt: 0)) \(item.description) [data: \(item.data), \(present)]"
                )
                if let timedItem = timed[item.id] { print("                   \(try describe(timedItem, estimate))") }
            }
        }
    }
}

/// One line with the estimated time of `item`'s runs, one after another, on this machine.
private func describe(_ item: TimedItem, _ estimate: RunTimeEstimate) throws -> String {
    let seconds = try item.requests.map {
        try estimate.seconds(
            of: $0, inputShape: item.inputShape, classes: item.classes, trainCount: item.trainCount,
            testCount: item.testCount)
    }.reduce(0, +)
    let epochs = item.requests.map(\.training.epochs).reduce(0, +)
    let batches = Set(item.requests.map(\.training.batchSize)).sorted().map(String.init).joined(separator: ", ")
    return
        "estimated time: \(Duration.seconds(seconds).formatted(.units(allowed: [.hours, .minutes, .seconds], width: .abbreviated))) "
        + "for \(item.requests.count) runs, \(epochs) epochs of \(item.trainCount.formatted()) images at batch \(batches), one after another "
        + "(timed on \(estimate.calibrationExamples) random images of that shape)"
}

/// `reproduce merge`: combines shard caches into this cache and renders the reports.
struct MergeCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merges shard caches (their --out folders) and renders the reports.")

    @Argument(help: "Output folders of `reproduce run --shard` runs.")
    var folders: [String]

    @Option(
        help:
            "When the shards were computed under different numeric environments: the one to keep, as merge names it (the others' runs are left out)."
    )
    var keepEnvironment: String?

    @OptionGroup var options: ReproductionOptions

    /// Refuses shards (and an existing cache) computed under more than one numeric environment,
    /// naming each, unless `--keep-environment` names the one to keep.
    func checkEnvironments() throws {
        let sources =
            folders.map { ($0, URL(fileURLWithPath: $0).appendingPathComponent(".cache")) } + [
                (options.outputFolder.path, options.cache.folder)
            ]
        var seen: [String: [String]] = [:]
        for (name, folder) in sources {
            for (environment, count) in RunCache.environments(in: folder) {
                seen[environment, default: []].append("\(name) (\(count) runs)")
            }
        }
        if let keepEnvironment {
            guard seen[keepEnvironment] != nil else {
                throw ValidationError(
                    "--keep-environment \"\(keepEnvironment)\" computed none of these runs; they were computed under: \(seen.keys.sorted().joined(separator: "; "))"
                )
            }
            return
        }
        guard seen.count > 1 else { return }
        let list = seen.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: ", "))" }
        throw ValidationError(
            "the runs were computed under \(seen.count) numeric environments, whose results differ in their last bits:\n  "
                + list.joined(separator: "\n  ")
                + "\nmerge the shards of one environment, or keep one with --keep-environment \"<environment>\"")
    }

    func run(registry: ComponentRegistry) throws {
        let start = Date()
        var total = RunCache.MergeCount()
        try checkEnvironments()
        for folder in folders {
            let cache = URL(fileURLWithPath: folder).appendingPathComponent(".cache")
            guard let marker = try? ShardMarker.read(from: URL(fileURLWithPath: folder)) else {
                throw ValidationError(
                    "\(folder): not the --out folder of a `reproduce run --shard` (no \(ShardMarker.fileName))")
            }
            guard marker.mode == options.mode else {
                throw ValidationError(
                    "\(folder): its shard ran in \(marker.mode.rawValue) mode, this merge is in \(options.mode.rawValue) mode"
                )
            }
            let count = try options.cache.merge(from: cache, keeping: keepEnvironment)
            if count.otherEnvironment > 0 {
                print("\(folder): \(count.otherEnvironment) runs of another numeric environment left out")
            }
            for name in count.damaged { print("warning: \(folder): damaged cache entry \(name) skipped") }
            (total.copied, total.replaced, total.damaged) = (
                total.copied + count.copied, total.replaced + count.replaced, total.damaged + count.damaged
            )
        }
        print(
            "merged \(total.copied) runs from \(folders.count) folders (\(total.replaced) damaged entries replaced, \(total.damaged.count) damaged entries skipped)"
        )
        let context = options.context(registry: registry, downloads: false)
        let missing = allReports.flatMap { context.requests(of: $0) }.filter { options.cache.load($0) == nil }
        if !missing.isEmpty {
            print("warning: \(missing.count) runs are still missing; their items are rendered without them")
        }
        try ReportRendering(options: options, context: context).render(
            allReports, runSeconds: Date().timeIntervalSince(start))
    }
}
