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
/// Clicks live in generations of a quarter of the look-back each; a generation is
/// dropped whole once all its clicks are older than the look-back, so memory
/// holds between one and one and a quarter look-backs of clicks and eviction is
/// O(1) per click. Ids are held as 128-bit digests (``IdentifierDigest``), not
/// text: a click costs about 45 bytes whatever its id.
public struct ClickIndex: Sendable {
  private var generations: [ClickGeneration] = [ClickGeneration(expected: 1024)]
  private var generationStart: Int64?
  private let span: Int64
  private let lookback: Int64
  /// Rule sources referred to by ``ClickFacts`` (interned: clicks keep a small index).
  public private(set) var rules: [RuleSource] = []
  private var ruleIndex: [RuleSource: Int32] = [:]

  public init(lookbackHours: Int) {
    lookback = Int64(lookbackHours) * 3_600_000
    span = max(lookback / 4, 1)
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
        var next =
          generations.count >= 5 ? generations.removeFirst() : ClickGeneration(expected: 0)
        next.reset(expected: generations.last!.count)
        generations.append(next)
        generationStart = time
      }
    } else {
      generationStart = time
    }
    generations[generations.count - 1].insert(key, facts)
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

/// One generation of ``ClickIndex``: digests and facts in insertion order, in flat
/// arrays (36 bytes a click), and an open-addressing table of positions into them
/// (linear probing, at most half full).
struct ClickGeneration: Sendable {
  private var highs: [UInt64] = []
  private var lows: [UInt64] = []
  private var times: [Int64] = []
  /// The bot rule in the high half, the data-center range in the low half (as `Int32` bits).
  private var rules: [UInt64] = []
  /// The burst count; negative when the subnet's count.
  private var bursts: [Int32] = []
  /// Position + 1 of the click in the arrays above; 0 is an empty slot.
  private var slots: [UInt32] = []
  private var mask = 0

  init(expected: Int) {
    reset(expected: expected)
  }

  var count: Int { times.count }

  /// Forgets every click, keeping room for about `expected` more.
  mutating func reset(expected: Int) {
    let room = expected + expected / 16 + 16
    highs.removeAll(keepingCapacity: true)
    highs.reserveCapacity(room)
    lows.removeAll(keepingCapacity: true)
    lows.reserveCapacity(room)
    times.removeAll(keepingCapacity: true)
    times.reserveCapacity(room)
    rules.removeAll(keepingCapacity: true)
    rules.reserveCapacity(room)
    bursts.removeAll(keepingCapacity: true)
    bursts.reserveCapacity(room)
    var size = 16
    while size < room * 2 { size <<= 1 }
    if slots.count == size {
      for index in slots.indices { slots[index] = 0 }
    } else {
      slots = [UInt32](repeating: 0, count: size)
    }
    mask = size - 1
  }

  mutating func insert(_ key: FlatKey, _ value: ClickFacts) {
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    let rule =
      UInt64(UInt32(bitPattern: value.botRule)) << 32 | UInt64(UInt32(bitPattern: value.datacenterRule))
    let burst = value.burstBySubnet ? -value.burstCount : value.burstCount
    while slots[slot] != 0 {
      let index = Int(slots[slot]) - 1
      if highs[index] == key.high && lows[index] == key.low {
        times[index] = value.time.milliseconds
        rules[index] = rule
        bursts[index] = burst
        return
      }
      slot = (slot + 1) & mask
    }
    highs.append(key.high)
    lows.append(key.low)
    times.append(value.time.milliseconds)
    rules.append(rule)
    bursts.append(burst)
    slots[slot] = UInt32(times.count)
    if times.count * 2 > slots.count { rehash(size: slots.count * 2) }
  }

  func lookup(_ key: FlatKey) -> ClickFacts? {
    var slot = Int(truncatingIfNeeded: key.mixed) & mask
    while slots[slot] != 0 {
      let index = Int(slots[slot]) - 1
      if highs[index] == key.high && lows[index] == key.low { return facts(at: index) }
      slot = (slot + 1) & mask
    }
    return nil
  }

  private func facts(at index: Int) -> ClickFacts {
    var facts = ClickFacts(time: Timestamp(milliseconds: times[index]))
    facts.botRule = Int32(bitPattern: UInt32(truncatingIfNeeded: rules[index] >> 32))
    facts.datacenterRule = Int32(bitPattern: UInt32(truncatingIfNeeded: rules[index]))
    facts.burstCount = bursts[index] < 0 ? -bursts[index] : bursts[index]
    facts.burstBySubnet = bursts[index] < 0
    return facts
  }

  private mutating func rehash(size: Int) {
    slots = [UInt32](repeating: 0, count: size)
    mask = size - 1
    for index in times.indices {
      let key = FlatKey(unchecked: highs[index], lows[index], 2)
      var slot = Int(truncatingIfNeeded: key.mixed) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = UInt32(index + 1)
    }
  }
}
