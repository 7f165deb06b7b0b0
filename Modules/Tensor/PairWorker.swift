import CKernels

/// Work in two parts on two cores: the calling thread runs part 0 while one helper thread runs
/// part 1. The helper spins for a short while between parts before it sleeps, so the many short
/// parallel stretches of a training step (`BatchChunks`' layers, `SplitProducts`) do not each pay
/// for waking a thread, as `DispatchQueue.concurrentPerform` did (about a tenth of an MLP step).
/// When the helper is taken (a second caller, or a call from inside a part) both parts run on the
/// calling thread in order.
public enum PairWorker {
    /// Runs `body(0)` here and `body(1)` on the helper at once, and returns when both are done.
    /// `body` must be safe to call from two threads at once (each part touching only its own data).
    public static func run(_ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var job = body
            withUnsafeMutablePointer(to: &job) { pointer in
                backprop_pair_run(
                    { context, part in context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(part) },
                    pointer)
            }
        }
    }
}
