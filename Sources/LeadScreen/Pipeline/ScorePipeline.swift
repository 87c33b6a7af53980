import CByteScan
import DequeModule

/// Which verdicts `score` writes.
public enum EmitMode: String, Sendable, CaseIterable {
  /// Leads and calls.
  case billable
  /// Clicks too.
  case all
}

/// Counts of a run; they add up: `records == verdicts + clicksAbsorbed` and
/// `records + rejected` is every non-blank, non-header input line.
public struct RunCounts: Sendable, Equatable {
  public var records = 0
  public var rejected = 0
  public var clicksAbsorbed = 0
  public var verdicts = 0
  public var accepted = 0
  public var disputed = 0
  public var byReason: [String: Int] = [:]
  /// Verdicts (of records already decided in an earlier run) taken from the state, not evaluated.
  public var replayed = 0

  public init() {}
}

/// A record on its way through ``ScorePipeline``, held by reference: boxed once where
/// it is made (on the reading thread), it is handed over and held in the reorder
/// buffer without copies. (Each copy of a ``Record`` retains every string in it, and
/// those strings' counts live in the cache of the thread that made them.)
public final class RecordBox: Sendable {
  public let record: Record

  public init(_ record: consuming Record) {
    self.record = record
  }
}

/// The record-order part of `score`: puts records in time order for the
/// stateful stages (tolerating `reorder_seconds` of disorder), and the
/// verdicts back in input order for the writer.
public struct ScorePipeline {
  /// Evaluation order: time, then clicks before leads and calls of the same
  /// instant (a lead never precedes its click), then input order.
  /// Three words (moved and compared cheaply in the queue): the time; the input number
  /// with the top bit set for a lead or call; where the record waits.
  private struct Pending: Comparable {
    var time: Int64
    private var order: UInt64
    /// A record's number among the records in `slots`, or for a click taking the short
    /// way the complement of its place in `clicks` (negative).
    private var place: Int

    init(time: Int64, isClick: Bool, seq: Int, record: Int) {
      self.time = time
      order = (isClick ? 0 : 1 << 63) | UInt64(seq)
      place = record
    }

    init(time: Int64, seq: Int, clickSlot: Int) {
      self.time = time
      order = UInt64(seq)
      place = ~clickSlot
    }

    /// The click's place in `clicks`, for a click taking the short way; else nil.
    var clickSlot: Int? { place < 0 ? ~place : nil }
    /// The record's number (not for a click taking the short way).
    var record: Int { place }

    @inline(__always)
    static func < (a: Pending, b: Pending) -> Bool {
      // Times differ far more often than not: that branch is the predictable one.
      a.time < b.time || (a.time == b.time && a.order < b.order)
    }

    static func == (a: Pending, b: Pending) -> Bool { a.time == b.time && a.order == b.order }
  }

  /// Records and verdicts, in input order, boxed: a slot stays small, so the deque moves
  /// little memory per record. Clicks taking the short way have none: they write nothing.
  private enum Slot {
    case waiting(RecordBox)
    case decided(Boxed<Verdict>?)
  }

  private final class Boxed<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
  }

  /// Clicks taking the short way while they wait in the queue, each in a slot of its own
  /// until it is taken; freed slots are used again, so it holds at most as many as wait.
  private struct ClickSlots {
    private var clicks: [CompactClick] = []
    private var free: [Int] = []

    mutating func add(_ click: CompactClick) -> Int {
      if let slot = free.popLast() {
        clicks[slot] = click
        return slot
      }
      clicks.append(click)
      return clicks.count - 1
    }

    subscript(slot: Int) -> CompactClick { clicks[slot] }

    /// Brings the click in `slot` into cache (a hint).
    @inline(__always)
    func prefetch(_ slot: Int) {
      clicks.withUnsafeBufferPointer { leadscreen_prefetch($0.baseAddress! + slot) }
    }

    mutating func remove(_ slot: Int) -> CompactClick {
      free.append(slot)
      return clicks[slot]
    }
  }

  public private(set) var evaluator: Evaluator
  public let emit: EmitMode
  /// Earlier runs' decisions (`--state`), or `nil`.
  public let memory: (any DecisionMemory)?
  public private(set) var counts = RunCounts()
  /// Called right after each lead or call is evaluated, with what the scorer
  /// saw and the verdict (for training and evaluation).
  public var onEvaluated: ((FeatureContext, Verdict) -> Void)? {
    didSet { evaluator.keepsLastContext = onEvaluated != nil }
  }
  /// Records waiting for evaluation, in evaluation order.
  private var queue = ReorderQueue<Pending>()
  /// Records (not clicks taking the short way) from number `firstRecord` on, in input order.
  private var slots = Deque<Slot>()
  private var firstRecord = 0
  private var nextRecord = 0
  private var clicks = ClickSlots()
  /// The next input number (records and clicks).
  private var nextSeq = 0
  private var watermark = Int64.min
  private let reorder: Int64
  /// Records held at most before the oldest is evaluated regardless of time.
  private let maxPending: Int

  /// - Parameter memory: earlier runs' decisions: a lead or call decided before is
  ///   not evaluated again (its stored verdict is written, its contacts are not
  ///   added again); new verdicts are stored in it. See ``decide(_:)``.
  public init(
    evaluator: Evaluator, emit: EmitMode = .billable, maxPending: Int = 200_000,
    memory: (any DecisionMemory)? = nil
  ) {
    self.evaluator = evaluator
    self.emit = emit
    self.memory = memory
    self.maxPending = maxPending
    reorder = Int64(evaluator.rules.thresholds.reorderSeconds) * 1000
  }

  /// A preparer of the clicks this pipeline can take the short way
  /// (``submit(click:write:)``): their verdicts are neither written nor remembered, so
  /// only their effect on the click state counts.
  public func clickPreparer() -> ClickPreparer {
    ClickPreparer(
      rules: evaluator.rules, campaigns: evaluator.campaigns, writesClicks: emit == .all,
      remembersBilledClicks: memory != nil)
  }

  /// An evaluator for ``Evaluator/prepare(_:)`` on another thread: the same rules,
  /// campaigns and contact key, none of the state.
  public func recordPreparer() -> Evaluator {
    Evaluator(preparing: evaluator)
  }

  /// Takes one click from ``clickPreparer()`` (the same as ``submit(_:write:)`` would do
  /// with its record, without building it).
  public mutating func submit(click: CompactClick, write: (Verdict) throws -> Void) rethrows {
    counts.records += 1
    let seq = nextSeq
    nextSeq += 1
    queue.insert(Pending(time: click.time.milliseconds, seq: seq, clickSlot: clicks.add(click)))
    watermark = max(watermark, click.time.milliseconds)
    try release(upTo: watermark - reorder, write: write)
  }

  /// Takes one record; calls `write` for every verdict that is ready, in input order.
  public mutating func submit(_ record: consuming Record, write: (Verdict) throws -> Void)
    rethrows
  {
    try submit(RecordBox(record), write: write)
  }

  /// Takes one record, boxed (where it was made: see ``RecordBox``).
  public mutating func submit(_ box: RecordBox, write: (Verdict) throws -> Void) rethrows {
    counts.records += 1
    let seq = nextSeq
    nextSeq += 1
    slots.append(.waiting(box))
    let time = box.record.time.milliseconds
    queue.insert(
      Pending(time: time, isClick: box.record.type == .click, seq: seq, record: nextRecord))
    nextRecord += 1
    watermark = max(watermark, time)
    try release(upTo: watermark - reorder, write: write)
  }

  /// Counts a rejected line.
  public mutating func noteRejected() {
    counts.rejected += 1
  }

  /// Evaluates everything still held and writes the rest of the verdicts.
  public mutating func finish(write: (Verdict) throws -> Void) rethrows {
    try release(upTo: .max, write: write)
  }

  private mutating func release(upTo limit: Int64, write: (Verdict) throws -> Void) rethrows {
    while let next = queue.min, next.time <= limit || queue.count > maxPending {
      queue.removeMin()
      // The click index's table is larger than the CPU's caches: ask for the next
      // click's slot now, so that it arrives while this record is taken. And the click
      // after it, for the next turn: clicks wait in slots spread over tens of KB, and
      // reading the next one for its prefetch was this loop's most sampled instruction
      // (a fifth of its samples, perf, two threads, the benchmark day).
      if let following = queue.min?.clickSlot { evaluator.prefetch(clicks[following]) }
      if let later = queue.second?.clickSlot { clicks.prefetch(later) }
      if let slot = next.clickSlot {
        evaluator.absorb(clicks.remove(slot))
        counts.clicksAbsorbed += 1
        continue
      }
      let index = next.record - firstRecord
      guard case .waiting(let box) = slots[index] else { continue }
      let verdict = decide(box)
      let absorbed = box.record.type == .click && emit == .billable
      slots[index] = .decided(absorbed ? nil : Boxed(verdict))
      tally(verdict, absorbed: absorbed)
    }
    while case .decided(let verdict) = slots.first {
      slots.removeFirst()
      firstRecord += 1
      if let verdict { try write(verdict.value) }
    }
  }

  /// The verdict of one record: the remembered one when it was decided before, else
  /// evaluated (and remembered).
  ///
  /// Clicks are always evaluated, because their leads and the burst windows need
  /// their facts; only billable clicks (their campaign has `price_per_click`) are
  /// remembered, and a remembered one's stored verdict replaces the new one.
  /// Other clicks bill nothing, and the same input gives them the same verdicts.
  private mutating func decide(_ box: RecordBox) -> Verdict {
    guard let memory else { return evaluate(box) }
    let record = box.record
    if record.type == .click {
      var verdict = evaluator.evaluate(box)
      guard evaluator.campaigns[record.campaign]?.pricePerClick != nil else { return verdict }
      if let stored = memory.recall(type: .click, id: record.id) {
        verdict = stored
        verdict.line = record.line
        if emit == .all { counts.replayed += 1 }  // else the click is absorbed, not written
      } else {
        memory.remember(verdict, contacts: [])
      }
      return verdict
    }
    if var stored = memory.recall(type: record.type, id: record.id) {
      stored.line = record.line
      counts.replayed += 1
      return stored
    }
    let verdict = evaluate(box)
    memory.remember(verdict, contacts: evaluator.lastContacts)
    return verdict
  }

  /// A fresh evaluation, reported to `onEvaluated` for leads and calls.
  private mutating func evaluate(_ box: RecordBox) -> Verdict {
    let verdict = evaluator.evaluate(box)
    if box.record.type != .click, let onEvaluated {
      onEvaluated(evaluator.lastContext, verdict)
    }
    return verdict
  }

  private mutating func tally(_ verdict: Verdict, absorbed: Bool) {
    if absorbed {
      counts.clicksAbsorbed += 1
      return
    }
    counts.verdicts += 1
    if verdict.decision == .accepted {
      counts.accepted += 1
    } else {
      counts.disputed += 1
      for finding in verdict.findings { counts.byReason[finding.reason.code, default: 0] += 1 }
    }
  }
}
