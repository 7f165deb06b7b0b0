import ArgumentParser
import Backprop
import Foundation

/// Options shared by `run`, `list` and `merge`.
struct ReproductionOptions: ParsableArguments {
    @Flag(
        name: .customLong("full"),
        help: "The reports' own epochs and trials (the spec's compute budget, about an hour).")
    var full = false

    @Flag(
        name: .customLong("quick"),
        help: "Reduced epochs, trials and data: a smoke test, not comparable to the paper (the default).")
    var quick = false

    @Option(help: "Base seed; each run's seed is derived from it, the experiment and the trial.")
    var seed: UInt64 = 2024

    @Option(help: "Trials per configuration, overriding the report's (10) or quick mode's (3).")
    var trials: Int?

    @Option(help: "Data folder holding mnist/ and cifar10/ (default: $BACKPROP_DATA, else ./data).")
    var dataDir: String?

    @Flag(help: "Never download missing data: its items are \"not run\" (also BACKPROP_OFFLINE=1).")
    var offline = false

    @Option(help: "Output folder (default: Reports/ in full mode, Reports/quick/ in quick mode).")
    var out: String?

    mutating func validate() throws {
        if let trials, trials < 1 { throw ValidationError("--trials is \(trials); expected a whole number ≥ 1") }
    }

    /// Creates `--out` and checks that it takes files, before any run is computed.
    func checkOutputFolder() throws {
        let probe = outputFolder.appendingPathComponent(".write-check")
        do {
            try AtomicFile.write(Data(), to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            throw ValidationError("--out: \(error)")
        }
    }

    var mode: Mode { full && !quick ? .full : .quick }
    var outputFolder: URL { URL(fileURLWithPath: out ?? (mode == .full ? "Reports" : "Reports/quick")) }
    var cache: RunCache { RunCache(folder: outputFolder.appendingPathComponent(".cache")) }

    /// The context runs and reports share; `downloads` false keeps missing data missing (`list`, `merge`).
    func context(registry: ComponentRegistry, downloads: Bool = true) -> ReproductionContext {
        let fetcher = DataFetcher.fromEnvironment(offline: offline || !downloads)
        return ReproductionContext(
            mode: mode, seed: seed, trials: trials,
            data: DataStore(dataDirectory: DataDirectory.resolve(dataDir), registry: registry, fetcher: fetcher),
            registry: registry)
    }
}

/// Every report, in order.
let allReports: [any ReportReproduction] = [
    BuiltInSpecs.report("000", hooks: Report000.hooks), BuiltInSpecs.report("001", hooks: Report001Hooks.hooks),
    Report002.builtIn, Report003.builtIn, Report004.builtIn,
]

/// The reports whose prefix or item ids match `ids` (all built-in ones when empty), and the
/// spec reports of every id that is a path (a spec file or a folder of them).
func selectedReports(_ ids: [String], registry: ComponentRegistry? = nil) throws -> [any ReportReproduction] {
    guard !ids.isEmpty else { return allReports }
    let paths = ids.filter(SpecReportLoader.isPath)
    let specs = try paths.flatMap { try SpecReportLoader.load($0, registry: registry) }
    let names = ids.filter { !paths.contains($0) }
    let chosen = allReports.filter { report in
        names.contains { id in id == report.prefix || report.items.contains { $0.id.lowercased() == id.lowercased() } }
    }
    guard !chosen.isEmpty || names.isEmpty else {
        throw ValidationError("no report or item matches \(names.joined(separator: ", ")); see `reproduce list`")
    }
    return chosen + specs
}

/// `reproduce run`: computes what is not cached, then renders every selected report.
struct RunCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Runs the experiments and writes the reports.")

    @Argument(
        help:
            "Report prefixes (000 … 004), item ids (\"003 Table 11\") or report specs (a file or a folder, see docs/reports.md); all built-in reports when omitted."
    )
    var ids: [String] = []

    @OptionGroup var options: ReproductionOptions

    @Option(
        help: "Independent runs in parallel (BLAS always runs one thread per run, so results do not depend on this).")
    var jobs = 1

    @Option(
        help: "Run only shard i of n (\"i/n\", 1-based) and write its cache; combine shards with `reproduce merge`.",
        transform: Shard.init(parsing:))
    var shard: Shard?

    func run(registry: ComponentRegistry) throws {
        let start = Date()
        var context = options.context(registry: registry)
        let reports = try selectedReports(ids, registry: registry)
        let shardPair = shard.map { (index: $0.index, count: $0.count) }
        try options.checkOutputFolder()
        if let shard { try ShardMarker(mode: options.mode, shard: shard.description).write(to: options.outputFolder) }
        let requests = reports.flatMap { context.requests(of: $0) }
        let runner = JobRunner(
            cache: options.cache, executor: RunExecutor(data: context.data, registry: registry), jobs: max(jobs, 1),
            shard: shardPair)
        let summary = runner.run(requests)
        print(
            "runs: \(summary.loaded) loaded from the cache, \(summary.computed) computed, \(summary.recomputedDamaged) damaged entries recomputed, \(summary.failures.count) failed"
        )
        for failure in summary.failures { print("failed: \(failure.label): \(failure.error)") }
        for failure in summary.storeFailures {
            print("warning: \(failure.label): computed but not cached (\(failure.error)); this report still uses it")
        }
        if let shardPair {
            print(
                "shard \(shardPair.index + 1)/\(shardPair.count) done (\(summary.skippedByShard) runs belong to other shards); cache in \(options.cache.folder.path). Combine with `reproduce merge`."
            )
            if !summary.failures.isEmpty { throw ExitCode(1) }
            return
        }
        // Reports are written for others: the data folder appears as a placeholder, not as this machine's path.
        let dataFolder = context.data.dataDirectory
        context.failedRuns = Dictionary(
            summary.failures.map { ($0.hash, $0.error.replacingOccurrences(of: dataFolder, with: "<data dir>")) },
            uniquingKeysWith: { first, _ in first })
        try ReportRendering(options: options, context: context, unstored: summary.unstored).render(
            reports, runSeconds: Date().timeIntervalSince(start))
        // A report with failed runs is not a result: say so and exit non-zero.
        guard summary.failures.isEmpty else {
            print(
                "error: \(summary.failures.count) run\(summary.failures.count == 1 ? "" : "s") failed (listed above and in each report's runs.csv); the reports are incomplete"
            )
            throw ExitCode(1)
        }
    }
}

/// Renders reports from the cache and writes the top-level index.
struct ReportRendering {
    let options: ReproductionOptions
    let context: ReproductionContext
    /// Results of this invocation that could not be cached, by request hash.
    var unstored: [String: RunResult] = [:]

    func render(_ reports: [any ReportReproduction], runSeconds: Double) throws {
        let cache = options.cache
        let unstored = unstored
        let lookUp = { (request: RunRequest) in cache.load(request) ?? unstored[request.hash] }
        var index: [(ReportDocument, Double)] = []
        for report in reports {
            let requests = context.requests(of: report)
            let document = try report.render(context) { lookUp($0.stamped(with: context.registry)) }
            let seconds = requests.compactMap { lookUp($0)?.seconds }.reduce(0, +)
            let environments = requests.map { request in
                cache.entry(request.stamped(with: context.registry)).map { RunCache.name($0.environment) }
                    ?? (unstored[request.hash] != nil ? JobRunner.environment.description : nil)
            }
            try document.write(
                to: options.outputFolder,
                settings: settingsLine(requests.count, environments: environments.compactMap { $0 })
                    + "\n\nTraining time: \(String(format: "%.0f", seconds)) s (sum over its runs).",
                components: context.replacements(of: report))
            try ReportSummary(prefix: report.prefix, verdicts: document.verdictCounts, trainingSeconds: seconds).write(
                to: options.outputFolder)
            index.append((document, seconds))
            print(
                "\(report.prefix): \(requests.count) runs, \(String(format: "%.1f", seconds)) s of training, verdicts \(counts(document))"
            )
        }
        try writeIndex(index)
        print(
            "reports written to \(options.outputFolder.path)/ (open \(options.outputFolder.path)/README.md) in \(String(format: "%.1f", runSeconds)) s"
        )
    }

    private func settingsLine(_ runs: Int, environments: [String]) -> String {
        let counts = environments.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        let computed =
            counts.count <= 1
            ? "computed under \(counts.keys.first ?? JobRunner.environment.description)"
            : "**computed under \(counts.count) numeric environments**, whose results differ in their last bits: "
                + counts.sorted { $0.key < $1.key }.map { "\($0.value) runs under \($0.key)" }.joined(separator: "; ")
        return
            "Settings: base seed \(context.seed) (each run's seed is derived from the base, the experiment and the trial and is listed in runs.csv), \(runs) runs, data from `\(context.data.dataDirectory)`, \(computed)."
    }

    private func counts(_ document: ReportDocument) -> String {
        Verdict.allCases.compactMap { verdict in document.verdictCounts[verdict].map { "\(verdict.rawValue) \($0)" } }
            .joined(separator: ", ")
    }

    /// The index lists every report: those rendered now, and the others as their summary.json last recorded them.
    private func writeIndex(_ documents: [(ReportDocument, Double)]) throws {
        let components = ComponentRegistry.describe(context.registry.replacements)
        var lines = [
            "# Reproduction of the five seed reports", "", context.mode.banner, "",
            context.registry.replacements.isEmpty
                ? "Components: built-in."
                : "Components: **swapped** (slot → type): \(components). Each report lists the ones its runs use.", "",
            "| report | title | pass | fail | soft | n/c | not run | training time (s) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        let others = documents.map(\.0).filter { document in !allReports.contains { $0.prefix == document.prefix } }
        for report in allReports.map({ ($0.prefix, $0.title) }) + others.map({ ($0.prefix, $0.title) }) {
            let counts: [Verdict: Int]
            let seconds: Double
            if let (document, time) = documents.first(where: { $0.0.prefix == report.0 }) {
                (counts, seconds) = (document.verdictCounts, time)
            } else if let recorded = ReportSummary.read(prefix: report.0, from: options.outputFolder) {
                (counts, seconds) = (recorded.verdictCounts, recorded.trainingSeconds)
            } else {
                continue
            }
            lines.append(
                "| [\(report.0)](\(report.0)/README.md) | \(report.1) | \(counts[.pass] ?? 0) | \(counts[.fail] ?? 0) | \(counts[.soft] ?? 0) | \(counts[.notComparable] ?? 0) | \(counts[.notRun] ?? 0) | \(String(format: "%.0f", seconds)) |"
            )
        }
        lines += [
            "",
            "Generated by `swift run -c release reproduce run\(context.mode == .full ? " --full" : " --quick")`. Each report folder holds README.md (every table and figure in order), table-*.md, fig-*.png with fig-*.json, and runs.csv. The contract is `../shared/reproduction-spec.md`; deviations from it are stated next to the item they concern.",
        ]
        try AtomicFile.write(
            Data((lines.joined(separator: "\n") + "\n").utf8),
            to: options.outputFolder.appendingPathComponent("README.md"))
    }
}
