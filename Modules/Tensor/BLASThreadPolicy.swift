import Foundation

extension BLASLibrary {
    /// Products of at least this many multiply-adds run on `threadLimit` threads, smaller ones on
    /// one (OpenBLAS's own cut is 64³): OpenBLAS's idle workers spin in `sched_yield` for a while
    /// after every call, on cores that the layers' own threads (`BatchChunks`) need. With OpenBLAS
    /// threading every product, the wide MNIST CNN ran 4.5 times slower and spent a third of its
    /// time in the kernel. A training step's middling products use both cores through
    /// `SplitProducts` instead.
    public static let threadedProductFrom = 1 << 26

    /// The threads a large product may use: OpenBLAS's own count at load (`OPENBLAS_NUM_THREADS`,
    /// else the cores), until `setThreadCount` changes it.
    public static var threadLimit: Int { policy.withLock { $0.limit } }

    /// Limits BLAS to `count` threads: parallel training jobs each take one core.
    public static func setThreadCount(_ count: Int) {
        policy.withLock { state in
            state.limit = max(1, count)
            state.apply(state.limit)
        }
    }

    /// Runs `body` (code that runs threads of its own) with every product on one BLAS thread.
    /// Safe to nest and to enter from several threads at once.
    public static func singleThreaded<R>(_ body: () throws -> R) rethrows -> R {
        policy.withLock { $0.openRegions += 1 }
        defer { policy.withLock { $0.openRegions -= 1 } }
        return try body()
    }

    /// Whether a product may use more than one thread now: the limit allows it and no
    /// `singleThreaded` region is open.
    static var mayRunThreads: Bool { policy.withLock { $0.limit > 1 && $0.openRegions == 0 } }

    /// Sets OpenBLAS's thread count for an m×n product over k before it runs.
    static func prepareThreads(m: Int, n: Int, k: Int) {
        let large = Double(m) * Double(n) * Double(k) >= Double(threadedProductFrom)
        policy.withLock { state in
            let wanted = state.openRegions == 0 && large ? state.limit : 1
            state.apply(wanted)
        }
    }

    private static let policy = ThreadPolicy()

    /// The thread limit, the count OpenBLAS is set to now, and the open `singleThreaded` regions.
    private final class ThreadPolicy: @unchecked Sendable {
        struct State {
            var limit: Int
            var current: Int
            var openRegions = 0

            mutating func apply(_ count: Int) {
                guard count != current else { return }
                BLASLibrary.functions.setThreads?(Int32(count))
                current = count
            }
        }

        private let lock = NSLock()
        private var state: State

        init() {
            let count = BLASLibrary.functions.threadCount.map { Int($0()) } ?? 1
            state = State(limit: count, current: count)
        }

        func withLock<R>(_ body: (inout State) -> R) -> R {
            lock.lock()
            defer { lock.unlock() }
            return body(&state)
        }
    }
}
