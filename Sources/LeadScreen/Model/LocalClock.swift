import Foundation
import Synchronization

/// Local time of day in a campaign's time zone. The UTC offset of a zone is
/// looked up once per zone per UTC day (Foundation's `TimeZone` is far too slow
/// to ask per record) and cached; shared by threads behind a mutex.
public final class LocalClock: Sendable {
  private struct Key: Hashable {
    var zone: String
    var day: Int64
  }

  private let offsets = Mutex<[Key: Int64]>([:])

  public init() {}

  /// The local hour (0 ..< 24, fractional) at `time` in the IANA zone `zone`;
  /// UTC when the zone is `nil` or unknown.
  public func hour(at time: Timestamp, zone: String?) -> Double {
    let seconds = time.seconds
    let offset = zone.map { self.offset(zone: $0, at: seconds) } ?? 0
    let local = seconds + offset
    let secondOfDay = ((local % 86_400) + 86_400) % 86_400
    return Double(secondOfDay) / 3600
  }

  /// Seconds east of UTC for `zone` on the UTC day of `seconds` (taken at the
  /// start of that day).
  public func offset(zone: String, at seconds: Int64) -> Int64 {
    let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let key = Key(zone: zone, day: day)
    if let cached = offsets.withLock({ $0[key] }) { return cached }
    let date = Date(timeIntervalSince1970: Double(day * 86_400))
    let offset = Int64(TimeZone(identifier: zone)?.secondsFromGMT(for: date) ?? 0)
    offsets.withLock { cache in
      if cache.count > 100_000 { cache.removeAll() }
      cache[key] = offset
    }
    return offset
  }
}
