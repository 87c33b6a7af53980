/// Test and keyboard-mash names (`rules/fake-names.txt`): PCRE2 patterns, matched
/// caselessly against the whole trimmed name, one a line, `#` comments.
public final class FakeNames: @unchecked Sendable {
  private let sources: [RuleSource]
  private let patterns: [PCRE2Pattern]

  /// The number of patterns.
  public var patternCount: Int { patterns.count }

  /// Loads and compiles the patterns; a bad one is an error naming file:line:column.
  public init(file: String) throws(RuleFileError) {
    var sources: [RuleSource] = []
    var patterns: [PCRE2Pattern] = []
    for line in try RuleFileReader.ruleLines(of: file) {
      let source = RuleSource(file: file, line: line.number, pattern: line.text)
      do {
        patterns.append(try PCRE2Pattern(line.text, caseless: true))
      } catch {
        throw RuleFileError(
          file: file, line: line.number, column: error.offset + 1,
          message: "\(error.message) at offset \(error.offset) in pattern `\(line.text)`")
      }
      sources.append(source)
    }
    self.sources = sources
    self.patterns = patterns
  }

  /// The first pattern matching `name` (trimmed of spaces), or nil; an empty name is nil
  /// (a missing field is `incomplete_form`, not a fake name).
  public func match(_ name: String, scratch: PCRE2Scratch) -> RuleSource? {
    var name = name
    return name.withUTF8 { bytes in
      // The name's bytes once, trimmed in place, for every pattern (PCRE2 takes about
      // 10 ns a pattern here; a String per pattern cost several times that).
      var start = 0
      var end = bytes.count
      while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      guard start < end else { return nil }
      let first = PCRE2Pattern.firstMatch(
        of: patterns, in: bytes.baseAddress! + start, count: end - start, scratch: scratch)
      return first.map { sources[$0] }
    }
  }
}
