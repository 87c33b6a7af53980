/// A point in time: milliseconds since the Unix epoch, UTC.
///
/// Parsing (RFC 3339 with `Z`, offsets and fractions; epoch seconds) and
/// formatting live in `Timestamp+Parse.swift`.
public struct Timestamp: Sendable, Hashable, Comparable {
  public var milliseconds: Int64

  public init(milliseconds: Int64) {
    self.milliseconds = milliseconds
  }

  public init(seconds: Int64) {
    self.milliseconds = seconds * 1000
  }

  /// Whole seconds since the epoch, rounded down.
  public var seconds: Int64 {
    milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.milliseconds < rhs.milliseconds
  }
}
