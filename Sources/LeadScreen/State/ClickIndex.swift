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
/// Clicks live in generations of half the look-back each; a generation is
/// dropped whole once all its clicks are older than the look-back, so memory
/// holds between one and one and a half look-backs of clicks and eviction is
/// O(1) per click.
public struct ClickIndex: Sendable {
  private var generations: [[String: ClickFacts]] = [[:]]
  private var generationStart: Int64?
  private let span: Int64
  private let lookback: Int64
  /// Rule sources referred to by ``ClickFacts`` (interned: clicks keep a small index).
  public private(set) var rules: [RuleSource] = []
  private var ruleIndex: [RuleSource: Int32] = [:]

  public init(lookbackHours: Int) {
    lookback = Int64(lookbackHours) * 3_600_000
    span = max(lookback / 2, 1)
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
    let time = facts.time.milliseconds
    if let start = generationStart {
      if time - start >= span {
        generations.append([:])
        generationStart = time
        if generations.count > 3 { generations.removeFirst() }
      }
    } else {
      generationStart = time
    }
    generations[generations.count - 1][id] = facts
  }

  /// The click called `id`, if it is remembered and not older than the look-back at `time`.
  public func lookup(_ id: String, at time: Timestamp) -> ClickFacts? {
    for generation in generations.reversed() {
      if let facts = generation[id] {
        return time.milliseconds - facts.time.milliseconds <= lookback ? facts : nil
      }
    }
    return nil
  }

  /// Clicks currently held.
  public var count: Int { generations.reduce(0) { $0 + $1.count } }
}
