import CBLAS

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps freed tensor buffers in the process heap instead of returning them to the system.
///
/// Why: glibc hands blocks over 128 KB out as fresh `mmap` pages (and trims the heap back after
/// frees), so every activation of a training step, allocated anew each step, page-faults on first
/// touch: a ReLU over a [64, 6, 28, 28] batch took 500 µs, 60 of them arithmetic. Raising the
/// threshold is not enough, as glibc caps it at 32 MB and an evaluation batch of 1,000 images
/// through a CNN holds activations of 100-230 MB (the cnn-wide recipe: 550,000 minor faults for
/// 1,280 training and 10,000 test images, 127,000 without mmap). So every block comes from the
/// heap (glibc still maps memory when the heap cannot grow) and up to 1 GB of free heap is kept:
/// the next step, or the next evaluation batch, reuses the same pages. Applied once, when the
/// first `Parameter` is made; the user's own `GLIBC_TUNABLES` malloc settings win. Elsewhere
/// this does nothing.
enum AllocatorTuning {
    static let applied: Void = {
        #if canImport(Glibc)
            guard !(getenv("GLIBC_TUNABLES").map { String(cString: $0).contains("glibc.malloc.") } ?? false) else {
                return
            }
            backprop_keep_freed_memory(1 << 30)
        #endif
    }()
}
