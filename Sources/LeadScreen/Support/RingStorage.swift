/// The memory of a ring of plain values (``ReorderQueue``, ``EventRing``): `capacity`
/// slots, a power of two, which the owner wraps and keeps track of (where its first
/// element is, how many it holds). Only constants: nothing to check at run time; the
/// owner copies it before changing it when it is shared (copy on write).
final class RingStorage<Element: BitwiseCopyable>: @unchecked Sendable {
  let slots: UnsafeMutablePointer<Element>
  let capacity: Int

  init(capacity: Int) {
    precondition(capacity > 0 && capacity & (capacity - 1) == 0, "a power of two")
    self.capacity = capacity
    slots = .allocate(capacity: capacity)
  }

  deinit { slots.deallocate() }
}
