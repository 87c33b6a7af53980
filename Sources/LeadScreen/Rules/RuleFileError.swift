/// A rule-file problem with its location, e.g.
/// `rules/bots/generic.txt:41:3: missing closing parenthesis at offset 12 in pattern `(Googlebot``.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file (as given to the loader).
  public var file: String
  /// 1-based line; 0 when the problem is the file itself (cannot be opened).
  public var line: Int
  /// 1-based column (byte offset in the line plus one); 0 when unknown.
  public var column: Int
  /// What is wrong and, where possible, what to change.
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    if line == 0 { return "\(file): \(message)" }
    return "\(file):\(line):\(column): \(message)"
  }
}

/// Where a rule came from, for `--explain`: the file, the 1-based line and the pattern text.
public struct RuleSource: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var pattern: String

  public init(file: String, line: Int, pattern: String) {
    self.file = file
    self.line = line
    self.pattern = pattern
  }

  public var description: String { "\(file):\(line): \(pattern)" }
}
