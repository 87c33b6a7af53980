/// A configuration problem, located in its file: the message says what to change.
///
/// `description` is one line: `campaigns.yaml:12:5: unknown key `price_per_leed` in
/// campaign hvac-austin (expected one of: advertiser, currency, ...)`.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String
  /// 1-based line, when the problem has a place in the file.
  public var line: Int?
  /// 1-based column (in Unicode scalars), when known.
  public var column: Int?
  /// What is wrong, and what is expected instead.
  public var message: String

  public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    switch (line, column) {
    case (let line?, let column?): "\(file):\(line):\(column): \(message)"
    case (let line?, nil): "\(file):\(line): \(message)"
    default: "\(file): \(message)"
    }
  }
}
