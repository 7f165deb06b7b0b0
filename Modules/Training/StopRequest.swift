import Foundation

/// A request to stop training after the current step, set from another thread (an interrupt
/// handler's queue) and read by `Trainer` before every step and every epoch.
public final class StopRequest: @unchecked Sendable {
    // @unchecked: the one stored flag is only touched under `lock`.
    private let lock = NSLock()
    private var requested = false

    public init() {}

    /// Asks the training loop to stop after its current step.
    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
