/// A click reduced to what the click state keeps, ready to be absorbed in time order:
/// its rule look-ups are done (they depend on the click alone, so they can run in
/// input order, or on another thread, before the time-ordered stages).
public struct CompactClick: Sendable {
  public var time: Timestamp
  /// The digest of the click's id (``IdentifierDigest``).
  public var key: FlatKey
  public var ip: IPAddress?
  /// ``BotClassifier/classifyValue(_:cache:scratch:)`` of the user agent.
  public var bot: Int32
  /// ``IPRangeSet/lookupIndex(_:)`` of the IP, or -1.
  public var datacenter: Int32
}

/// What the click stage concluded about one click.
struct ClickOutcome {
  var facts: ClickFacts
  /// Clicks from the IP and from its subnet in the window, this one included.
  var perIP = 0
  var perSubnet = 0
}

extension Evaluator {
  /// The rule look-ups of a click, with this evaluator's user-agent cache.
  mutating func prepare(_ click: ClickView) -> CompactClick {
    CompactClick(
      click, bots: rules.bots, datacenter: rules.datacenter, cache: &botCache, scratch: scratch)
  }

  /// Brings the click index's and the burst windows' slots for `click` into cache
  /// ahead of ``absorb(_:)``.
  @inline(__always)
  public mutating func prefetch(_ click: CompactClick) {
    clicks.prefetch(key: click.key)
    if let ip = click.ip { bursts.prefetch(ip, at: click.time.milliseconds) }
  }

  /// Takes a click into the click state (windows and index) without a verdict: what
  /// ``evaluate(_:)`` does to the state for a click, for a click whose verdict is
  /// not written.
  public mutating func absorb(_ click: CompactClick) {
    _ = takeClick(click)
  }

  /// The click stage on one click: its facts, counted in the windows and remembered.
  mutating func takeClick(_ click: CompactClick) -> ClickOutcome {
    var outcome = ClickOutcome(facts: ClickFacts(time: click.time))
    if click.bot != -1 { outcome.facts.botRule = internedBot(click.bot) }
    if let ip = click.ip {
      if click.datacenter >= 0 { outcome.facts.datacenterRule = internedRange(click.datacenter) }
      let time = click.time.milliseconds
      let t = rules.thresholds
      (outcome.perIP, outcome.perSubnet) = bursts.add(ip, at: time)
      if outcome.perIP > t.ipBurst.maxClicks {
        outcome.facts.burstCount = Int32(outcome.perIP)
      } else if outcome.perSubnet > t.subnetBurst.maxClicks {
        outcome.facts.burstCount = Int32(outcome.perSubnet)
        outcome.facts.burstBySubnet = true
      }
    }
    clicks.insert(key: click.key, facts: outcome.facts)
    return outcome
  }

  /// The ``ClickIndex`` rule index of a bot classifier value (interned once per value).
  private mutating func internedBot(_ value: Int32) -> Int32 {
    let slot = Int(value) + 2
    if interned.bots.isEmpty {
      interned.bots = [Int32](repeating: -1, count: rules.bots.patternCount + 2)
    }
    if interned.bots[slot] < 0, let source = rules.bots.source(forValue: value) {
      interned.bots[slot] = clicks.intern(source)
    }
    return interned.bots[slot]
  }

  /// The ``ClickIndex`` rule index of a data-center range (interned once per range).
  private mutating func internedRange(_ index: Int32) -> Int32 {
    if interned.ranges.isEmpty {
      interned.ranges = [Int32](repeating: -1, count: rules.datacenter.rangeCount)
    }
    if interned.ranges[Int(index)] < 0, let source = rules.datacenter.source(at: index) {
      interned.ranges[Int(index)] = clicks.intern(source)
    }
    return interned.ranges[Int(index)]
  }
}

/// Rule values already interned in the ``ClickIndex``: index by value, -1 when not yet.
struct InternedRules: Sendable {
  var bots: [Int32] = []
  var ranges: [Int32] = []
}
