/// The two record formats the reader understands.
public enum InputFormat: String, Sendable, CaseIterable {
  /// One JSON object per line.
  case ndjson
  /// RFC 4180 comma-separated values with a header row naming the fields.
  case csv
}
