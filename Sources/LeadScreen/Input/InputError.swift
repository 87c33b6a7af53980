/// A fatal problem with an input source: it cannot be opened or read.
///
/// Problems with single lines are not errors but ``Rejection``s.
public struct InputError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable {
    /// The file does not exist, is not readable, …
    case cannotOpen
    /// `read(2)` failed.
    case readFailed
    /// The data looks like gzip but does not inflate (corrupt or truncated).
    case corruptGzip
  }

  public var kind: Kind
  /// The path as the user gave it (`-` for standard input).
  public var path: String
  /// The system's or zlib's explanation.
  public var message: String

  public init(kind: Kind, path: String, message: String) {
    self.kind = kind
    self.path = path
    self.message = message
  }

  /// One line, e.g. `cannot open clicks.ndjson: No such file or directory`.
  public var description: String {
    switch kind {
    case .cannotOpen: "cannot open \(path): \(message)"
    case .readFailed: "cannot read \(path): \(message)"
    case .corruptGzip: "corrupt gzip data in \(path): \(message)"
    }
  }
}
