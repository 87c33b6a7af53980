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
    self.lagMilliseconds = max(lagMilliseconds, 0)
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
/// past, and only Bloom filters of it stay in memory (3 to 5 bytes a contact: one filter
/// per segment, one per bucket). Memory then holds about one segment (plus records that
/// came later than the lag, until the next bucket ends) and the filters, and a look-up
/// reads the disk only where the filters say "maybe" (the contact was seen, or about 1
/// in 200 of those not seen).
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
  public init(retentionDays: Int, spill: DuplicateSpill = .off) {
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
    let (past, overflow) = latest.subtractingReportingOverflow(spill.lagMilliseconds)
    guard !overflow, past > .min else { return }
    let below = bucketNumber(past)
    guard below > sealedBelow else { return }
    sealedBelow = below
    for index in buckets.indices where buckets[index].number < below {
      if buckets[index].live.entryCount > 0 { spillLive(index, keepRoom: false) }
    }
  }

  /// The latest entry of `key` in `[notBefore, atOrBefore]`; the one added last among equal times.
  /// (`mutating` only so that the buckets are read in place: read through the array, or
  /// its buffer, each bucket looked at was copied and destroyed, its arrays retained and
  /// released: about 375 and 260 instructions; callgrind.)
  private mutating func latestEntry(
    tag: UInt32, key: ContactKey, atOrBefore time: Int64, notBefore: Int64
  )
    -> EarlierContact?
  {
    let newest = bucketNumber(time)
    let entryTag = tag << 2 | UInt32(key.kind.rawValue)
    for index in buckets.indices.reversed() {
      let number = buckets[index].number
      if number > newest { continue }
      if (number + 1) * span <= notBefore { break }
      if let found = buckets[index].latest(key.high, key.low, entryTag, atOrBefore: time) {
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
      if spill.file != nil {
        live.reset(number: number, room: index == buckets.count - 1 ? spill.entries : 16)
      } else {
        live.reset(number: number, expected: buckets.last?.entryCount ?? 0)
      }
      buckets[index].live = live
    }
    buckets[index].live.add(tag: tag, keys: keys, record)
    if spill.file != nil, buckets[index].live.entryCount >= spill.entries {
      // Only the newest bucket keeps its room: preloads and late records into older
      // ones are few, and room for a full segment in each would add up.
      spillLive(index, keepRoom: index == buckets.count - 1 && latest != .min)
    }
  }

  /// Writes a bucket's segment in memory to disk (it stays in memory when that fails).
  private mutating func spillLive(_ index: Int, keepRoom: Bool) {
    guard let file = spill.file, file.isUsable else { return }
    let expected = index > 0 ? buckets[index - 1].entryCount : 0
    guard buckets[index].spillLive(to: file, expected: expected) else { return }
    if keepRoom {
      buckets[index].live.reset(number: buckets[index].number, room: spill.entries)
    } else {
      if spare == nil { spare = buckets[index].live }
      buckets[index].live = ContactBucket()
    }
  }
}
