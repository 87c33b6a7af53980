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

/// When ``DuplicateIndex`` writes contacts to disk.
public struct DuplicateSpill: Sendable {
  /// Where sealed segments go; `nil` keeps everything in memory.
  public var file: SpillFile?
  /// Entries of a bucket kept in memory before they are written out as one segment.
  public var entries: Int
  /// How long after a bucket's end its last entries are written out (records later
  /// than that, out of order, are still taken: they start a new segment).
  public var lagMilliseconds: Int64

  public init(file: SpillFile?, entries: Int = 32_768, lagMilliseconds: Int64 = 3_600_000) {
    self.file = file
    self.entries = max(entries, 1)
    self.lagMilliseconds = lagMilliseconds
  }

  /// A temporary file in `$TMPDIR` (else `/tmp`), segments of 32,768 entries.
  public static var standard: DuplicateSpill { DuplicateSpill(file: SpillFile()) }
  /// Everything in memory.
  public static var off: DuplicateSpill { DuplicateSpill(file: nil) }
}

/// Phones and emails (as ``ContactKey`` digests) of earlier leads and calls,
/// per campaign, within the longest duplicate window; older entries are dropped
/// as time moves on.
///
/// Entries live in buckets of an eighth of the retention by their own time (not by
/// arrival), so records preloaded from an earlier run or arriving out of order go
/// where their time says. A bucket is dropped whole once all its times are older
/// than the retention before the latest record checked, with no per-entry expiry
/// queue.
///
/// A bucket's entries are added to a segment in memory: flat arrays with a `UInt32`
/// slot table, a contact about 40 bytes, its record about 14 bytes plus the id. With a
/// ``DuplicateSpill`` file, a segment is written to disk once it holds
/// ``DuplicateSpill/entries`` entries, or once its bucket is an hour (the lag) in the
/// past, and only a Bloom filter of it stays in memory (about 3 bytes a contact: one
/// per segment, one per bucket). Memory then holds about one segment however long the
/// windows, and a look-up reads the disk only where the filters say "maybe" (the
/// contact was seen, or about 1 in 100 of those not seen).
///
/// A check only sees entries not later than the record, so the result does not
/// depend on whether an earlier run already saw a later record.
public struct DuplicateIndex: Sendable {
  /// Buckets in time order (by ``TimeBucket/number``).
  private var buckets: [TimeBucket] = []
  /// The arrays of a dropped or sealed segment, kept for reuse.
  private var spare: ContactBucket?
  /// Campaign ids as small numbers, part of every entry's key.
  private var campaignNumbers: [String: UInt32] = [:]
  private let retention: Int64
  private let span: Int64
  private let spill: DuplicateSpill
  /// The latest time checked: buckets are dropped and sealed relative to it.
  private var latest = Int64.min
  /// Buckets numbered below this are sealed: their entries go to disk.
  private var sealedBelow = Int64.min

  /// - Parameter retentionDays: the longest `duplicate_window_days` of any campaign.
  /// - Parameter spill: where and when entries go to disk.
  public init(retentionDays: Int, spill: DuplicateSpill = .standard) {
    retention = Int64(max(retentionDays, 1)) * 86_400_000
    span = max(retention / 8, 1)
    self.spill = spill
  }

  /// The file segments are written to, if any (its ``SpillFile/failure`` must stop a run).
  public var spillFile: SpillFile? { spill.file }

  /// The most recent earlier record of `campaign` with one of `keys` inside `windowDays`
  /// before `time`; then remembers `keys` as seen on this record.
  public mutating func check(
    campaign: String, keys: [ContactKey], windowDays: Int, record: EarlierContact
  ) -> (key: ContactKey, earlier: EarlierContact)? {
    let time = record.time.milliseconds
    if time > latest {
      latest = time
      dropExpired()
      sealPast()
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

  /// Entries currently held, in memory or on disk.
  public var count: Int { buckets.reduce(0) { $0 + $1.entryCount } }
  /// Entries currently held in memory.
  public var liveCount: Int { buckets.reduce(0) { $0 + $1.live.entryCount } }
  /// Segments on disk.
  public var spilledSegments: Int { buckets.reduce(0) { $0 + $1.spilled.count } }

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
      let dropped = buckets.removeFirst()
      if spare == nil, dropped.live.hasRoom { spare = dropped.live }
    }
  }

  /// Writes out what buckets that ended more than the lag ago still hold in memory.
  private mutating func sealPast() {
    guard spill.file != nil else { return }
    let below = bucketNumber(latest &- spill.lagMilliseconds)
    guard below > sealedBelow else { return }
    sealedBelow = below
    for index in buckets.indices where buckets[index].number < below {
      if buckets[index].live.entryCount > 0 { spillLive(index, keepRoom: false) }
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
      if let found = bucket.latest(key.high, key.low, entryTag, atOrBefore: time) {
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
      buckets.insert(TimeBucket(number: number), at: position)
      position += 1
    }
    let index = position - 1
    if !buckets[index].live.hasRoom {
      var live = spare ?? ContactBucket()
      spare = nil
      let expected = number >= sealedBelow ? (buckets.last?.entryCount ?? 0) : 0
      live.reset(number: number, expected: min(expected, spill.file == nil ? .max : spill.entries))
      buckets[index].live = live
    }
    buckets[index].live.add(tag: tag, keys: keys, record)
    if spill.file != nil, buckets[index].live.entryCount >= spill.entries {
      spillLive(index, keepRoom: number >= sealedBelow)
    }
  }

  /// Writes a bucket's segment in memory to disk (it stays in memory when that fails).
  private mutating func spillLive(_ index: Int, keepRoom: Bool) {
    guard let file = spill.file, file.isUsable else { return }
    let expected = index > 0 ? buckets[index - 1].entryCount : 0
    guard buckets[index].spillLive(to: file, expected: expected) else { return }
    if keepRoom {
      buckets[index].live.reset(number: buckets[index].number, expected: spill.entries)
    } else {
      if spare == nil { spare = buckets[index].live }
      buckets[index].live = ContactBucket()
    }
  }
}

/// One time bucket of ``DuplicateIndex``: a segment in memory and the segments
/// written to disk, with one filter over all of those.
struct TimeBucket: Sendable {
  let number: Int64
  var live = ContactBucket()
  var spilled: [SpilledSegment] = []
  /// The keys of every spilled segment.
  var filter = KeyFilter()
  var spilledEntries = 0

  init(number: Int64) {
    self.number = number
  }

  var entryCount: Int { live.entryCount + spilledEntries }

  /// The newest entry of a key at or before `time`; among equal times the one added
  /// last (segments were added in order, the one in memory last).
  func latest(_ high: UInt64, _ low: UInt64, _ tag: UInt32, atOrBefore time: Int64)
    -> EarlierContact?
  {
    var best: EarlierContact?
    if live.entryCount > 0, let record = live.latest(high, low, tag, atOrBefore: time) {
      best = live.contact(Int(record))
    }
    guard !spilled.isEmpty, filter.mayContain(high, low, tag) else { return best }
    for segment in spilled.reversed() where segment.filter.mayContain(high, low, tag) {
      guard let record = segment.latest(high, low, tag, atOrBefore: time) else { continue }
      let recordTime = segment.time(Int(record))
      if let found = best, found.time.milliseconds >= recordTime { continue }
      best = segment.contact(Int(record))
    }
    return best
  }

  /// Writes the segment in memory out and adds it to the filter; `false` when it
  /// could not be written (it stays in memory).
  mutating func spillLive(to file: SpillFile, expected: Int) -> Bool {
    guard let segment = SpilledSegment(live, file: file) else { return false }
    spilled.append(segment)
    spilledEntries += segment.entryCount
    if spilledEntries > filter.capacity {
      filter = KeyFilter(capacity: max(2 * spilledEntries, expected))
      for other in spilled { other.forEachKey { filter.insert($0, $1, $2) } }
      if file.failure != nil { return true }  // the run stops; the filter does not matter
    } else {
      live.forEachKey { filter.insert($0, $1, $2) }
    }
    return true
  }
}

/// Read access to a segment's arrays, wherever they are: the look-up is written once.
protocol ContactSegment {
  var mask: Int { get }
  var inTimeOrder: Bool { get }
  func slot(_ index: Int) -> UInt32
  func high(_ entry: Int) -> UInt64
  func low(_ entry: Int) -> UInt64
  func tag(_ entry: Int) -> UInt32
  func record(_ entry: Int) -> UInt32
  func previous(_ entry: Int) -> UInt32
  func time(_ record: Int) -> Int64
}

extension ContactSegment {
  /// The record of the newest-time entry of a key at or before `time` (the one added
  /// last among equal times).
  ///
  /// While the segment's records came in time order (the usual case), a key's chain,
  /// newest added first, is in time order too, and the first entry at or before `time`
  /// is the answer: a contact repeated many times costs one step, not one per repeat.
  @inline(__always)
  func latest(_ high: UInt64, _ low: UInt64, _ tag: UInt32, atOrBefore time: Int64) -> UInt32? {
    var slot = ContactBucket.start(high, low, tag) & mask
    while true {
      let occupant = self.slot(slot)
      if occupant == 0 { return nil }
      var entry = Int(occupant) - 1
      if self.high(entry) == high && self.low(entry) == low && self.tag(entry) == tag {
        var best: UInt32?
        var bestTime = Int64.min
        while true {
          let record = self.record(entry)
          let recordTime = self.time(Int(record))
          if recordTime <= time, best == nil || recordTime > bestTime {
            if inTimeOrder { return record }
            best = record
            bestTime = recordTime
          }
          let before = previous(entry)
          if before == 0 { return best }
          entry = Int(before) - 1
        }
      }
      slot = (slot + 1) & mask
    }
  }
}

/// A ``ContactBucket`` written to a ``SpillFile``: its arrays one after the other,
/// read back element by element with `pread(2)`, and a filter of its keys in memory.
/// The region is given back to the file system when the last copy goes.
final class SpilledSegment: ContactSegment, @unchecked Sendable {
  private let file: SpillFile
  private let start: Int64
  private let length: Int64
  private let slots: Int64
  private let highs: Int64
  private let lows: Int64
  private let tags: Int64
  private let records: Int64
  private let previouses: Int64
  private let times: Int64
  private let types: Int64
  private let idEnds: Int64
  private let idBytes: Int64
  let mask: Int
  let inTimeOrder: Bool
  let entryCount: Int
  let filter: KeyFilter

  /// Writes `bucket` out; `nil` when the file cannot take it.
  init?(_ bucket: ContactBucket, file: SpillFile) {
    guard let regions = bucket.write(to: file) else { return nil }
    self.file = file
    start = regions[0]
    length = regions[10] - regions[0]
    (slots, highs, lows, tags, records) = (
      regions[0], regions[1], regions[2], regions[3], regions[4]
    )
    (previouses, times, types, idEnds, idBytes) =
      (regions[5], regions[6], regions[7], regions[8], regions[9])
    mask = bucket.mask
    inTimeOrder = bucket.inTimeOrder
    entryCount = bucket.entryCount
    var filter = KeyFilter(capacity: bucket.entryCount)
    bucket.forEachKey { filter.insert($0, $1, $2) }
    self.filter = filter
  }

  deinit {
    file.discard(offset: start, length: length)
  }

  func slot(_ index: Int) -> UInt32 { file.load(UInt32.self, at: slots + Int64(index) * 4) }
  func high(_ entry: Int) -> UInt64 { file.load(UInt64.self, at: highs + Int64(entry) * 8) }
  func low(_ entry: Int) -> UInt64 { file.load(UInt64.self, at: lows + Int64(entry) * 8) }
  func tag(_ entry: Int) -> UInt32 { file.load(UInt32.self, at: tags + Int64(entry) * 4) }
  func record(_ entry: Int) -> UInt32 { file.load(UInt32.self, at: records + Int64(entry) * 4) }
  func previous(_ entry: Int) -> UInt32 {
    file.load(UInt32.self, at: previouses + Int64(entry) * 4)
  }
  func time(_ record: Int) -> Int64 { file.load(Int64.self, at: times + Int64(record) * 8) }

  func contact(_ record: Int) -> EarlierContact {
    let from = record == 0 ? 0 : Int(file.load(UInt32.self, at: idEnds + Int64(record - 1) * 4))
    let to = Int(file.load(UInt32.self, at: idEnds + Int64(record) * 4))
    var bytes = [UInt8](repeating: 0, count: max(to - from, 0))
    bytes.withUnsafeMutableBytes { file.read(into: $0, at: idBytes + Int64(from)) }
    let type = RecordType(rawValue: file.load(UInt8.self, at: types + Int64(record))) ?? .lead
    return EarlierContact(
      id: String(decoding: bytes, as: UTF8.self), type: type,
      time: Timestamp(milliseconds: time(record)))
  }

  /// Calls `body` with every entry's key, reading the arrays back in chunks.
  func forEachKey(_ body: (UInt64, UInt64, UInt32) -> Void) {
    let chunk = 4_096
    var highChunk = [UInt64](repeating: 0, count: chunk)
    var lowChunk = [UInt64](repeating: 0, count: chunk)
    var tagChunk = [UInt32](repeating: 0, count: chunk)
    var from = 0
    while from < entryCount {
      let n = min(chunk, entryCount - from)
      highChunk.withUnsafeMutableBytes {
        file.read(
          into: UnsafeMutableRawBufferPointer(rebasing: $0[..<(n * 8)]), at: highs + Int64(from) * 8
        )
      }
      lowChunk.withUnsafeMutableBytes {
        file.read(
          into: UnsafeMutableRawBufferPointer(rebasing: $0[..<(n * 8)]), at: lows + Int64(from) * 8)
      }
      tagChunk.withUnsafeMutableBytes {
        file.read(
          into: UnsafeMutableRawBufferPointer(rebasing: $0[..<(n * 4)]), at: tags + Int64(from) * 4)
      }
      for i in 0..<n { body(highChunk[i], lowChunk[i], tagChunk[i]) }
      from += n
    }
  }
}

/// One bucket of ``DuplicateIndex``: its records (time, type, id bytes) and their
/// contact entries, in flat arrays; an open-addressing table (linear probing, at most
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
