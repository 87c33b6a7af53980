#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension StateStore {
  /// Begins a `score` run: takes the write lock (see ``beginWrite()``) and records the run.
  public func beginRun() throws(StateError) {
    try beginWrite()
    do {
      try database.statement("INSERT INTO runs(started, status) VALUES(?, 'running')")
        .bind(.integer(Int64(time(nil)))).run()
      runID = database.lastInsertRowID
    } catch {
      rollback()
      throw wrap(error)
    }
  }

  /// Gives the evaluator every stored contact (oldest first), so `duplicate`
  /// spans runs. Returns how many there were.
  @discardableResult
  public func preload(into evaluator: inout Evaluator) throws(StateError) -> Int {
    var count = 0
    do {
      let statement = try database.statement(
        "SELECT campaign, kind, digest, record_type, record_id, time_ms FROM contacts "
          + "ORDER BY time_ms")
      defer { statement.reset() }
      while try statement.step() {
        guard let kind = ContactKey.Kind(rawValue: UInt8(clamping: statement.int(1))),
          let key = ContactKey(kind: kind, digest: statement.blob(2)),
          let type = RecordType(rawValue: UInt8(clamping: statement.int(3)))
        else { throw StateError.corrupt(path: path, what: "a stored contact") }
        let earlier = EarlierContact(
          id: statement.text(4), type: type, time: Timestamp(milliseconds: statement.int64(5)))
        evaluator.preloadContact(campaign: statement.text(0), key: key, earlier: earlier)
        count += 1
      }
    } catch let error as StateError {
      throw error
    } catch let error as SQLiteError {
      throw wrap(error)
    } catch {
      throw .corrupt(path: path, what: "contacts (\(error))")
    }
    return count
  }

  /// Ends a run that completed (exit 0 or 65): prunes what is older than the
  /// retention, records the run's counts and commits. Returns what was pruned.
  @discardableResult
  public func finishRun(counts: RunCounts, retentionDays: Int) throws(StateError) -> PruneResult {
    if let failure {
      rollback()
      throw failure
    }
    let pruned: PruneResult
    do { pruned = try prune(retentionDays: retentionDays) } catch {
      rollback()
      throw error
    }
    if let runID {
      do {
        try database.statement(
          "UPDATE runs SET finished = ?, status = ?, records = ?, verdicts = ?, accepted = ?, "
            + "disputed = ?, rejected = ?, replayed = ? WHERE id = ?"
        ).bind(
          .integer(Int64(time(nil))),
          .text(counts.rejected > 0 ? "completed_with_rejects" : "completed"),
          .int(counts.records), .int(counts.verdicts), .int(counts.accepted),
          .int(counts.disputed), .int(counts.rejected), .int(counts.replayed), .integer(runID)
        ).run()
      } catch {
        rollback()
        throw wrap(error)
      }
    }
    try commit()
    return pruned
  }

  /// Ends a run that did not complete (interrupted, closed pipe, error): nothing it did is kept.
  public func abandonRun() {
    rollback()
  }
}

extension StateStore: DecisionMemory {
  public func recall(type: RecordType, id: String) -> Verdict? {
    guard failure == nil, let seal else { return nil }
    do throws(SQLiteError) {
      let statement = try database.statement(
        "SELECT verdict FROM decisions WHERE record_type = ? AND record_id = ?")
      try statement.bind(.int(Int(type.rawValue)), .text(id))
      defer { statement.reset() }
      guard try statement.step() else { return nil }
      guard let plain = seal.open(statement.blob(0)), let verdict = VerdictCodec.decode(plain)
      else {
        if failure == nil {
          failure = .corrupt(path: path, what: "the verdict of \(type.name) \(id)")
        }
        return nil
      }
      return verdict
    } catch {
      fail(error)
      return nil
    }
  }

  public func remember(_ verdict: Verdict, contacts: [ContactKey]) {
    guard failure == nil, let seal else { return }
    do throws(SQLiteError) {
      try database.statement(
        "INSERT OR IGNORE INTO decisions(record_type, record_id, campaign, time_ms, decision, "
          + "verdict, run_id) VALUES(?, ?, ?, ?, ?, ?, ?)"
      ).bind(
        .int(Int(verdict.type.rawValue)), .text(verdict.id), .text(verdict.campaign),
        .integer(verdict.time.milliseconds), .text(verdict.decision.rawValue),
        .blob(seal.seal(VerdictCodec.encode(verdict), nonce: nextNonce())), .integer(runID ?? 0)
      ).run()
      for key in contacts {
        try database.statement(
          "INSERT INTO contacts(campaign, kind, digest, record_type, record_id, time_ms) "
            + "VALUES(?, ?, ?, ?, ?, ?)"
        ).bind(
          .text(verdict.campaign), .int(Int(key.kind.rawValue)), .blob(key.digest),
          .int(Int(verdict.type.rawValue)), .text(verdict.id),
          .integer(verdict.time.milliseconds)
        ).run()
      }
    } catch {
      fail(error)
    }
  }
}
