/// Why the generator could not start: a table is missing or malformed, or an option
/// is out of range. Each case prints as one line a user can act on.
public enum GeneratorError: Error, CustomStringConvertible, Equatable {
  /// A table file could not be read.
  case missingTable(path: String)
  /// A table line does not have the expected shape.
  case badTableLine(path: String, line: Int, message: String)
  /// An option value is out of range or unknown.
  case badOption(String)

  public var description: String {
    switch self {
    case .missingTable(let path):
      "\(path): cannot read the table (is --rules pointing at the rules folder?)"
    case .badTableLine(let path, let line, let message):
      "\(path):\(line): \(message)"
    case .badOption(let message):
      message
    }
  }
}
