import CByteScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension BotClassifier {
  /// A per-thread memo of verdicts by user-agent bytes, plus the classifier's per-call
  /// scratch space. Open addressing keyed by a 64-bit hash and checked by byte equality;
  /// when full it is cleared (user agents repeat heavily, so it refills quickly).
  /// Capacity 0 turns memoizing off.
  public struct Cache {
    /// One slot: everything a probe reads, in one place (usually one cache line, not four).
    private struct Slot {
      /// 0 marks an empty slot (``hash(_:)`` never returns 0).
      var hash: UInt64 = 0
      var offset: UInt32 = 0
      var length: UInt32 = 0
      var value: Int32 = 0
    }

    let capacity: Int
    private var mask = 0
    private var slots: [Slot] = []
    private var arena: [UInt8] = []
    private var count = 0

    /// Per-call scratch of the classifier: candidate pattern indices and stamps.
    var candidates: [Int32] = []
    var stamps: [UInt32] = []
    var generation: UInt32 = 0

    /// - Parameter capacity: how many distinct user agents to remember (0: none).
    public init(capacity: Int = 65536) {
      self.capacity = max(0, capacity)
    }

    /// The number of user agents remembered now.
    public var storedCount: Int { count }

    /// ``leadscreen_hash64``: the CPU's CRC-32C instruction in three lanes where it has
    /// one; never 0.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
      guard let base = bytes.baseAddress else { return leadscreen_hash64(nil, 0) }
      return leadscreen_hash64(base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// Where a user agent's first slot is, for asking the CPU to bring it into cache
    /// ahead of ``lookup(_:hash:)``: the click reader asks as soon as it has parsed the
    /// user agent, and looks it up after the rest of the line. A hint only: prefetching
    /// never faults, and a table replaced since then only makes the hint useless.
    public struct PrefetchTarget {
      fileprivate let base: UnsafeRawPointer
      fileprivate let mask: Int

      @inline(__always)
      func prefetch(hash: UInt64) {
        leadscreen_prefetch(
          base + (Int(truncatingIfNeeded: hash) & mask) * MemoryLayout<Slot>.stride)
      }
    }

    /// The table's ``PrefetchTarget``, or nil while it is empty or off.
    var prefetchTarget: PrefetchTarget? {
      guard count > 0, let base = slots.withUnsafeBytes({ $0.baseAddress }) else { return nil }
      return PrefetchTarget(base: base, mask: mask)
    }

    /// The remembered value for `bytes` (hash `hash`), if any.
    func lookup(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
      guard count > 0 else { return nil }
      return slots.withUnsafeBufferPointer { slots in
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].hash != 0 {
          let slot = slots[index]
          if slot.hash == hash && Int(slot.length) == bytes.count {
            let equal = arena.withUnsafeBytes { stored in
              bytes.count == 0
                || memcmpEqual(
                  stored.baseAddress! + Int(slot.offset), bytes.baseAddress!, bytes.count)
            }
            if equal { return slot.value }
          }
          index = (index + 1) & mask
        }
        return nil
      }
    }

    /// Remembers `value` for `bytes`; clears everything first when full.
    ///
    /// The table starts small and doubles while it is more than half full, up to twice
    /// the capacity: a day's traffic has a few thousand distinct user agents, and a
    /// table sized for them stays in the CPU's caches (one sized for the capacity, 3 MB,
    /// made nearly every look-up a cache miss).
    mutating func store(_ bytes: UnsafeRawBufferPointer, hash: UInt64, value: Int32) {
      guard capacity > 0 else { return }
      if slots.isEmpty || count >= capacity || arena.count + bytes.count > capacity * 512 {
        _ = replaceTable(size: Swift.min(Self.initialSlots, Self.largestTable(capacity)))
        arena.removeAll(keepingCapacity: true)
        count = 0
      } else if (count + 1) * 2 > slots.count && slots.count < Self.largestTable(capacity) {
        grow()
      }
      var index = Int(truncatingIfNeeded: hash) & mask
      while slots[index].hash != 0 { index = (index + 1) & mask }
      slots[index] = Slot(
        hash: hash, offset: UInt32(arena.count), length: UInt32(bytes.count), value: value)
      arena.append(contentsOf: bytes)
      count += 1
    }

    /// Slots of a new or cleared table.
    static let initialSlots = 1024

    /// Slots of the largest table: a power of two, at least twice `capacity`.
    private static func largestTable(_ capacity: Int) -> Int {
      var size = 16
      while size < capacity * 2 { size <<= 1 }
      return size
    }

    /// Puts an empty table of `size` slots (a power of two) in place; returns the old one.
    private mutating func replaceTable(size: Int) -> [Slot] {
      let old = slots
      mask = size - 1
      slots = [Slot](repeating: Slot(), count: size)
      return old
    }

    /// Moves every remembered entry to a table twice the size.
    private mutating func grow() {
      for slot in replaceTable(size: slots.count * 2) where slot.hash != 0 {
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index].hash != 0 { index = (index + 1) & mask }
        slots[index] = slot
      }
    }
  }
}

/// Byte equality of two regions.
@inline(__always)
private func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
  memcmp(a, b, count) == 0
}
