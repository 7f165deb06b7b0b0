import TensorCore

/// Runs `body` with BLAS (and the products split over two cores) limited to `count` threads, then
/// restores the previous limit: the harness's tests pin one thread, and the order tests run in is
/// not fixed.
public func withBLASThreads<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
    let previous = BLASLibrary.threadLimit
    BLASLibrary.setThreadCount(count)
    defer { BLASLibrary.setThreadCount(previous) }
    return try body()
}
