/// Counts per ``FlatKey``: open addressing with linear probing and backward-shift
/// deletion (no tombstones, so a table that sees keys come and go all day stays as
/// fast as a fresh one). Twice as large as needed at most; grows, never shrinks.
public struct CountTable: Sendable {
  struct Entry: Sendable {
    var key: FlatKey
    var count: Int32
  }

  private static let empty = Entry(
    key: FlatKey(high: 0, low: 0, kind: 1), count: 0)

  private var entries: [Entry]
  private var occupied: [Bool]
  private var mask: Int
  /// Keys held (with a count above 0).
  public private(set) var count = 0

  public init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    entries = [Entry](repeating: Self.empty, count: size)
    occupied = [Bool](repeating: false, count: size)
    mask = size - 1
  }

  /// The count of `key` (0 when absent).
  public func count(of key: FlatKey) -> Int32 {
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    while occupied[slot] {
      if entries[slot].key == key { return entries[slot].count }
      slot = (slot + 1) & mask
    }
    return 0
  }

  /// Adds one to `key`'s count and returns the new count.
  public mutating func increment(_ key: FlatKey) -> Int32 {
    if (count + 1) * 2 > entries.count { grow() }
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    while occupied[slot] {
      if entries[slot].key == key {
        entries[slot].count += 1
        return entries[slot].count
      }
      slot = (slot + 1) & mask
    }
    occupied[slot] = true
    entries[slot] = Entry(key: key, count: 1)
    count += 1
    return 1
  }

  /// Takes one from `key`'s count, removing the key at 0. An absent key is ignored.
  public mutating func decrement(_ key: FlatKey) {
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    while occupied[slot] {
      if entries[slot].key == key {
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

  /// Empties `slot` and moves later entries of its probe run back, so every key stays
  /// reachable from its home slot without passing an empty one.
  private mutating func remove(at slot: Int) {
    var hole = slot
    var next = (slot + 1) & mask
    while occupied[next] {
      let home = Int(truncatingIfNeeded: entries[next].key.mixed) & mask
      // The entry may fill the hole when its home is not cyclically in (hole, next].
      if (next - home) & mask >= (next - hole) & mask {
        entries[hole] = entries[next]
        hole = next
      }
      next = (next + 1) & mask
    }
    occupied[hole] = false
    entries[hole] = Self.empty
    count -= 1
  }

  private mutating func grow() {
    let old = entries
    let wasOccupied = occupied
    let size = entries.count * 2
    entries = [Entry](repeating: Self.empty, count: size)
    occupied = [Bool](repeating: false, count: size)
    mask = size - 1
    for index in old.indices where wasOccupied[index] {
      var slot = Int(truncatingIfNeeded: old[index].key.mixed) & mask
      while occupied[slot] { slot = (slot + 1) & mask }
      occupied[slot] = true
      entries[slot] = old[index]
    }
  }
}
