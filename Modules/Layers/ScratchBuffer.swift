/// Working memory a layer keeps from step to step: `reserve` hands out at least `count` elements,
/// reallocating only when a larger size is asked for, so steady-state training allocates nothing.
/// The contents are scratch: callers overwrite what they read.
final class ScratchBuffer<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int

    init() {
        storage = .allocate(capacity: 1)
        capacity = 1
    }

    /// Memory for `count` elements (contents unspecified; zeroed when newly allocated).
    func reserve(_ count: Int, zeroedAs zero: Element) -> UnsafeMutablePointer<Element> {
        guard count > capacity else { return storage }
        storage.deallocate()
        storage = .allocate(capacity: count)
        storage.initialize(repeating: zero, count: count)
        capacity = count
        return storage
    }

    deinit { storage.deallocate() }
}
