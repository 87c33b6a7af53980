import CSQLite

/// A prepared statement, owned by its ``SQLiteDatabase`` (which caches it and
/// finalizes it before closing). Bind with 1-based indexes; read columns with
/// 0-based ones after ``step()`` returned `true`.
public final class SQLiteStatement {
  private let raw: OpaquePointer
  private unowned let database: SQLiteDatabase
  let sql: String

  init(_ raw: OpaquePointer, database: SQLiteDatabase, sql: String) {
    self.raw = raw
    self.database = database
    self.sql = sql
  }

  deinit {
    sqlite3_finalize(raw)
  }

  /// Ready to run again: resets the statement and clears its bindings.
  func reset() {
    sqlite3_reset(raw)
    sqlite3_clear_bindings(raw)
  }

  /// Binds values to parameters 1, 2, … in order.
  @discardableResult
  public func bind(_ values: SQLiteValue...) throws(SQLiteError) -> SQLiteStatement {
    try bind(values)
  }

  /// Binds values to parameters 1, 2, … in order.
  @discardableResult
  public func bind(_ values: [SQLiteValue]) throws(SQLiteError) -> SQLiteStatement {
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let status: Int32
      switch value {
      case .null: status = sqlite3_bind_null(raw, index)
      case .integer(let number): status = sqlite3_bind_int64(raw, index, number)
      case .real(let number): status = sqlite3_bind_double(raw, index, number)
      case .text(let text): status = sqlite3_bind_text(raw, index, text, -1, csqlite_transient())
      case .blob(let bytes):
        status = bytes.withUnsafeBytes { buffer in
          sqlite3_bind_blob64(
            raw, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
            UInt64(buffer.count), csqlite_transient())
        }
      }
      if status != SQLITE_OK { throw database.error(status, "binding \(index) of `\(sql)`") }
    }
    return self
  }

  /// Runs the statement one step: `true` when a row is ready to read, `false` when done.
  @discardableResult
  public func step() throws(SQLiteError) -> Bool {
    let status = sqlite3_step(raw)
    switch status {
    case SQLITE_ROW: return true
    case SQLITE_DONE:
      sqlite3_reset(raw)
      return false
    default:
      let error = database.error(status, "`\(sql.prefix(80))`")
      sqlite3_reset(raw)
      throw error
    }
  }

  /// Runs the statement to completion (for INSERT, UPDATE, DELETE).
  public func run() throws(SQLiteError) {
    while try step() {}
  }

  public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(raw, column)) }

  public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(raw, column) }

  public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(raw, column) == SQLITE_NULL }

  public func text(_ column: Int32) -> String {
    guard let pointer = sqlite3_column_text(raw, column) else { return "" }
    let count = Int(sqlite3_column_bytes(raw, column))
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  public func blob(_ column: Int32) -> [UInt8] {
    guard let pointer = sqlite3_column_blob(raw, column) else { return [] }
    let count = Int(sqlite3_column_bytes(raw, column))
    return Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}

/// A value to bind to a statement parameter.
public enum SQLiteValue: Sendable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  public static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }
}
