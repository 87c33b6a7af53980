/// What `leadscreen state stats` prints.
public struct StateStats: Sendable {
  /// Rows counted under a name (a campaign and contact kind, a record type and decision).
  public struct Group: Sendable, Equatable {
    public var campaign: String
    public var what: String
    public var count: Int
  }

  public var schemaVersion = 0
  /// Pages in use times page size (the WAL file not included).
  public var bytes = 0
  public var contacts: [Group] = []
  public var decisions: [Group] = []
  public var runs = 0
  /// `id`, status and counts of the latest run, as text.
  public var lastRun: String?
  public var oldest: Timestamp?
  public var newest: Timestamp?
  /// SHA-256 (hex) of the state's content: contacts and decoded decisions, in a
  /// canonical order; equal for two states that would give the same verdicts.
  public var contentDigest: String?
}

extension StateStore {
  /// Counts per campaign and kind, runs, size and schema version, read in one snapshot.
  /// - Parameter digest: also compute ``StateStats/contentDigest`` (needs the key).
  public func stats(digest: Bool = false) throws(StateError) -> StateStats {
    var stats = StateStats()
    do {
      try database.execute("BEGIN")
      defer { try? database.execute("COMMIT") }
      stats.schemaVersion = try database.userVersion()
      stats.bytes =
        (try database.integer("PRAGMA page_count") ?? 0)
        * (try database.integer("PRAGMA page_size") ?? 0)
      guard stats.schemaVersion > 0 else { return stats }
      guard stats.schemaVersion <= StateSchema.version else {
        throw StateError.newerSchema(
          path: path, version: stats.schemaVersion, supported: StateSchema.version)
      }
      stats.contacts = try groups(
        "SELECT campaign, CASE kind WHEN 1 THEN 'phone' ELSE 'email' END, count(*) "
          + "FROM contacts GROUP BY 1, 2 ORDER BY 1, 2")
      stats.decisions = try groups(
        "SELECT campaign, CASE record_type WHEN 0 THEN 'click' WHEN 1 THEN 'lead' ELSE 'call' END "
          + "|| ' ' || decision, count(*) FROM decisions GROUP BY 1, 2 ORDER BY 1, 2")
      stats.runs = try database.integer("SELECT count(*) FROM runs") ?? 0
      let last = try database.statement(
        "SELECT id, status, records, verdicts, accepted, disputed, rejected, replayed "
          + "FROM runs ORDER BY id DESC LIMIT 1")
      if try last.step() {
        stats.lastRun =
          "run \(last.int(0)) \(last.text(1)): \(last.int(2)) records, \(last.int(3)) verdicts "
          + "(\(last.int(4)) accepted, \(last.int(5)) disputed), \(last.int(6)) rejected, "
          + "\(last.int(7)) replayed"
      }
      last.reset()
      let range =
        "(SELECT time_ms AS t FROM contacts UNION ALL SELECT time_ms FROM decisions)"
      stats.oldest = try database.integer("SELECT min(t) FROM \(range)").map {
        Timestamp(milliseconds: Int64($0))
      }
      stats.newest = try database.integer("SELECT max(t) FROM \(range)").map {
        Timestamp(milliseconds: Int64($0))
      }
      if digest { stats.contentDigest = try contentDigest() }
    } catch let error as StateError {
      throw error
    } catch let error as SQLiteError {
      throw wrap(error)
    } catch {
      throw .corrupt(path: path, what: "\(error)")
    }
    return stats
  }

  private func groups(_ sql: String) throws(SQLiteError) -> [StateStats.Group] {
    let statement = try database.statement(sql)
    defer { statement.reset() }
    var groups: [StateStats.Group] = []
    while try statement.step() {
      groups.append(
        StateStats.Group(
          campaign: statement.text(0), what: statement.text(1), count: statement.int(2)))
    }
    return groups
  }

  /// The hash of every contact and every decoded decision, in key order.
  private func contentDigest() throws -> String {
    guard let check = try configValue("key_check") else { return "" }
    guard let key = try environmentOrStoredKey() else { throw StateError.keyRequired(path: path) }
    guard ContactHasher(key: key).keyCheck() == check else {
      throw StateError.keyMismatch(path: path)
    }
    let seal = VerdictSeal(stateKey: key)
    var hasher = SHA256()
    let contacts = try database.statement(
      "SELECT campaign, kind, hex(digest), record_type, record_id, time_ms FROM contacts "
        + "ORDER BY campaign, kind, digest, record_type, record_id, time_ms")
    defer { contacts.reset() }
    while try contacts.step() {
      let row = (0..<6).map { contacts.text(Int32($0)) }.joined(separator: "\t")
      hasher.update(Array("c\t\(row)\n".utf8))
    }
    let decisions = try database.statement(
      "SELECT record_type, record_id, verdict FROM decisions ORDER BY record_type, record_id")
    defer { decisions.reset() }
    while try decisions.step() {
      guard let plain = seal.open(decisions.blob(2)) else {
        throw StateError.corrupt(path: path, what: "a stored verdict")
      }
      hasher.update(Array("d\t\(decisions.int(0))\t\(decisions.text(1))\t".utf8))
      hasher.update(SHA256.hash(plain))
    }
    return hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
