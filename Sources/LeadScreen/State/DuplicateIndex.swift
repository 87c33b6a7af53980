/// The earlier record a duplicate repeats.
public struct EarlierContact: Sendable, Equatable {
  public var id: String
  public var type: RecordType
  public var time: Timestamp

  public init(id: String, type: RecordType, time: Timestamp) {
    self.id = id
    self.type = type
    self.time = time
  }
}

/// Phones and emails (as ``ContactKey`` digests) of earlier leads and calls,
/// per campaign, within the longest duplicate window; older entries are dropped
/// as time moves on.
///
/// Entries live in buckets of an eighth of the retention by their own time (not by
/// arrival), so records preloaded from an earlier run or arriving out of order go
/// where their time says. A bucket is dropped whole once all its times are older
/// than the retention before the latest record checked: memory holds between one
/// and one and an eighth retentions of contacts, with no per-entry expiry queue.
/// A bucket keeps its records' ids as bytes in one buffer, and its entries in flat
/// arrays with a `UInt32` slot table: a contact costs about 40 bytes, and its record
/// about 14 bytes plus the id, whatever the number of records.
///
/// A check only sees entries not later than the record, so the result does not
/// depend on whether an earlier run already saw a later record.
public struct DuplicateIndex: Sendable {
  /// Buckets in time order (by ``ContactBucket/number``).
  private var buckets: [ContactBucket] = []
  /// A dropped bucket, kept so its arrays are reused.
  private var spare: ContactBucket?
  /// Campaign ids as small numbers, part of every entry's key.
  private var campaignNumbers: [String: UInt32] = [:]
  private let retention: Int64
  private let span: Int64
  /// The latest time checked: buckets are dropped relative to it.
  private var latest = Int64.min

  /// - Parameter retentionDays: the longest `duplicate_window_days` of any campaign.
  public init(retentionDays: Int) {
    retention = Int64(max(retentionDays, 1)) * 86_400_000
    span = max(retention / 8, 1)
  }

  /// The most recent earlier record of `campaign` with one of `keys` inside `windowDays`
  /// before `time`; then remembers `keys` as seen on this record.
  public mutating func check(
    campaign: String, keys: [ContactKey], windowDays: Int, record: EarlierContact
  ) -> (key: ContactKey, earlier: EarlierContact)? {
    let time = record.time.milliseconds
    if time > latest {
      latest = time
      dropExpired()
    }
    let tag = tag(of: campaign)
    let window = Int64(windowDays) * 86_400_000
    var found: (key: ContactKey, earlier: EarlierContact)?
    for key in keys {
      if let earlier = latestEntry(tag: tag, key: key, atOrBefore: time, notBefore: time - window) {
        found = (key, earlier)
        break
      }
    }
    insert(tag: tag, keys: keys, record)
    return found
  }

  /// Adds contacts remembered from earlier runs (in any order).
  public mutating func preload(campaign: String, key: ContactKey, earlier: EarlierContact) {
    insert(tag: tag(of: campaign), keys: CollectionOfOne(key), earlier)
  }

  /// Entries currently held.
  public var count: Int { buckets.reduce(0) { $0 + $1.entryCount } }

  private mutating func tag(of campaign: String) -> UInt32 {
    if let number = campaignNumbers[campaign] { return number }
    let number = UInt32(campaignNumbers.count)
    campaignNumbers[campaign] = number
    return number
  }

  private func bucketNumber(_ time: Int64) -> Int64 {
    time >= 0 ? time / span : -((-time + span - 1) / span)
  }

  /// Drops the oldest buckets once all their times are past the retention.
  private mutating func dropExpired() {
    let cutoff = latest &- retention
    while let first = buckets.first, (first.number + 1) * span <= cutoff {
      spare = buckets.removeFirst()
    }
  }

  /// The latest entry of `key` in `[notBefore, atOrBefore]`; the one added last among equal times.
  private func latestEntry(tag: UInt32, key: ContactKey, atOrBefore time: Int64, notBefore: Int64)
    -> EarlierContact?
  {
    let newest = bucketNumber(time)
    let entryTag = tag << 2 | UInt32(key.kind.rawValue)
    for index in buckets.indices.reversed() {
      let bucket = buckets[index]
      if bucket.number > newest { continue }
      if (bucket.number + 1) * span <= notBefore { break }
      if let record = bucket.latest(key.high, key.low, entryTag, atOrBefore: time) {
        let found = bucket.contact(record)
        return found.time.milliseconds >= notBefore ? found : nil
      }
    }
    return nil
  }

  private mutating func insert<Keys: Collection<ContactKey>>(
    tag: UInt32, keys: Keys, _ record: EarlierContact
  ) {
    let number = bucketNumber(record.time.milliseconds)
    var position = buckets.count
    while position > 0, buckets[position - 1].number > number { position -= 1 }
    if position == 0 || buckets[position - 1].number != number {
      var bucket = spare ?? ContactBucket()
      spare = nil
      bucket.reset(number: number, expected: buckets.last?.entryCount ?? 0)
      buckets.insert(bucket, at: position)
      position += 1
    }
    buckets[position - 1].add(tag: tag, keys: keys, record)
  }
}

/// One bucket of ``DuplicateIndex``: its records (time, type, id bytes) and their
/// contact entries, in flat arrays; an open-addressing table (linear probing, at most
/// half full) holds the newest entry of each key, and each entry the one added before
/// it with the same key.
struct ContactBucket: Sendable {
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
  private var previous: [UInt32] = []
  /// Position + 1 of the newest entry of a key, or 0 for an empty slot.
  private var slots: [UInt32] = []
  private var mask = 0
  /// Distinct keys (occupied slots).
  private var keyCount = 0
  /// Whether every record came at or after the one before.
  private var inTimeOrder = true

  var entryCount: Int { highs.count }

  /// Forgets every record, keeping room for about `expected` entries.
  mutating func reset(number: Int64, expected: Int) {
    self.number = number
    let room = expected + expected / 8 + 16
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
    previous.removeAll(keepingCapacity: true)
    previous.reserveCapacity(room)
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
      previous.append(found)
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

  /// The record of the newest-time entry of a key at or before `time` (the one added
  /// last among equal times).
  ///
  /// While the bucket's records came in time order (the usual case), a key's chain,
  /// newest added first, is in time order too, and the first entry at or before `time`
  /// is the answer: a contact repeated many times costs one step, not one per repeat.
  func latest(_ high: UInt64, _ low: UInt64, _ tag: UInt32, atOrBefore time: Int64) -> UInt32? {
    var slot = Self.start(high, low, tag) & mask
    while slots[slot] != 0 {
      var entry = Int(slots[slot]) - 1
      if highs[entry] == high && lows[entry] == low && tags[entry] == tag {
        var best: UInt32?
        var bestTime = Int64.min
        while true {
          let record = records[entry]
          let recordTime = times[Int(record)]
          if recordTime <= time, best == nil || recordTime > bestTime {
            if inTimeOrder { return record }
            best = record
            bestTime = recordTime
          }
          if previous[entry] == 0 { return best }
          entry = Int(previous[entry]) - 1
        }
      }
      slot = (slot + 1) & mask
    }
    return nil
  }

  func contact(_ record: UInt32) -> EarlierContact {
    let index = Int(record)
    let start = index == 0 ? 0 : Int(idEnds[index - 1])
    let id = String(decoding: idBytes[start..<Int(idEnds[index])], as: UTF8.self)
    return EarlierContact(id: id, type: types[index], time: Timestamp(milliseconds: times[index]))
  }

  /// The home slot of a key: the tag is mixed into the digest's words (not only into
  /// ``FlatKey/kind``, whose mix keeps only its low byte).
  private static func start(_ high: UInt64, _ low: UInt64, _ tag: UInt32) -> Int {
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
