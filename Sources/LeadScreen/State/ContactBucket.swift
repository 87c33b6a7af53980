/// The segment in memory of a ``TimeBucket`` of ``DuplicateIndex``: its records (time,
/// type, id bytes) and their contact entries, in flat arrays; an open-addressing table (linear probing, at most
/// half full) holds the newest entry of each key, and each entry the one added before
/// it with the same key.
struct ContactBucket: ContactSegment, Sendable {
  private(set) var number: Int64 = 0
  // Records.
  private var times: [Int64] = []
  private var types: [RecordType] = []
  private var idEnds: [UInt32] = []
  private var idBytes: [UInt8] = []
  // Entries.
  private var highs: [UInt64] = []
  private var lows: [UInt64] = []
  /// Campaign number << 2 | contact kind.
  private var tags: [UInt32] = []
  private var records: [UInt32] = []
  /// Position + 1 of the previous entry with the same key, or 0.
  private var previousEntries: [UInt32] = []
  /// Position + 1 of the newest entry of a key, or 0 for an empty slot.
  private var slots: [UInt32] = []
  private(set) var mask = 0
  /// Distinct keys (occupied slots).
  private var keyCount = 0
  /// Whether every record came at or after the one before.
  private(set) var inTimeOrder = true

  var entryCount: Int { highs.count }
  /// Whether ``reset(number:expected:)`` made it ready for entries.
  var hasRoom: Bool { !slots.isEmpty }

  @inline(__always) func slot(_ index: Int) -> UInt32 { slots[index] }
  @inline(__always) func high(_ entry: Int) -> UInt64 { highs[entry] }
  @inline(__always) func low(_ entry: Int) -> UInt64 { lows[entry] }
  @inline(__always) func tag(_ entry: Int) -> UInt32 { tags[entry] }
  @inline(__always) func record(_ entry: Int) -> UInt32 { records[entry] }
  @inline(__always) func previous(_ entry: Int) -> UInt32 { previousEntries[entry] }
  @inline(__always) func time(_ record: Int) -> Int64 { times[record] }

  /// Calls `body` with every entry's key.
  func forEachKey(_ body: (UInt64, UInt64, UInt32) -> Void) {
    for entry in highs.indices { body(highs[entry], lows[entry], tags[entry]) }
  }

  /// Appends its arrays to `file`; the offsets of the ten regions (slots, highs, lows,
  /// tags, records, previous, times, types, id ends, id bytes) and the end, or `nil`
  /// (nothing kept in the file) when a write failed.
  func write(to file: SpillFile) -> [Int64]? {
    let start = file.endOffset
    var offsets: [Int64] = []
    func put<T>(_ array: [T]) -> Bool {
      guard let offset = array.withUnsafeBytes({ file.append($0) }) else { return false }
      offsets.append(offset)
      return true
    }
    let written =
      put(slots) && put(highs) && put(lows) && put(tags) && put(records) && put(previousEntries)
      && put(times) && put(types.map(\.rawValue)) && put(idEnds) && put(idBytes)
    guard written else {
      file.truncate(to: start)
      return nil
    }
    offsets.append(file.endOffset)
    return offsets
  }

  /// The oldest and newest record times (0, 0 when empty).
  var timeRange: (Int64, Int64) {
    (times.min() ?? 0, times.max() ?? 0)
  }

  /// Forgets every record, keeping room for about `expected` entries and then some.
  mutating func reset(number: Int64, expected: Int) {
    reset(number: number, room: expected + expected / 8 + 16)
  }

  /// Forgets every record, keeping room for `room` entries.
  mutating func reset(number: Int64, room: Int) {
    self.number = number
    times.removeAll(keepingCapacity: true)
    types.removeAll(keepingCapacity: true)
    idEnds.removeAll(keepingCapacity: true)
    idBytes.removeAll(keepingCapacity: true)
    highs.removeAll(keepingCapacity: true)
    highs.reserveCapacity(room)
    lows.removeAll(keepingCapacity: true)
    lows.reserveCapacity(room)
    tags.removeAll(keepingCapacity: true)
    tags.reserveCapacity(room)
    records.removeAll(keepingCapacity: true)
    records.reserveCapacity(room)
    previousEntries.removeAll(keepingCapacity: true)
    previousEntries.reserveCapacity(room)
    mask = PositionSlots.reset(&slots, room: room)
    keyCount = 0
    inTimeOrder = true
  }

  /// Adds a record and an entry for each of its keys.
  mutating func add<Keys: Collection<ContactKey>>(
    tag: UInt32, keys: Keys, _ record: EarlierContact
  ) {
    let index = recordIndex(record)
    for key in keys {
      let entryTag = tag << 2 | UInt32(key.kind.rawValue)
      let entry = UInt32(highs.count + 1)
      highs.append(key.high)
      lows.append(key.low)
      tags.append(entryTag)
      records.append(index)
      var slot = Self.start(key.high, key.low, entryTag) & mask
      var found: UInt32 = 0
      while slots[slot] != 0 {
        let other = Int(slots[slot]) - 1
        if highs[other] == key.high && lows[other] == key.low && tags[other] == entryTag {
          found = slots[slot]
          break
        }
        slot = (slot + 1) & mask
      }
      previousEntries.append(found)
      slots[slot] = entry
      if found == 0 {
        keyCount += 1
        if keyCount * 2 > slots.count { rehash(size: slots.count * 2) }
      }
    }
  }

  /// The record's position, reusing the last record when it is the same one (its
  /// other contact preloaded from an earlier run).
  private mutating func recordIndex(_ record: EarlierContact) -> UInt32 {
    var id = record.id
    let last = times.count - 1
    if last >= 0, times[last] == record.time.milliseconds, types[last] == record.type {
      let start = last == 0 ? 0 : Int(idEnds[last - 1])
      let same = id.withUTF8 { bytes in
        bytes.count == Int(idEnds[last]) - start
          && idBytes[start..<Int(idEnds[last])].elementsEqual(bytes)
      }
      if same { return UInt32(last) }
    }
    if let last = times.last, record.time.milliseconds < last { inTimeOrder = false }
    times.append(record.time.milliseconds)
    types.append(record.type)
    id.withUTF8 { idBytes.append(contentsOf: $0) }
    idEnds.append(UInt32(idBytes.count))
    return UInt32(times.count - 1)
  }

  func contact(_ index: Int) -> EarlierContact {
    let start = index == 0 ? 0 : Int(idEnds[index - 1])
    let id = String(decoding: idBytes[start..<Int(idEnds[index])], as: UTF8.self)
    return EarlierContact(id: id, type: types[index], time: Timestamp(milliseconds: times[index]))
  }

  /// The home slot of a key: the tag is mixed into the digest's words (not only into
  /// ``FlatKey/kind``, whose mix keeps only its low byte).
  static func start(_ high: UInt64, _ low: UInt64, _ tag: UInt32) -> Int {
    Int(
      truncatingIfNeeded: FlatKey(unchecked: high ^ UInt64(tag) &* 0x9E37_79B9_7F4A_7C15, low, 1)
        .mixed)
  }

  private mutating func rehash(size: Int) {
    slots = [UInt32](repeating: 0, count: size)
    mask = size - 1
    for entry in highs.indices {
      // Entries in the order added: a later entry of a key takes its earlier one's slot.
      var slot = Self.start(highs[entry], lows[entry], tags[entry]) & mask
      while slots[slot] != 0 {
        let other = Int(slots[slot]) - 1
        if highs[other] == highs[entry] && lows[other] == lows[entry] && tags[other] == tags[entry]
        {
          break
        }
        slot = (slot + 1) & mask
      }
      slots[slot] = UInt32(entry + 1)
    }
  }
}
