/// Why the state database cannot be used; each names the file.
public enum StateError: Error, CustomStringConvertible {
  /// Another run holds the state's write lock and did not let go in time.
  case busy(path: String, waitedSeconds: Int)
  /// `state stats` or `state prune` on a file that does not exist.
  case missing(path: String)
  /// An SQLite call failed.
  case database(path: String, SQLiteError)
  /// The file was written by a newer leadscreen.
  case newerSchema(path: String, version: Int, supported: Int)
  /// An SQLite database with other tables: not ours to change.
  case notAState(path: String)
  /// The state was created with `LEADSCREEN_STATE_KEY` and it is not set now.
  case keyRequired(path: String)
  /// `LEADSCREEN_STATE_KEY` (or the stored key) is not the key the state was created with.
  case keyMismatch(path: String)
  /// `LEADSCREEN_STATE_KEY` is set but too short to be a secret.
  case keyTooShort(minimum: Int)
  /// A stored value cannot be read back.
  case corrupt(path: String, what: String)

  public var description: String {
    switch self {
    case .busy(let path, let seconds):
      "state \(path) is in use by another run (waited \(seconds) s)"
    case .missing(let path): "state \(path) does not exist"
    case .database(let path, let error): "state \(path): \(error)"
    case .newerSchema(let path, let version, let supported):
      "state \(path) has schema version \(version); this leadscreen reads up to \(supported)"
    case .notAState(let path):
      "\(path) is an SQLite database with other tables, not a leadscreen state"
    case .keyRequired(let path):
      "state \(path) was created with LEADSCREEN_STATE_KEY: set it to the same key"
    case .keyMismatch(let path):
      "LEADSCREEN_STATE_KEY is not the key state \(path) was created with"
    case .keyTooShort(let minimum):
      "LEADSCREEN_STATE_KEY must be at least \(minimum) bytes"
    case .corrupt(let path, let what): "state \(path): cannot read \(what)"
    }
  }

  /// An SQLite error on `path` as a state error (a lock timeout as ``busy(path:waitedSeconds:)``).
  static func wrap(_ error: SQLiteError, path: String, waitedSeconds: Int) -> StateError {
    error.isBusy ? .busy(path: path, waitedSeconds: waitedSeconds) : .database(path: path, error)
  }
}
