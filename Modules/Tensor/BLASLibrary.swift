import CBLAS

#if canImport(Glibc)
    import Glibc
#endif

/// OpenBLAS, opened once at first use.
///
/// Why at run time rather than linked: OpenBLAS picks its kernels when it is loaded, and
/// Debian 12's 0.3.21 does not recognise recent AVX-512 Xeons, falling back to the SSE3
/// "Prescott" kernels (65 GFLOP/s for a 2048² SGEMM on the project machine, against 220
/// with its own SkylakeX kernels). Opening it ourselves lets us name the right kernel family
/// in `OPENBLAS_CORETYPE` first, only when the user has not set it. Linking would also put
/// GSL's own `libgslcblas` in the same symbol namespace; `dlsym` on OpenBLAS's handle avoids that.
public enum BLASLibrary {
    struct Functions {
        let sgemm: BackpropSgemm
        let dgemm: BackpropDgemm
        let setThreads: BackpropSetThreads?
        let threadCount: BackpropThreadCount?
        let coreName: BackpropCoreName?
        let configuration: BackpropCoreName?
    }

    static let functions: Functions = load()

    /// The kernel family OpenBLAS runs with ("SkylakeX", "Haswell", …).
    public static var coreName: String {
        functions.coreName.flatMap { $0() }.map { String(cString: $0) } ?? "unknown"
    }

    /// What OpenBLAS says it was built as ("OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64").
    public static var configuration: String {
        functions.configuration.flatMap { $0() }.map { String(cString: $0) } ?? "unknown"
    }

    /// Whether this machine's arithmetic can flush subnormals here (x86's MXCSR); elsewhere
    /// `flushingSubnormals` runs its body unchanged.
    public static var canFlushSubnormals: Bool { backprop_can_flush_subnormals() != 0 }

    /// Runs `body` with subnormal floats flushed to zero on this thread (FTZ/DAZ), then restores the
    /// previous mode. Subnormals make SGEMM about 100 times slower; a run whose weights decay or
    /// blow up can fill with them (a diverging MNIST run took over half an hour without this).
    /// Without `canFlushSubnormals` it only runs `body`.
    public static func flushingSubnormals<R>(_ body: () throws -> R) rethrows -> R {
        let previous = backprop_flush_subnormals()
        defer { backprop_restore_float_control(previous) }
        return try body()
    }

    /// Whether this thread currently flushes subnormals (FTZ and DAZ both set).
    public static var flushesSubnormals: Bool { backprop_float_control() & 0x8040 == 0x8040 }

    private static func load() -> Functions {
        if getenv("OPENBLAS_CORETYPE") == nil, let core = preferredCoreType() {
            setenv("OPENBLAS_CORETYPE", core, 0)
        }
        setenv("OPENBLAS_THREAD_TIMEOUT", workerSpinExponent, 0)
        let candidates = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"]
        guard let handle = candidates.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first,
            let sgemm = dlsym(handle, "cblas_sgemm"), let dgemm = dlsym(handle, "cblas_dgemm")
        else {
            fatalError(
                "Backprop needs OpenBLAS (libopenblas.so.0); run scripts/setup or apt-get install libopenblas-dev")
        }
        return Functions(
            sgemm: unsafeBitCast(sgemm, to: BackpropSgemm.self),
            dgemm: unsafeBitCast(dgemm, to: BackpropDgemm.self),
            setThreads: dlsym(handle, "openblas_set_num_threads").map {
                unsafeBitCast($0, to: BackpropSetThreads.self)
            },
            threadCount: dlsym(handle, "openblas_get_num_threads").map {
                unsafeBitCast($0, to: BackpropThreadCount.self)
            },
            coreName: dlsym(handle, "openblas_get_corename").map { unsafeBitCast($0, to: BackpropCoreName.self) },
            configuration: dlsym(handle, "openblas_get_config").map { unsafeBitCast($0, to: BackpropCoreName.self) })
    }

    /// How long OpenBLAS's idle workers spin after a threaded product before they sleep, as a power of
    /// two in cycles (`OPENBLAS_THREAD_TIMEOUT`, unless the user sets it): 4, its minimum, so they sleep
    /// at once. Its default, 2²⁸ cycles (about 0.1 s), kept a worker spinning on the core that
    /// `PairWorker`'s helper needs next: the 100×784×256 product that `bench gemm` times after its
    /// threaded 2048² one ran at 80–107 GFLOP/s instead of 145–165 in every run.
    static let workerSpinExponent = "4"

    /// The exponent OpenBLAS runs with (`workerSpinExponent`, or the user's `OPENBLAS_THREAD_TIMEOUT`).
    public static var workerSpinTimeout: String {
        _ = functions
        return getenv("OPENBLAS_THREAD_TIMEOUT").map { String(cString: $0) } ?? workerSpinExponent
    }

    /// The OpenBLAS kernel family the CPU's features support, from /proc/cpuinfo (nil: let OpenBLAS decide).
    static func preferredCoreType() -> String? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { if let line { free(line) } }
        while getline(&line, &capacity, file) > 0 {
            let text = String(cString: line!)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
            if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy({ flags.contains(Substring($0)) }) {
                return "SkylakeX"
            }
            if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
            return nil
        }
        return nil
    }
}
