/// An input line the reader could not turn into a record.
public struct Rejection: Sendable, Equatable {
  /// 1-based physical line of the source where the rejected text starts.
  public var line: Int
  /// Why, in a few words a user can act on ("broken JSON: expected ':' at byte 12").
  public var reason: String
  /// The raw line: its first 1024 bytes, invalid UTF-8 replaced by U+FFFD.
  public var text: String

  public init(line: Int, reason: String, text: String) {
    self.line = line
    self.reason = reason
    self.text = text
  }
}

/// What ``RecordReader/next(into:)`` found.
public enum ReadOutcome: Sendable, Equatable {
  /// The record was filled with the next record.
  case record
  /// The next line (or CSV record) was rejected; reading can go on.
  case rejected(Rejection)
  /// The source is exhausted.
  case end
}

/// What ``RecordReader/nextFramed(into:lines:)`` found.
public enum FramedOutcome: Sendable, Equatable {
  /// The record was filled with the next record (a CSV row).
  case record
  /// The next line (or CSV record) was rejected; reading can go on.
  case rejected(Rejection)
  /// An NDJSON line, not yet checked or parsed: its last `count` bytes appended to
  /// the caller's buffer, the object after `bom` bytes (3 after a byte order mark, else 0).
  case json(bom: Int, count: Int, line: Int)
  /// The source is exhausted.
  case end
}

extension FramedOutcome {
  init(_ outcome: ReadOutcome) {
    switch outcome {
    case .record: self = .record
    case .rejected(let rejection): self = .rejected(rejection)
    case .end: self = .end
    }
  }
}

/// Something that may take a whole NDJSON line before the reader parses it into a
/// ``RawRecord`` (see ``RecordReader/next(into:shortcut:)``): the score command's
/// clicks, which need no record.
public protocol JSONLineShortcut {
  /// Takes the `count` bytes at `line` (valid UTF-8, the line's object and what
  /// follows it, without its line end) if it can; true when it did. `quotes`, when
  /// given, says that the line has neither backslash nor control byte and where its
  /// quotes are (``leadscreen_json_index``). A line it leaves is parsed into a
  /// record as ever, so it may leave any line it does not want, valid or not.
  mutating func take(_ line: UnsafePointer<UInt8>, count: Int, quotes: UnsafePointer<UInt64>?)
    -> Bool
}

/// The shortcut that takes no line.
public struct NoShortcut: JSONLineShortcut {
  public init() {}

  @inline(__always)
  public func take(_ line: UnsafePointer<UInt8>, count: Int, quotes: UnsafePointer<UInt64>?)
    -> Bool
  { false }
}
