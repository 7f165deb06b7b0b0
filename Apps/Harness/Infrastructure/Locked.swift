import Foundation

/// A value shared between threads, read and changed only while its lock is held.
///
/// `@unchecked Sendable` holds because `value` is private and the only access, `withLock`, holds
/// `lock` for the whole of `body`; `Value` itself never leaves the lock except as copies.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
