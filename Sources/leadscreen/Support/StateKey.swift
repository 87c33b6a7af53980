import LeadScreen

#if canImport(Glibc)
  import Glibc
#endif

/// The state's key from the environment, and state errors as exit statuses.
enum StateKey {
  /// The variable that, when set, holds the key of the state's contact hashes.
  static let variable = "LEADSCREEN_STATE_KEY"

  /// `LEADSCREEN_STATE_KEY`'s bytes; `nil` when unset or empty.
  static func fromEnvironment() -> [UInt8]? {
    guard let value = getenv(variable) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : Array(text.utf8)
  }

  /// 75 for a state in use, 78 for a key or schema problem, 66 for a missing
  /// file, 74 for anything else (the state is an output).
  static func exitStatus(for error: StateError) -> Int32 {
    switch error {
    case .busy: ExitStatus.stateBusy
    case .keyRequired, .keyMismatch, .keyTooShort, .newerSchema, .notAState:
      ExitStatus.badConfiguration
    case .missing: ExitStatus.cannotOpenInput
    case .database, .corrupt: ExitStatus.cannotWriteOutput
    }
  }
}
