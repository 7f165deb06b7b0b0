import TensorCore

/// Splits a batch into a fixed number of contiguous chunks that run on separate threads, so a
/// layer's per-sample work uses both cores of the machines this project targets. The count is
/// fixed (not the machine's core count), so results do not depend on the machine; small batches
/// stay in one chunk on the calling thread.
enum BatchChunks {
    /// Chunks used from this batch size on.
    static let parallelFrom = 8
    /// Two: `PairWorker`'s two parts.
    static let parallelCount = 2

    /// The chunk ranges of `count` samples.
    static func ranges(_ count: Int) -> [Range<Int>] {
        guard count >= parallelFrom else { return [0..<count] }
        let size = (count + parallelCount - 1) / parallelCount
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Runs `body(chunkIndex, samples)` for every chunk, concurrently when there is more than one.
    static func forEach(_ count: Int, _ body: (Int, Range<Int>) -> Void) {
        let chunks = ranges(count)
        guard chunks.count > 1 else {
            body(0, chunks[0])
            return
        }
        // Safe to share: every caller's body touches only the samples of its own range and the
        // scratch slice of its own chunk index, and the worker returns after both parts.
        // The chunks are the parallelism: their products run on one BLAS thread each.
        BLASLibrary.singleThreaded { PairWorker.run { body($0, chunks[$0]) } }
    }
}
