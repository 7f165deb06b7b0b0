import CBLAS

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps freed tensor buffers in the process heap instead of returning them to the system.
///
/// Why: glibc hands blocks over 128 KB out as fresh `mmap` pages (and trims the heap back after
/// frees), so every activation of a training step, allocated anew each step, page-faults on first
/// touch: a ReLU over a [64, 6, 28, 28] batch took 500 µs, 60 of them arithmetic. With blocks up
/// to 32 MB (glibc's largest allowed threshold) served from the heap and up to 512 MB of free heap
/// kept, the next step reuses the same memory. Applied once, when the first `Parameter` is made;
/// the user's own `GLIBC_TUNABLES` malloc settings win. Elsewhere this does nothing.
enum AllocatorTuning {
    static let applied: Void = {
        #if canImport(Glibc)
            guard !(getenv("GLIBC_TUNABLES").map { String(cString: $0).contains("glibc.malloc.") } ?? false) else {
                return
            }
            backprop_keep_freed_memory(32 << 20, 512 << 20)
        #endif
    }()
}
