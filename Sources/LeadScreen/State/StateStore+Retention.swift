/// What a prune removed.
public struct PruneResult: Sendable, Equatable {
  /// Entries older than this were removed (`nil`: the state was empty).
  public var cutoff: Timestamp?
  public var contacts = 0
  public var decisions = 0

  public init(cutoff: Timestamp? = nil, contacts: Int = 0, decisions: Int = 0) {
    self.cutoff = cutoff
    self.contacts = contacts
    self.decisions = decisions
  }
}

extension StateStore {
  /// Removes contacts and decisions older than `before`, or else older than
  /// `retentionDays` before the newest time in the state (the longest
  /// `duplicate_window_days` of the campaigns: nothing older can be a duplicate).
  /// Call inside a write transaction.
  ///
  /// A decision pruned is forgotten: a record that old scored again is evaluated again.
  public func prune(retentionDays: Int, before: Timestamp? = nil) throws(StateError)
    -> PruneResult
  {
    do {
      let cutoff: Int64
      if let before {
        cutoff = before.milliseconds
      } else {
        let newest = try database.integer(
          "SELECT max(t) FROM (SELECT max(time_ms) AS t FROM contacts "
            + "UNION ALL SELECT max(time_ms) FROM decisions)")
        guard let newest else { return PruneResult() }
        cutoff = Int64(newest) - Int64(max(retentionDays, 1)) * 86_400_000
      }
      var result = PruneResult(cutoff: Timestamp(milliseconds: cutoff))
      try database.statement("DELETE FROM contacts WHERE time_ms < ?").bind(.integer(cutoff)).run()
      result.contacts = database.changes
      try database.statement("DELETE FROM decisions WHERE time_ms < ?").bind(.integer(cutoff))
        .run()
      result.decisions = database.changes
      return result
    } catch {
      throw wrap(error)
    }
  }
}
