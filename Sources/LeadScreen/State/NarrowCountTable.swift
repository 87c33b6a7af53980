import CByteScan

/// Counts per 32-bit key (an IPv4 address or /24 network), 8 bytes a slot: a key and
/// its count packed in one word, count 0 marking an empty slot. The same open
/// addressing as ``CountTable`` (linear probing, backward-shift deletion, at most a quarter
/// full), a third of its memory: the IPv4 keys of a busy window stay in the CPU's
/// second-level cache.
public struct NarrowCountTable: Sendable {
  /// `key << 32 | count`; 0 is an empty slot.
  private var storage: TableStorage<UInt64>

  /// Keys held (with a count above 0).
  public var count: Int { storage.count }

  public init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 4 { size <<= 1 }
    storage = TableStorage(capacity: size, empty: 0)
  }

  @inline(__always)
  private static func home(_ key: UInt32, _ storage: TableStorage<UInt64>) -> Int {
    Int(
      truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15)
        >> (64 - storage.capacity.trailingZeroBitCount))
  }

  /// Brings `key`'s first slot into cache (a hint: for a key counted soon after).
  @inline(__always)
  public func prefetch(_ key: UInt32) {
    leadscreen_prefetch(storage.slots + Self.home(key, storage))
  }

  /// The count of `key` (0 when absent).
  public func count(of key: UInt32) -> Int32 {
    let slots = storage.slots
    let mask = storage.capacity - 1
    var slot = Self.home(key, storage)
    while slots[slot] != 0 {
      if UInt32(truncatingIfNeeded: slots[slot] >> 32) == key {
        return Int32(truncatingIfNeeded: slots[slot])
      }
      slot = (slot + 1) & mask
    }
    return 0
  }

  /// Makes the storage this table's own, copying it when it is shared.
  @inline(__always)
  mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// Adds one to `key`'s count and returns the new count.
  public mutating func increment(_ key: UInt32) -> Int32 {
    makeUnique()
    return incrementOwned(key)
  }

  /// ``increment(_:)`` of a table whose storage is its own: ``makeUnique()`` was called
  /// since the table was last copied (one check for several tables and operations).
  mutating func incrementOwned(_ key: UInt32) -> Int32 {
    if (storage.count + 1) * 4 > storage.capacity { grow() }
    let slots = storage.slots
    let mask = storage.capacity - 1
    var slot = Self.home(key, storage)
    while slots[slot] != 0 {
      if UInt32(truncatingIfNeeded: slots[slot] >> 32) == key {
        slots[slot] += 1
        return Int32(truncatingIfNeeded: slots[slot])
      }
      slot = (slot + 1) & mask
    }
    slots[slot] = UInt64(key) << 32 | 1
    storage.count += 1
    return 1
  }

  /// Takes one from `key`'s count, removing the key at 0. An absent key is ignored.
  public mutating func decrement(_ key: UInt32) {
    makeUnique()
    decrementOwned(key)
  }

  /// ``decrement(_:)`` of a table whose storage is its own (see ``incrementOwned(_:)``).
  mutating func decrementOwned(_ key: UInt32) {
    let slots = storage.slots
    let mask = storage.capacity - 1
    var slot = Self.home(key, storage)
    while slots[slot] != 0 {
      if UInt32(truncatingIfNeeded: slots[slot] >> 32) == key {
        if slots[slot] & 0xFFFF_FFFF > 1 {
          slots[slot] -= 1
        } else {
          remove(at: slot)
        }
        return
      }
      slot = (slot + 1) & mask
    }
  }

  /// Empties `slot` and moves later entries of its probe run back (see ``CountTable``).
  private mutating func remove(at slot: Int) {
    let slots = storage.slots
    let mask = storage.capacity - 1
    var hole = slot
    var next = (slot + 1) & mask
    while slots[next] != 0 {
      let home = Self.home(UInt32(truncatingIfNeeded: slots[next] >> 32), storage)
      if (next - home) & mask >= (next - hole) & mask {
        slots[hole] = slots[next]
        hole = next
      }
      next = (next + 1) & mask
    }
    slots[hole] = 0
    storage.count -= 1
  }

  private mutating func grow() {
    let old = storage
    storage = TableStorage(capacity: old.capacity * 2, empty: 0)
    let mask = storage.capacity - 1
    for index in 0..<old.capacity where old.slots[index] != 0 {
      var slot = Self.home(UInt32(truncatingIfNeeded: old.slots[index] >> 32), storage)
      while storage.slots[slot] != 0 { slot = (slot + 1) & mask }
      storage.slots[slot] = old.slots[index]
    }
    storage.count = old.count
  }
}
