/// The state database's schema, as an ordered list of migrations.
///
/// `PRAGMA user_version` is the number of migrations applied: migration `i`
/// takes a database from version `i` to `i + 1` (version 0 is an empty file).
/// Migrations run inside the run's write transaction, so a crash mid-way
/// leaves the previous version. Append to the list; never edit a shipped step.
public enum StateSchema {
  /// The version this build writes.
  public static var version: Int { migrations.count }

  public static let migrations: [String] = [
    // 1: contacts, decisions, runs and config.
    """
    CREATE TABLE config(
      key TEXT PRIMARY KEY,
      value BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE contacts(
      campaign TEXT NOT NULL,
      kind INTEGER NOT NULL,          -- 1 phone, 2 email
      digest BLOB NOT NULL,           -- HMAC-SHA256(key, kind ":" value), first 16 bytes
      record_type INTEGER NOT NULL,   -- 1 lead, 2 call
      record_id TEXT NOT NULL,
      time_ms INTEGER NOT NULL
    );
    CREATE INDEX contacts_by_digest ON contacts(campaign, digest);
    CREATE INDEX contacts_by_time ON contacts(time_ms);
    CREATE TABLE decisions(
      record_type INTEGER NOT NULL,   -- 0 click, 1 lead, 2 call
      record_id TEXT NOT NULL,
      campaign TEXT NOT NULL,
      time_ms INTEGER NOT NULL,
      decision TEXT NOT NULL,         -- accepted | disputed
      verdict BLOB NOT NULL,          -- VerdictCodec bytes, sealed (VerdictSeal)
      run_id INTEGER NOT NULL,
      PRIMARY KEY(record_type, record_id)
    ) WITHOUT ROWID;
    CREATE INDEX decisions_by_time ON decisions(time_ms);
    CREATE TABLE runs(
      id INTEGER PRIMARY KEY,
      started INTEGER NOT NULL,       -- Unix seconds
      finished INTEGER,
      status TEXT NOT NULL,           -- running | completed | completed_with_rejects
      records INTEGER NOT NULL DEFAULT 0,
      verdicts INTEGER NOT NULL DEFAULT 0,
      accepted INTEGER NOT NULL DEFAULT 0,
      disputed INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      replayed INTEGER NOT NULL DEFAULT 0
    );
    """
  ]

  /// Brings `database` to ``version``; call inside a write transaction.
  /// - Returns: the version found before migrating.
  static func migrate(_ database: SQLiteDatabase, path: String) throws(StateError) -> Int {
    let found: Int
    let tables: Int
    do {
      found = try database.userVersion()
      tables =
        try database.integer("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        ?? 0
    } catch {
      throw .database(path: path, error)
    }
    if found == 0, tables > 0 { throw .notAState(path: path) }
    guard found <= version else {
      throw .newerSchema(path: path, version: found, supported: version)
    }
    for step in found..<version {
      do {
        try database.execute(migrations[step])
        try database.execute("PRAGMA user_version = \(step + 1)")
      } catch {
        throw .database(path: path, error)
      }
    }
    return found
  }
}
