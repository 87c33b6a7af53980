/// What a run remembers of earlier runs' decisions, so a record decided once
/// keeps its verdict (re-runs are idempotent and bill nothing twice).
///
/// ``StateStore`` is the durable one; the pipeline only needs these two calls,
/// so it can be tested with any implementation.
public protocol DecisionMemory: AnyObject {
  /// The verdict stored for the record of `type` called `id`, if it was decided before.
  func recall(type: RecordType, id: String) -> Verdict?

  /// Stores a verdict just decided, with the contacts its record was checked under
  /// (empty for clicks and records of unknown campaigns).
  func remember(_ verdict: Verdict, contacts: [ContactKey])
}

/// A ``DecisionMemory`` in memory: for tests and for one process scoring several inputs.
public final class InMemoryDecisions: DecisionMemory {
  public private(set) var verdicts: [String: Verdict] = [:]
  public private(set) var contacts: [(campaign: String, key: ContactKey, earlier: EarlierContact)] =
    []

  public init() {}

  public func recall(type: RecordType, id: String) -> Verdict? {
    verdicts["\(type.name) \(id)"]
  }

  public func remember(_ verdict: Verdict, contacts keys: [ContactKey]) {
    verdicts["\(verdict.type.name) \(verdict.id)"] = verdict
    let earlier = EarlierContact(id: verdict.id, type: verdict.type, time: verdict.time)
    contacts += keys.map { (verdict.campaign, $0, earlier) }
  }
}
