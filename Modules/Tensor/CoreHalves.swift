/// Memory-bound work over a large weight matrix in two halves on two cores (`PairWorker`), always
/// split the same way: the first half of the rows on the calling thread, the second on the helper.
/// A batch-1 step's forward product and weight gradient (`SmallProducts`) and the plain gradient
/// descent update that follows (`Tensor.axpy`) all split so, and each core keeps its half of the
/// weights and of their gradient in its own cache for the whole step: report 004's step takes
/// 50-62 µs. With only the products split, the update on one core pulled the other half across,
/// and the step took 70 µs in most processes but 160-200 µs in one of eight, where the helper's
/// half ran at a third of its speed. (SGD with momentum stays whole: split, it made mlp003's epoch
/// 0.59-0.66 s instead of 0.49-0.53.) Every element is computed as it would be whole, so the bits do
/// not depend on the split. Only when BLAS may use threads: not in the harness's runs.
public enum CoreHalves {
    /// Work of at least this many elements (or multiply-adds) is split.
    public static let splitFrom = 1 << 16

    /// Runs `body` over `0..<count`, or over its two halves at once when `size` is at least
    /// `splitFrom`, `count` at least 16, and threads are allowed.
    public static func forEach(_ count: Int, size: Int, _ body: (Range<Int>) -> Void) {
        guard size >= splitFrom, count >= 16, BLASLibrary.mayRunThreads else {
            body(0..<count)
            return
        }
        let half = count / 2
        PairWorker.run { part in body(part == 0 ? 0..<half : half..<count) }
    }
}
