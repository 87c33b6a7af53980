import DequeModule

/// Counts events per key over a trailing time window.
///
/// Events must be added in time order (the pipeline's reorder buffer sees to
/// it); memory holds only the events inside the window, so it is bounded by
/// the traffic rate, not by the length of the input.
public struct SlidingWindowCounter<Key: Hashable & Sendable>: Sendable {
  /// Window length in milliseconds.
  public let window: Int64
  private var events: Deque<(time: Int64, key: Key)> = []
  private var counts: [Key: Int32] = [:]

  public init(windowSeconds: Int) {
    window = Int64(windowSeconds) * 1000
  }

  /// Forgets events that fell out of the window ending at `time`.
  public mutating func advance(to time: Int64) {
    let cutoff = time - window
    while let first = events.first, first.time < cutoff {
      events.removeFirst()
      // One hash per event: find the slot once, then change it in place.
      guard let index = counts.index(forKey: first.key) else { continue }
      if counts.values[index] > 1 {
        counts.values[index] -= 1
      } else {
        counts.remove(at: index)
      }
    }
  }

  /// Adds an event and returns the key's count in the window, this event included.
  public mutating func add(_ key: Key, at time: Int64) -> Int {
    advance(to: time)
    events.append((time, key))
    return Int(Self.increment(&counts[key, default: 0]))
  }

  /// Adds one in place (a single hash through the dictionary's modify accessor).
  private static func increment(_ count: inout Int32) -> Int32 {
    count += 1
    return count
  }

  /// The key's count in the window ending at `time`, without adding anything.
  public mutating func count(_ key: Key, at time: Int64) -> Int {
    advance(to: time)
    return Int(counts[key] ?? 0)
  }

  /// Events currently held.
  public var size: Int { events.count }
}
