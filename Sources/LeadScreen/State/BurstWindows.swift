/// Clicks per IP address and per network (/24 for IPv4, /64 for IPv6) over trailing
/// time windows, for `ip_burst`.
///
/// Clicks must be added in time order (the pipeline's reorder buffer sees to it).
/// One queue of the clicks' addresses serves both counts: a cursor per window marks
/// the clicks already counted out of it, and a click leaves the queue once it is
/// out of both. Memory holds only the clicks inside the longer window, so it is
/// bounded by the traffic rate, not by the length of the input. Counts are kept per
/// ``FlatKey`` in a ``CountTable`` (IPv4 keys in the smaller ``NarrowCountTable``):
/// no `Hasher`, no per-key allocation.
public struct BurstWindows: Sendable {
  /// Window lengths in milliseconds.
  public let ipWindow: Int64
  public let subnetWindow: Int64
  private var events = EventRing()
  /// Clicks at the front of `events` already out of the IP window, and of the subnet one.
  private var ipExpired = 0
  private var subnetExpired = 0
  private var perIP = KeyCounts()
  private var perSubnet = KeyCounts()
  /// Shared only by copies of these windows: while it is this value's alone, so are the
  /// tables and the ring (they are private, and a copy shares all of them or none), so
  /// one check before a change stands for the five a click's changes would make.
  private var owner = Owner()

  private final class Owner: Sendable {}

  /// Makes every storage of these windows their own (copies what a copy still shares).
  @inline(__always)
  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&owner) {
      owner = Owner()
      events.makeUnique()
      perIP.makeUnique()
      perSubnet.makeUnique()
    }
  }

  public init(ipWindowSeconds: Int, subnetWindowSeconds: Int) {
    ipWindow = Int64(ipWindowSeconds) * 1000
    subnetWindow = Int64(subnetWindowSeconds) * 1000
  }

  /// Counts out the clicks that fell out of the IP window ending at `time`.
  ///
  /// Each window is advanced only when it is read or added to, and clicks leave it in
  /// the order they came (a late click waits behind later ones), as two separate
  /// counters did: a late record (past `reorder_seconds`) sees the same counts.
  public mutating func advanceIP(to time: Int64) {
    makeUnique()
    let cutoff = time - ipWindow
    while ipExpired < events.count, events[ipExpired].time < cutoff {
      perIP.decrementOwned(events[ipExpired].ip)
      ipExpired += 1
    }
    dropExpired()
  }

  /// Counts out the clicks that fell out of the subnet window ending at `time`.
  public mutating func advanceSubnet(to time: Int64) {
    makeUnique()
    let cutoff = time - subnetWindow
    while subnetExpired < events.count, events[subnetExpired].time < cutoff {
      perSubnet.decrementOwned(Self.network(of: events[subnetExpired].ip))
      subnetExpired += 1
    }
    dropExpired()
  }

  /// Forgets the clicks that are out of both windows.
  private mutating func dropExpired() {
    let gone = min(ipExpired, subnetExpired)
    if gone > 0 {
      events.removeFirst(gone)
      ipExpired -= gone
      subnetExpired -= gone
    }
  }

  /// Adds a click from `ip` at `time`; returns the counts of its address and of its
  /// network in the windows ending then, this click included.
  public mutating func add(_ ip: IPAddress, at time: Int64) -> (ip: Int, subnet: Int) {
    makeUnique()
    if ipWindow == subnetWindow && ipExpired == subnetExpired {
      // Equal windows (the default) at the same place: one pass counts each click out
      // of both, as the two passes below would.
      let cutoff = time - ipWindow
      var expired = ipExpired
      while expired < events.count, events[expired].time < cutoff {
        let key = events[expired].ip
        perIP.decrementOwned(key)
        perSubnet.decrementOwned(Self.network(of: key))
        expired += 1
      }
      if expired > 0 { events.removeFirst(expired) }
      ipExpired = 0
      subnetExpired = 0
    } else {
      advanceIP(to: time)
      advanceSubnet(to: time)
    }
    let key = ip.flatKey
    events.appendOwned(time: time, ip: key)
    return (
      Int(perIP.incrementOwned(key)), Int(perSubnet.incrementOwned(Self.network(of: key)))
    )
  }

  /// Clicks from `ip` in the IP window ending at `time`, without adding one (the subnet
  /// window is left where it is).
  public mutating func count(_ ip: IPAddress, at time: Int64) -> Int {
    advanceIP(to: time)
    return Int(perIP.count(of: ip.flatKey))
  }

  /// Clicks from `ip`'s network in the subnet window ending at `time`, without adding
  /// one (the IP window is left where it is).
  public mutating func subnetCount(_ ip: IPAddress, at time: Int64) -> Int {
    advanceSubnet(to: time)
    return Int(perSubnet.count(of: Self.network(of: ip.flatKey)))
  }

  /// Brings into cache the count slots a click from `ip` at `time` will use (its address
  /// and network), and those of the clicks it will count out of the windows: a hint, for
  /// a click taken soon after. (The tables of a busy window are larger than the CPU's
  /// second-level cache; each count is a look-up at a random place.)
  @inline(__always)
  public func prefetch(_ ip: IPAddress, at time: Int64) {
    let key = ip.flatKey
    perIP.prefetch(key)
    perSubnet.prefetch(Self.network(of: key))
    // The clicks older than its windows' start: about one for each click that comes, but
    // several at once where a burst came a window earlier (asking for the second oldest
    // alone, half the samples of counting out were still that slot's load; perf, one
    // thread, the benchmark day). The click taken before this one may count out the first
    // of them itself; a few at most.
    let ipCutoff = time - ipWindow
    var index = ipExpired
    let ipEnd = min(events.count, ipExpired + Self.prefetchedExpiries)
    while index < ipEnd, events[index].time < ipCutoff {
      perIP.prefetch(events[index].ip)
      index += 1
    }
    let subnetCutoff = time - subnetWindow
    index = subnetExpired
    let subnetEnd = min(events.count, subnetExpired + Self.prefetchedExpiries)
    while index < subnetEnd, events[index].time < subnetCutoff {
      perSubnet.prefetch(Self.network(of: events[index].ip))
      index += 1
    }
  }

  /// How many of the clicks next to leave each window ``prefetch(_:at:)`` asks for.
  static let prefetchedExpiries = 4

  /// Clicks held (those inside the longer window, as of the last time given).
  public var size: Int { events.count }

  /// The key of an address key's network: ``IPAddress/subnet``'s key.
  @inline(__always)
  static func network(of key: FlatKey) -> FlatKey {
    key.kind == 4
      ? FlatKey(unchecked: 0, key.low & 0xFFFF_FF00, 4)
      : FlatKey(unchecked: key.high, 0, key.kind)
  }
}

/// Counts per ``FlatKey``: IPv4 keys in a ``NarrowCountTable``, others in a ``CountTable``.
struct KeyCounts: Sendable {
  private var wide = CountTable()
  private var narrow = NarrowCountTable()

  /// Makes both tables' storage their own (see ``CountTable/makeUnique()``).
  @inline(__always)
  mutating func makeUnique() {
    wide.makeUnique()
    narrow.makeUnique()
  }

  /// Adds one to `key`'s count, ``makeUnique()`` having been called since the last copy.
  @inline(__always)
  mutating func incrementOwned(_ key: FlatKey) -> Int32 {
    key.kind == 4
      ? narrow.incrementOwned(UInt32(truncatingIfNeeded: key.low)) : wide.incrementOwned(key)
  }

  /// Takes one from `key`'s count, ``makeUnique()`` having been called since the last copy.
  @inline(__always)
  mutating func decrementOwned(_ key: FlatKey) {
    if key.kind == 4 {
      narrow.decrementOwned(UInt32(truncatingIfNeeded: key.low))
    } else {
      wide.decrementOwned(key)
    }
  }

  @inline(__always)
  func prefetch(_ key: FlatKey) {
    if key.kind == 4 {
      narrow.prefetch(UInt32(truncatingIfNeeded: key.low))
    } else {
      wide.prefetch(key)
    }
  }

  @inline(__always)
  func count(of key: FlatKey) -> Int32 {
    key.kind == 4 ? narrow.count(of: UInt32(truncatingIfNeeded: key.low)) : wide.count(of: key)
  }
}

/// The clicks of ``BurstWindows``, oldest first: a ring of plain values in raw memory
/// (a `Deque` checked its indices and its buffer's uniqueness at every access: taking the
/// clicks of 100,000 lines into the windows cost 49.2M instructions that way, 45.0M this
/// way; callgrind). Copied when a copy of the windows is changed, as the standard
/// collections are.
struct EventRing: Sendable {
  struct Event: BitwiseCopyable {
    var time: Int64
    var ip: FlatKey
  }

  private var storage = RingStorage<Event>(capacity: 256)
  private var head = 0
  private(set) var count = 0

  /// The `index`-th oldest event (`index` below ``count``).
  @inline(__always)
  subscript(index: Int) -> Event {
    storage.slots[(head &+ index) & (storage.capacity &- 1)]
  }

  /// Makes the storage this ring's own, copying it when it is shared.
  @inline(__always)
  mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { reallocate(capacity: storage.capacity) }
  }

  /// Adds an event, ``makeUnique()`` having been called since the ring was last copied.
  mutating func appendOwned(time: Int64, ip: FlatKey) {
    if count == storage.capacity { reallocate(capacity: storage.capacity * 2) }
    (storage.slots + ((head &+ count) & (storage.capacity &- 1)))
      .initialize(to: Event(time: time, ip: ip))
    count &+= 1
  }

  /// Moves the events to a new storage of `capacity` slots, from slot 0.
  private mutating func reallocate(capacity: Int) {
    let new = RingStorage<Event>(capacity: capacity)
    for index in 0..<count { (new.slots + index).initialize(to: self[index]) }
    storage = new
    head = 0
  }

  /// Drops the `gone` oldest events (at most ``count``).
  @inline(__always)
  mutating func removeFirst(_ gone: Int) {
    precondition(gone <= count)
    head = (head &+ gone) & (storage.capacity &- 1)
    count &-= gone
  }
}
