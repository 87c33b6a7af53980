import CByteScan
import CSystem

/// What the rules found on a click, kept for the leads and calls that name it.
public struct ClickFacts: Sendable, Equatable {
  public var time: Timestamp
  /// Index of the bot rule that matched in ``ClickIndex/rules``, or -1.
  public var botRule: Int32 = -1
  /// Index of the data-center range that matched, or -1.
  public var datacenterRule: Int32 = -1
  /// Clicks from the IP (and its subnet) in the window when this click came, when over the limit.
  public var burstCount: Int32 = 0
  public var burstBySubnet: Bool = false

  public init(time: Timestamp) {
    self.time = time
  }

  public var isBot: Bool { botRule >= 0 }
  public var isDatacenter: Bool { datacenterRule >= 0 }
  public var isBurst: Bool { burstCount > 0 }
}

/// Recent clicks by id, for `click_id` look-ups, bounded by a look-back time.
///
/// Clicks live in generations of a sixteenth of the look-back each; a generation is
/// dropped whole once all its clicks are older than the look-back, so memory
/// holds between one and one and a sixteenth look-backs of clicks and eviction is
/// O(1) per click. Each generation's table stays small (a few MB), so taking a click
/// mostly hits cache; a look-up probes the generations newest first. Ids are held as
/// 128-bit digests (``IdentifierDigest``), not text: a click costs about 50 to 65
/// bytes whatever its id (40 for its entry, the rest its share of the slot table and tags).

public struct ClickIndex: Sendable {
  private var generations: [ClickGeneration] = [ClickGeneration(expected: 1024)]
  private var generationStart: Int64?
  /// Chunks of dropped generations, for new ones.
  private var pool: [[ClickEntry]] = []
  private let span: Int64
  private let lookback: Int64
  /// Rule sources referred to by ``ClickFacts`` (interned: clicks keep a small index).
  public private(set) var rules: [RuleSource] = []
  private var ruleIndex: [RuleSource: Int32] = [:]

  /// Generations a look-back spans. More, shorter generations hold fewer clicks past the
  /// look-back (a day's stream holds about as many as a longer one); a look-up that
  /// finds nothing probes each.
  static let generationsPerLookback = 16

  public init(lookbackHours: Int) {
    lookback = Int64(lookbackHours) * 3_600_000
    span = max(lookback / Int64(Self.generationsPerLookback), 1)
  }

  /// Interns a rule source and returns its index.
  public mutating func intern(_ rule: RuleSource) -> Int32 {
    if let index = ruleIndex[rule] { return index }
    let index = Int32(rules.count)
    rules.append(rule)
    ruleIndex[rule] = index
    return index
  }

  /// Remembers a click.
  public mutating func insert(id: String, facts: ClickFacts) {
    insert(key: IdentifierDigest.key(id), facts: facts)
  }

  /// Remembers a click by its id's digest.
  public mutating func insert(key: FlatKey, facts: ClickFacts) {
    let time = facts.time.milliseconds
    if let start = generationStart {
      if time - start >= span {
        // The dropped generation's table is reused and its chunks go to the pool, which
        // new generations draw from: chunk memory is the most clicks held at once (plus
        // one generation's worth in the pool at most), not the busiest generation's
        // size times the generations. The pool keeps its chunks when traffic falls.
        var next =
          generations.count > Self.generationsPerLookback
          ? generations.removeFirst() : ClickGeneration(expected: 0)
        next.reset(expected: generations.last!.count, pool: &pool)
        generations.append(next)
        generationStart = time
      }
    } else {
      generationStart = time
    }
    generations[generations.count - 1].insert(key, facts, pool: &pool)
  }

  /// Brings in (a CPU cache hint) where ``insert(key:facts:)`` will first look for `key`,
  /// so that a click taken soon after finds its table slot in cache.
  /// (`mutating` only so that the newest generation is reached in place: read through the
  /// array or its buffer, the generation was copied, three retains and releases a click.)
  @inline(__always)
  public mutating func prefetch(key: FlatKey) {
    generations[generations.count - 1].prefetch(key)
  }

  /// The click called `id`, if it is remembered and not older than the look-back at `time`.
  public func lookup(_ id: String, at time: Timestamp) -> ClickFacts? {
    let key = IdentifierDigest.key(id)
    for generation in generations.reversed() {
      if let facts = generation.lookup(key) {
        return time.milliseconds - facts.time.milliseconds <= lookback ? facts : nil
      }
    }
    return nil
  }

  /// Clicks currently held.
  public var count: Int { generations.reduce(0) { $0 + $1.count } }
}

/// One generation of ``ClickIndex``: clicks in insertion order (40 bytes each) in
/// chunks of 8,192, and an open-addressing table of positions into them (linear
/// probing, at most half full).
struct ClickGeneration: Sendable {
  static let chunkShift = 13
  static let chunkSize = 1 << chunkShift

  private var chunks: [[ClickEntry]] = []
  private(set) var count = 0
  /// Position + 1 of the click; 0 is an empty slot.
  private var slots: [UInt32] = []
  /// Beside each slot, the top byte of its key's ``FlatKey/mixed``: a probe passes a
  /// slot whose tag differs without reading its click (a random place in a large
  /// table, which cost half the time of taking a click).
  private var tags: [UInt8] = []
  private var mask = 0

  init(expected: Int) {
    var pool: [[ClickEntry]] = []
    reset(expected: expected, pool: &pool)
  }

  /// Forgets every click (its chunks go back to `pool`), with a table for about
  /// `expected` clicks.
  mutating func reset(expected: Int, pool: inout [[ClickEntry]]) {
    // Popped, each chunk is the only reference to its buffer, so emptying it keeps
    // the buffer (emptying a copy still held in `chunks` would allocate a new one).
    while var chunk = chunks.popLast() {
      chunk.removeAll(keepingCapacity: true)
      pool.append(chunk)
    }
    count = 0
    let room = expected + expected / 8 + 16
    mask = PositionSlots.reset(&slots, room: room)
    if tags.count != slots.count { tags = [UInt8](repeating: 0, count: slots.count) }
  }

  @inline(__always)
  private static func tag(_ key: FlatKey) -> UInt8 { UInt8(truncatingIfNeeded: key.mixed >> 56) }

  @inline(__always)
  private func entry(_ index: Int) -> ClickEntry {
    chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)]
  }

  mutating func insert(_ key: FlatKey, _ value: ClickFacts, pool: inout [[ClickEntry]]) {
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    let tag = Self.tag(key)
    while slots[slot] != 0 {
      if tags[slot] == tag {
        let index = Int(slots[slot]) - 1
        let held = entry(index)
        if held.high == key.high && held.low == key.low {
          chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)] = ClickEntry(
            key: key, facts: value)
          return
        }
      }
      slot = (slot + 1) & mask
    }
    if count & (Self.chunkSize - 1) == 0 {
      if let chunk = pool.popLast() {
        chunks.append(chunk)
      } else {
        // A new chunk's pages mapped in one call rather than faulted in one by one
        // (page faults were 4% of the evaluating thread's time on a day's stream).
        var chunk: [ClickEntry] = []
        chunk.reserveCapacity(Self.chunkSize)
        chunk.withUnsafeMutableBufferPointer { buffer in
          if let base = buffer.baseAddress {
            _ = leadscreen_prefault(base, UInt(Self.chunkSize * MemoryLayout<ClickEntry>.stride))
          }
        }
        chunks.append(chunk)
      }
    }
    chunks[chunks.count - 1].append(ClickEntry(key: key, facts: value))
    count += 1
    slots[slot] = UInt32(count)
    tags[slot] = tag
    if count * 2 > slots.count { rehash(size: slots.count * 2) }
  }

  @inline(__always)
  mutating func prefetch(_ key: FlatKey) {
    let slot = Int(truncatingIfNeeded: key.mixed) & mask
    slots.withUnsafeBufferPointer { leadscreen_prefetch($0.baseAddress! + slot) }
    tags.withUnsafeBufferPointer { leadscreen_prefetch($0.baseAddress! + slot) }
  }

  func lookup(_ key: FlatKey) -> ClickFacts? {
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    let tag = Self.tag(key)
    while slots[slot] != 0 {
      if tags[slot] == tag {
        let held = entry(Int(slots[slot]) - 1)
        if held.high == key.high && held.low == key.low { return held.facts }
      }
      slot = (slot + 1) & mask
    }
    return nil
  }

  private mutating func rehash(size: Int) {
    slots = [UInt32](repeating: 0, count: size)
    tags = [UInt8](repeating: 0, count: size)
    mask = size - 1
    for index in 0..<count {
      let key = entry(index).key
      var slot = Int(truncatingIfNeeded: key.mixed) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = UInt32(index + 1)
      tags[slot] = Self.tag(key)
    }
  }
}

/// One click of ``ClickIndex``: the digest of its id and its facts, in 40 bytes.
struct ClickEntry: Sendable {
  var high: UInt64
  var low: UInt64
  var time: Int64
  /// The bot rule in the high half, the data-center range in the low half (as `Int32` bits).
  var rules: UInt64
  /// The burst count (31 bits); bit 31: counted by subnet.
  var burst: UInt32

  init(key: FlatKey, facts: ClickFacts) {
    high = key.high
    low = key.low
    time = facts.time.milliseconds
    rules =
      UInt64(UInt32(bitPattern: facts.botRule)) << 32
      | UInt64(UInt32(bitPattern: facts.datacenterRule))
    burst = UInt32(truncatingIfNeeded: max(facts.burstCount, 0)) & 0x7FFF_FFFF
    if facts.burstBySubnet { burst |= 1 << 31 }
  }

  var key: FlatKey { FlatKey(unchecked: high, low, 2) }

  var facts: ClickFacts {
    var facts = ClickFacts(time: Timestamp(milliseconds: time))
    facts.botRule = Int32(bitPattern: UInt32(truncatingIfNeeded: rules >> 32))
    facts.datacenterRule = Int32(bitPattern: UInt32(truncatingIfNeeded: rules))
    facts.burstCount = Int32(burst & 0x7FFF_FFFF)
    facts.burstBySubnet = burst & 1 << 31 != 0
    return facts
  }
}
