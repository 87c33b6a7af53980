/// A normalized contact that makes two leads or calls the same person.
public enum ContactKey: Hashable, Sendable {
  case phone(UInt64)
  case email(String)
}

/// The earlier record a duplicate repeats.
public struct EarlierContact: Sendable, Equatable {
  public var id: String
  public var type: RecordType
  public var time: Timestamp
}

/// Phones and emails of earlier leads and calls, per campaign, within the
/// longest duplicate window; older entries are swept out as time moves on.
public struct DuplicateIndex: Sendable {
  private var seen: [String: [ContactKey: EarlierContact]] = [:]
  private let retention: Int64
  private var lastSweep: Int64?

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
      if found == nil, let earlier = seen[campaign]?[key],
        record.time.milliseconds - earlier.time.milliseconds <= window
      {
        found = (key, earlier)
      }
      seen[campaign, default: [:]][key] = record
    }
    return found
  }

  /// Drops entries older than the retention, at most once an hour of stream time.
  private mutating func sweep(at time: Int64) {
    if let lastSweep, time - lastSweep < 3_600_000 { return }
    lastSweep = time
    let cutoff = time - retention
    for campaign in seen.keys {
      seen[campaign] = seen[campaign]?.filter { $0.value.time.milliseconds >= cutoff }
    }
  }

  /// Keys currently held.
  public var count: Int { seen.values.reduce(0) { $0 + $1.count } }
}
