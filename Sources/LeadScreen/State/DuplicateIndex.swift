import HeapModule

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
/// per campaign, within the longest duplicate window; older entries are swept
/// out as time moves on.
///
/// A key usually has one entry; it has several only when records of it were
/// preloaded from an earlier run, or arrive, out of time order. A check only
/// sees entries not later than the record, so the result does not depend on
/// whether an earlier run already saw a later record.
public struct DuplicateIndex: Sendable {
  private var seen: [String: [ContactKey: [EarlierContact]]] = [:]
  /// Every entry's time, oldest first, so a sweep visits only what expires.
  private var expiries = Heap<Expiry>()
  private let retention: Int64
  private var lastSweep: Int64?

  private struct Expiry: Comparable, Sendable {
    var time: Int64
    var campaign: String
    var key: ContactKey

    static func < (a: Expiry, b: Expiry) -> Bool { a.time < b.time }
    static func == (a: Expiry, b: Expiry) -> Bool { a.time == b.time }
  }

  /// - Parameter retentionDays: the longest `duplicate_window_days` of any campaign.
  public init(retentionDays: Int) {
    retention = Int64(max(retentionDays, 1)) * 86_400_000
  }

  /// The most recent earlier record of `campaign` with one of `keys` inside `windowDays`
  /// before `time`; then remembers `keys` as seen on this record.
  public mutating func check(
    campaign: String, keys: [ContactKey], windowDays: Int, record: EarlierContact
  ) -> (key: ContactKey, earlier: EarlierContact)? {
    sweep(at: record.time.milliseconds)
    let window = Int64(windowDays) * 86_400_000
    var found: (key: ContactKey, earlier: EarlierContact)?
    for key in keys {
      if found == nil, let earlier = latest(campaign: campaign, key: key, atOrBefore: record.time),
        record.time.milliseconds - earlier.time.milliseconds <= window
      {
        found = (key, earlier)
      }
      insert(campaign: campaign, key: key, record)
    }
    return found
  }

  /// Adds contacts remembered from earlier runs (in any order).
  public mutating func preload(campaign: String, key: ContactKey, earlier: EarlierContact) {
    insert(campaign: campaign, key: key, earlier)
  }

  private func latest(campaign: String, key: ContactKey, atOrBefore time: Timestamp)
    -> EarlierContact?
  {
    guard let entries = seen[campaign]?[key] else { return nil }
    return entries.last { $0.time <= time }
  }

  /// Keeps the entries of a key in time order (appending is the common case).
  private mutating func insert(campaign: String, key: ContactKey, _ record: EarlierContact) {
    var entries = seen[campaign, default: [:]].removeValue(forKey: key) ?? []
    var index = entries.count
    while index > 0, entries[index - 1].time > record.time { index -= 1 }
    entries.insert(record, at: index)
    seen[campaign, default: [:]][key] = entries
    expiries.insert(Expiry(time: record.time.milliseconds, campaign: campaign, key: key))
  }

  /// Drops entries older than the retention, at most once an hour of stream time.
  private mutating func sweep(at time: Int64) {
    if let lastSweep, time - lastSweep < 3_600_000 { return }
    lastSweep = time
    let cutoff = time - retention
    while let oldest = expiries.min, oldest.time < cutoff {
      expiries.removeMin()
      guard var entries = seen[oldest.campaign]?.removeValue(forKey: oldest.key) else { continue }
      entries.removeAll { $0.time.milliseconds < cutoff }
      if !entries.isEmpty { seen[oldest.campaign]?[oldest.key] = entries }
    }
  }

  /// Keys currently held.
  public var count: Int { seen.values.reduce(0) { $0 + $1.count } }
}
