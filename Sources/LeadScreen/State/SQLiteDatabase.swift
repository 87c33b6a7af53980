import CSQLite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed SQLite call: the library's message and result code, and what we were doing.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The (extended) SQLite result code, e.g. `SQLITE_BUSY` (5).
  public var code: Int32
  public var message: String
  /// What was being done: the statement or the operation.
  public var context: String

  public var description: String { "\(message) (SQLite code \(code)) in \(context)" }

  /// The database is locked by another connection (after the busy timeout).
  public var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }
}

/// One SQLite connection, owned: opened in `init` (WAL journal, busy timeout),
/// closed in `deinit` after finalizing its cached statements. Not shared
/// between threads.
public final class SQLiteDatabase {
  /// The file it was opened on.
  public let path: String
  private let handle: OpaquePointer
  private var statements: [String: SQLiteStatement] = [:]

  /// Opens (creating when missing) the database at `path`.
  /// - Parameter busyTimeoutMilliseconds: how long a locked database is retried.
  /// - Parameter create: create the file when it does not exist.
  public init(path: String, busyTimeoutMilliseconds: Int32 = 600_000, create: Bool = true)
    throws(SQLiteError)
  {
    self.path = path
    var db: OpaquePointer?
    let flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
    let status = sqlite3_open_v2(path, &db, flags, nil)
    guard status == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(db)
      throw SQLiteError(code: status, message: message, context: "opening \(path)")
    }
    handle = db
    sqlite3_extended_result_codes(db, 1)
    sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    try execute("PRAGMA journal_mode=WAL", retryingBusyFor: busyTimeoutMilliseconds)
    try execute("PRAGMA synchronous=NORMAL")
    try execute("PRAGMA foreign_keys=ON")
  }

  deinit {
    statements.removeAll()  // finalizes each statement before the connection closes
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements that return no rows worth reading.
  public func execute(_ sql: String) throws(SQLiteError) {
    var message: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(handle, sql, nil, nil, &message)
    if status != SQLITE_OK {
      let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
      sqlite3_free(message)
      throw SQLiteError(code: status, message: text, context: "`\(sql.prefix(80))`")
    }
  }

  /// Runs `sql`, retrying while it fails with `SQLITE_BUSY`, for up to `milliseconds`.
  ///
  /// For `PRAGMA journal_mode=WAL`: on a new file it upgrades its own read
  /// transaction to write the header, and SQLite does not call the busy handler for
  /// an upgrade (it could deadlock), so two processes opening a new state at once
  /// could see "database is locked" at once, whatever the busy timeout. Nothing is
  /// held between tries, so retrying cannot deadlock.
  func execute(_ sql: String, retryingBusyFor milliseconds: Int32) throws(SQLiteError) {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(Int(milliseconds)))
    // Each try's own busy waits get only the time left, so that all of them together
    // stay within `milliseconds`.
    defer { sqlite3_busy_timeout(handle, milliseconds) }
    var pause: UInt32 = 1_000  // microseconds, doubling to 50 ms
    while true {
      let left = clock.now.duration(to: deadline).components
      let leftMilliseconds = left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000
      sqlite3_busy_timeout(handle, Int32(clamping: max(leftMilliseconds, 0)))
      do {
        return try execute(sql)
      } catch let error where error.isBusy && clock.now < deadline {
        usleep(pause)
        pause = min(pause * 2, 50_000)
      }
    }
  }

  /// The prepared statement for `sql`, compiled once and cached for the connection's life.
  public func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    if let cached = statements[sql] {
      cached.reset()
      return cached
    }
    var raw: OpaquePointer?
    let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
    guard status == SQLITE_OK, let raw else {
      throw error(status, "`\(sql.prefix(80))`")
    }
    let statement = SQLiteStatement(raw, database: self, sql: sql)
    statements[sql] = statement
    return statement
  }

  /// The error for a status code, with the connection's message.
  func error(_ status: Int32, _ context: String) -> SQLiteError {
    SQLiteError(code: status, message: String(cString: sqlite3_errmsg(handle)), context: context)
  }

  /// Rows changed by the last INSERT, UPDATE or DELETE.
  public var changes: Int { Int(sqlite3_changes64(handle)) }

  /// Whether a transaction is open on the connection.
  public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

  /// The first column of the first row of a query as an integer (`nil`: no row, or NULL).
  public func integer(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int? {
    let statement = try statement(sql)
    try statement.bind(values)
    defer { statement.reset() }
    guard try statement.step(), !statement.isNull(0) else { return nil }
    return statement.int(0)
  }

  /// The rowid of the last row inserted.
  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// `PRAGMA user_version`: the schema version this project writes.
  public func userVersion() throws(SQLiteError) -> Int {
    try integer("PRAGMA user_version") ?? 0
  }
}
