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
  /// last (segments were added in order, the one in memory last). (`mutating` only so
  /// that a bucket in an array is read in place, not copied: see ``DuplicateIndex``.)
  mutating func latest(_ high: UInt64, _ low: UInt64, _ tag: UInt32, atOrBefore time: Int64)
    -> EarlierContact?
  {
    var best: EarlierContact?
    if live.entryCount > 0, let record = live.latest(high, low, tag, atOrBefore: time) {
      best = live.contact(Int(record))
    }
    guard !spilled.isEmpty, filter.mayContain(high, low, tag) else { return best }
    for segment in spilled.reversed() {
      // A segment with no time after the best so far, or none at or before `time`,
      // cannot give the answer (an earlier segment loses ties): its filter is not asked.
      if let found = best, segment.newest <= found.time.milliseconds { continue }
      if segment.oldest > time { continue }
      guard segment.filter.mayContain(high, low, tag),
        let record = segment.latest(high, low, tag, atOrBefore: time)
      else { continue }
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
      // Room for twice as many: the segments written before are read back; the new
      // one's keys are still in memory.
      filter = KeyFilter(capacity: max(2 * spilledEntries, expected))
      for other in spilled.dropLast() { other.forEachKey { filter.insert($0, $1, $2) } }
    }
    live.forEachKey { filter.insert($0, $1, $2) }
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
  /// The oldest and newest record times in it.
  let oldest: Int64
  let newest: Int64

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
    (oldest, newest) = bucket.timeRange
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
    let raw = file.load(UInt8.self, at: types + Int64(record))
    guard let type = RecordType(rawValue: raw) else {
      file.noteCorrupt("a record type of \(raw)")
      return EarlierContact(id: "", type: .lead, time: Timestamp(milliseconds: time(record)))
    }
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
