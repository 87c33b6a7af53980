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
    let trimmed = name.trimmingASCIISpaces()
    guard !trimmed.isEmpty else { return nil }
    for (index, pattern) in patterns.enumerated()
    where (try? pattern.matches(trimmed, scratch: scratch)) == true {
      return sources[index]
    }
    return nil
  }
}
