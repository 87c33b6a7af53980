import CByteScan

/// Counts per ``FlatKey``: open addressing with linear probing and backward-shift
/// deletion (no tombstones, so a table that sees keys come and go all day stays as
/// fast as a fresh one). At most a quarter full (short probe runs make the many
/// removals of a sliding window cheap); grows, never shrinks.
///
/// Entries live in one allocation owned by a class, copied on write like the
/// standard collections (a copy of the table is independent).
public struct CountTable: Sendable {
  struct Entry: Sendable {
    var high: UInt64
    var low: UInt64
    /// The key's kind; 0 marks an empty slot.
    var kind: UInt32
    var count: Int32
  }

  private var storage: TableStorage<Entry>

  /// Keys held (with a count above 0).
  public var count: Int { storage.count }

  public init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 4 { size <<= 1 }
    storage = TableStorage(capacity: size, empty: Entry(high: 0, low: 0, kind: 0, count: 0))
  }

  /// Brings `key`'s first slot into cache (a hint: for a key counted soon after).
  @inline(__always)
  public func prefetch(_ key: FlatKey) {
    leadscreen_prefetch(
      storage.slots + (Int(truncatingIfNeeded: key.mixed) & (storage.capacity - 1)))
  }

  /// The count of `key` (0 when absent).
  public func count(of key: FlatKey) -> Int32 {
    let entries = storage.slots
    let mask = storage.capacity - 1
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    while entries[slot].kind != 0 {
      if Self.holds(entries[slot], key) { return entries[slot].count }
      slot = (slot + 1) & mask
    }
    return 0
  }

  /// Adds one to `key`'s count and returns the new count.
  public mutating func increment(_ key: FlatKey) -> Int32 {
    makeUnique()
    return incrementOwned(key)
  }

  /// ``increment(_:)`` of a table whose storage is its own: ``makeUnique()`` was called
  /// since the table was last copied (one check for several tables and operations).
  mutating func incrementOwned(_ key: FlatKey) -> Int32 {
    if (storage.count + 1) * 4 > storage.capacity { grow() }
    let entries = storage.slots
    let mask = storage.capacity - 1
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    while entries[slot].kind != 0 {
      if Self.holds(entries[slot], key) {
        entries[slot].count += 1
        return entries[slot].count
      }
      slot = (slot + 1) & mask
    }
    entries[slot] = Entry(high: key.high, low: key.low, kind: key.kind, count: 1)
    storage.count += 1
    return 1
  }

  /// Takes one from `key`'s count, removing the key at 0. An absent key is ignored.
  public mutating func decrement(_ key: FlatKey) {
    makeUnique()
    decrementOwned(key)
  }

  /// ``decrement(_:)`` of a table whose storage is its own (see ``incrementOwned(_:)``).
  mutating func decrementOwned(_ key: FlatKey) {
    let entries = storage.slots
    let mask = storage.capacity - 1
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    while entries[slot].kind != 0 {
      if Self.holds(entries[slot], key) {
        if entries[slot].count > 1 {
          entries[slot].count -= 1
        } else {
          remove(at: slot)
        }
        return
      }
      slot = (slot + 1) & mask
    }
  }

  @inline(__always)
  private static func holds(_ entry: Entry, _ key: FlatKey) -> Bool {
    entry.low == key.low && entry.high == key.high && entry.kind == key.kind
  }

  @inline(__always)
  private static func home(_ entry: Entry, mask: Int) -> Int {
    let key = FlatKey(unchecked: entry.high, entry.low, entry.kind)
    return Int(truncatingIfNeeded: key.mixed) & mask
  }

  /// Empties `slot` and moves later entries of its probe run back, so every key stays
  /// reachable from its home slot without passing an empty one.
  private mutating func remove(at slot: Int) {
    let entries = storage.slots
    let mask = storage.capacity - 1
    var hole = slot
    var next = (slot + 1) & mask
    while entries[next].kind != 0 {
      let home = Self.home(entries[next], mask: mask)
      // The entry may fill the hole when its home is not cyclically in (hole, next].
      if (next - home) & mask >= (next - hole) & mask {
        entries[hole] = entries[next]
        hole = next
      }
      next = (next + 1) & mask
    }
    entries[hole].kind = 0
    storage.count -= 1
  }

  /// Makes the storage this table's own, copying it when it is shared.
  @inline(__always)
  mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  private mutating func grow() {
    let old = storage
    storage = TableStorage(capacity: old.capacity * 2, empty: old.empty)
    let mask = storage.capacity - 1
    for index in 0..<old.capacity where old.slots[index].kind != 0 {
      var slot = Self.home(old.slots[index], mask: mask)
      while storage.slots[slot].kind != 0 { slot = (slot + 1) & mask }
      storage.slots[slot] = old.slots[index]
    }
    storage.count = old.count
  }
}

/// The slots of a flat table in one allocation, owned by the table's value and
/// copied when a shared one is about to change (``CountTable``, ``NarrowCountTable``).
final class TableStorage<Slot: Sendable>: @unchecked Sendable {
  let slots: UnsafeMutablePointer<Slot>
  let capacity: Int
  /// What an unused slot holds.
  let empty: Slot
  /// Slots in use.
  var count = 0

  init(capacity: Int, empty: Slot) {
    self.capacity = capacity
    self.empty = empty
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: empty, count: capacity)
  }

  func copy() -> TableStorage {
    let copy = TableStorage(capacity: capacity, empty: empty)
    copy.slots.update(from: slots, count: capacity)
    copy.count = count
    return copy
  }

  deinit { slots.deallocate() }
}
