import DequeModule

/// Counts events per key over a trailing time window.
///
/// Events must be added in time order (the pipeline's reorder buffer sees to
/// it); memory holds only the events inside the window, so it is bounded by
/// the traffic rate, not by the length of the input.
/// Keys are held as ``FlatKey``s in a ``CountTable`` (IPv4 keys in the smaller
/// ``NarrowCountTable``): no `Hasher`, no per-key allocation.
public struct SlidingWindowCounter<Key: FlatKeyConvertible>: Sendable {
  /// Window length in milliseconds.
  public let window: Int64
  private var events: Deque<(time: Int64, key: FlatKey)> = []
  private var counts = CountTable()
  private var narrow = NarrowCountTable()

  public init(windowSeconds: Int) {
    window = Int64(windowSeconds) * 1000
  }

  /// Forgets events that fell out of the window ending at `time`.
  public mutating func advance(to time: Int64) {
    let cutoff = time - window
    while let first = events.first, first.time < cutoff {
      events.removeFirst()
      if let key = Self.narrowKey(first.key) {
        narrow.decrement(key)
      } else {
        counts.decrement(first.key)
      }
    }
  }

  /// Adds an event and returns the key's count in the window, this event included.
  public mutating func add(_ key: Key, at time: Int64) -> Int {
    advance(to: time)
    let flat = key.flatKey
    events.append((time, flat))
    if let narrowKey = Self.narrowKey(flat) { return Int(narrow.increment(narrowKey)) }
    return Int(counts.increment(flat))
  }

  /// The 32-bit key of an IPv4 address or network.
  @inline(__always)
  private static func narrowKey(_ key: FlatKey) -> UInt32? {
    key.kind == 4 ? UInt32(truncatingIfNeeded: key.low) : nil
  }

  /// The key's count in the window ending at `time`, without adding anything.
  public mutating func count(_ key: Key, at time: Int64) -> Int {
    advance(to: time)
    let flat = key.flatKey
    if let narrowKey = Self.narrowKey(flat) { return Int(narrow.count(of: narrowKey)) }
    return Int(counts.count(of: flat))
  }

  /// Events currently held.
  public var size: Int { events.count }
}
