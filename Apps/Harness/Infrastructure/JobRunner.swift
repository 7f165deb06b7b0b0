import Backprop
import Foundation

/// Runs every request that is not cached yet under this numeric environment: in parallel with
/// `jobs` workers (BLAS pinned to one thread, so results do not depend on `jobs`), only this
/// shard's share with `shard`, with progress. A cached result computed under another
/// environment (other BLAS kernels, another machine) is recomputed, never mixed in.
struct JobRunner {
    let cache: RunCache
    let executor: RunExecutor
    let jobs: Int
    /// (index, count): run only requests whose position in the sorted list is ≡ index mod count.
    let shard: (index: Int, count: Int)?

    struct Summary {
        var loaded = 0, computed = 0, recomputedDamaged = 0, skippedByShard = 0
        /// Cached results recomputed because another environment computed them, by that environment's name.
        var otherEnvironments: [String: Int] = [:]
        var failures: [(label: String, hash: String, error: String)] = []
        /// Results computed but not written to the cache (the write failed), by request hash; the reports still use them.
        var unstored: [String: RunResult] = [:]
        var storeFailures: [(label: String, error: String)] = []
    }

    func run(_ requests: [RunRequest]) -> Summary {
        var summary = Summary()
        var unique: [String: RunRequest] = [:]
        for request in requests { unique[request.hash] = request }
        let ordered = unique.values.sorted { $0.hash < $1.hash }
        let environment = Self.environment
        var pending: [RunRequest] = []
        for (position, request) in ordered.enumerated() {
            let cached = cache.entry(request)
            if let cached, cached.environment == environment {
                summary.loaded += 1
            } else if let shard, position % shard.count != shard.index {
                summary.skippedByShard += 1
            } else {
                if let cached { summary.otherEnvironments[RunCache.name(cached.environment), default: 0] += 1 }
                if cache.isDamaged(request) { summary.recomputedDamaged += 1 }
                pending.append(request)
            }
        }
        // Longest first, so the parallel tail is short.
        pending.sort { Self.cost($0) > Self.cost($1) }
        FileHandle.standardError.write(
            Data(
                "runs: \(ordered.count) planned, \(summary.loaded) loaded from the cache, \(pending.count) to compute\(summary.recomputedDamaged > 0 ? " (\(summary.recomputedDamaged) damaged cache entries)" : "")\(Self.describe(summary.otherEnvironments, now: environment))\n"
                    .utf8))
        guard !pending.isEmpty else { return summary }
        let progress = Progress(total: pending.map(Self.cost).reduce(0, +), runs: pending.count)
        let started = Locked<[String: Date]>([:])
        var executor = executor
        executor.progress = { request, fraction in
            let start = started.withLock { $0[request.hash] } ?? Date()
            progress.runAdvanced(request.label, fraction: fraction, started: start)
        }
        let shared = Locked((next: 0, summary: summary))
        let cache = cache
        let runner = executor
        let queue = pending
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, queue.count))) { _ in
            while let request = shared.withLock({ state -> RunRequest? in
                guard state.next < queue.count else { return nil }
                defer { state.next += 1 }
                return queue[state.next]
            }) {
                let start = Date()
                started.withLock { $0[request.hash] = start }
                do {
                    let result = try runner.execute(request)
                    let storeError: Error?
                    do {
                        try cache.store(result, for: request, environment: environment)
                        storeError = nil
                    } catch { storeError = error }
                    shared.withLock { state in
                        state.summary.computed += 1
                        if let storeError {
                            state.summary.unstored[request.hash] = result
                            state.summary.storeFailures.append((request.label, "\(storeError)"))
                        }
                    }
                } catch {
                    shared.withLock { $0.summary.failures.append((request.label, request.hash, "\(error)")) }
                }
                progress.runFinished(request.label, cost: Self.cost(request), seconds: Date().timeIntervalSince(start))
            }
        }
        return shared.withLock { $0.summary }
    }

    /// The environment runs are computed under: one BLAS thread whatever --jobs is (OpenBLAS
    /// splits sums differently with more threads, which moved report 003's values in the 4th
    /// decimal between --jobs 1 and 2).
    static var environment: NumericEnvironment {
        BLASLibrary.setThreadCount(1)
        return .current
    }

    /// "; 12 cached results were computed under X and are recomputed under Y", or "" when none.
    static func describe(_ others: [String: Int], now environment: NumericEnvironment) -> String {
        guard !others.isEmpty else { return "" }
        let list = others.sorted { $0.key < $1.key }.map { "\($0.value) under \($0.key)" }.joined(separator: ", ")
        return
            "; cached results computed under another numeric environment are recomputed (\(list); now \(environment))"
    }

    /// A rough cost in sample passes × weights, for ETAs and ordering.
    static func cost(_ request: RunRequest) -> Double {
        let train = Double(
            request.dataset.trainCount
                ?? (request.dataset.name == "mnist" ? 60000 : request.dataset.name.hasPrefix("syn") ? 60000 : 1000))
        let weights: Double
        switch request.model {
        case .mlp(let spec)?:
            // A recipe may leave the sizes to the data: guess the generated sets' 2 features and 2 classes, else MNIST's.
            let generated = request.dataset.name == "disk" || request.dataset.name.hasPrefix("syn")
            let widths = [spec.inputs ?? (generated ? 2 : 784)] + spec.hidden + [spec.outputs ?? (generated ? 2 : 10)]
            weights = zip(widths, widths.dropFirst()).map { Double($0 * $1) }.reduce(0, +)
        case .layers?:
            weights = 1e6  // a small CNN's multiply-adds per example, for ETAs and ordering only
        case nil:
            weights = 12
        }
        let perStep = request.training.batchSize == 1 ? 2000.0 : 0
        return Double(request.training.epochs) * train * (weights + perStep)
    }
}
