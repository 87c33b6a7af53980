/// Decides whether a user agent is a bot: PCRE2 patterns from `rules/bots/*.txt`, with
/// exemptions from `rules/bots/allow.txt`.
///
/// Fast path: every pattern's required literal (see ``RequiredLiterals``) goes into one
/// Aho–Corasick ``LiteralPrefilter``; PCRE2 runs only for patterns whose literal occurs
/// in the user agent, plus the few patterns without a usable literal (tried together as
/// one alternation). The answer is the lowest-numbered matching pattern, as a plain loop
/// over all patterns in file order would give.
public final class BotClassifier: @unchecked Sendable {
  /// The bot patterns in load order, and their compiled forms.
  let sources: [RuleSource]
  let compiled: [PCRE2Pattern]
  let allowSources: [RuleSource]
  let allowCompiled: [PCRE2Pattern]
  /// The prefilter over required literals; its values are pattern indices.
  let prefilter: LiteralPrefilter
  let required: [RequiredLiterals]
  /// Patterns without a usable literal, in index order; those that can be combined are
  /// also in `alwaysRunCombined` (one alternation), the rest in `alwaysRunSolo`.
  let alwaysRun: [Int32]
  let alwaysRunCombined: PCRE2Pattern?
  let alwaysRunSolo: [Int32]

  /// The source reported for an empty or all-white-space user agent.
  public static let emptySource = RuleSource(
    file: "(built-in)", line: 0, pattern: "empty user agent")

  /// The number of bot patterns (exemptions not counted).
  public var patternCount: Int { sources.count }

  /// The size of the literal prefilter: automaton states and byte classes.
  public var prefilterSize: (states: Int, classes: Int) {
    (prefilter.stateCount, prefilter.classCount)
  }

  /// The patterns without a usable required literal: PCRE2 tries them on every user
  /// agent (as one alternation). Keep this list short (see `classify-ua --stats`).
  public var alwaysRunPatterns: [RuleSource] { alwaysRun.map { sources[Int($0)] } }

  /// Loads every `*.txt` in `directory` (rules/bots) except `allow.txt` as bot patterns,
  /// and `allow.txt` as exemptions. Errors name file:line:column.
  public convenience init(directory: String) throws(RuleFileError) {
    var patterns: [RuleSource] = []
    var allow: [RuleSource] = []
    for path in try RuleFileReader.textFiles(in: directory) {
      let sources = try RuleFileReader.ruleLines(of: path).map {
        RuleSource(file: path, line: $0.number, pattern: $0.text)
      }
      if path.hasSuffix("/allow.txt") { allow += sources } else { patterns += sources }
    }
    try self.init(patterns: patterns, allow: allow)
  }

  /// Builds a classifier from patterns already read (tests, user rules).
  public init(patterns: [RuleSource], allow: [RuleSource]) throws(RuleFileError) {
    sources = patterns
    allowSources = allow
    compiled = try Self.compile(patterns)
    allowCompiled = try Self.compile(allow)
    var literals: [(bytes: [UInt8], value: Int32)] = []
    var requirements: [RequiredLiterals] = []
    var always: [Int32] = []
    for (index, source) in patterns.enumerated() {
      let needs = RequiredLiterals(pattern: source.pattern)
      requirements.append(needs)
      if needs.anyOf.isEmpty { always.append(Int32(index)) }
      for literal in needs.anyOf { literals.append((literal, Int32(index))) }
    }
    required = requirements
    prefilter = LiteralPrefilter(literals: literals)
    alwaysRun = always
    let combinable = always.filter { Self.isCombinable(patterns[Int($0)].pattern) }
    let alternation = combinable.map { "(?:\(patterns[Int($0)].pattern))" }
      .joined(separator: "|")
    // Each part compiled alone, so the alternation should too; if not, run one by one.
    let combined = combinable.isEmpty ? nil : try? PCRE2Pattern(alternation)
    alwaysRunCombined = combined
    alwaysRunSolo = combined == nil ? always : always.filter { !combinable.contains($0) }
  }

  /// Patterns whose meaning does not change inside `(?:...)|...`: no back references
  /// by number, no named groups (names must be unique), no branch reset.
  static func isCombinable(_ pattern: String) -> Bool {
    let bytes = Array(pattern.utf8)
    for index in bytes.indices.dropLast() {
      let (a, b) = (bytes[index], bytes[index + 1])
      if a == UInt8(ascii: "\\")
        && (b >= 49 && b <= 57 || b == UInt8(ascii: "g") || b == UInt8(ascii: "k"))
      {
        return false
      }
      if a == UInt8(ascii: "(") && b == UInt8(ascii: "?") && index + 2 < bytes.count
        && [UInt8(ascii: "<"), UInt8(ascii: "P"), UInt8(ascii: "'"), UInt8(ascii: "|")].contains(
          bytes[index + 2])
        && !(index + 3 < bytes.count
          && [UInt8(ascii: "="), UInt8(ascii: "!")].contains(bytes[index + 3]))
      {
        return false
      }
      if a == UInt8(ascii: "(") && b == UInt8(ascii: "*") { return false }
    }
    return true
  }

  /// Compiles `sources` in order, the first half on a thread of its own when there are
  /// many: compiling the shipped patterns (and their JIT code) is the longest part of
  /// start-up, while the other loads leave a core free. The first error in file order
  /// is the one thrown.
  private static func compile(_ sources: [RuleSource]) throws(RuleFileError) -> [PCRE2Pattern] {
    guard sources.count >= 256 else { return try compileInOrder(sources[...]) }
    let half = sources.count / 2
    let (first, second) = Parallel.both(
      { @Sendable in
        Result { () throws(RuleFileError) in try compileInOrder(sources[..<half]) }
      },
      { Result { () throws(RuleFileError) in try compileInOrder(sources[half...]) } })
    return try first.get() + second.get()
  }

  private static func compileInOrder(_ sources: ArraySlice<RuleSource>) throws(RuleFileError)
    -> [PCRE2Pattern]
  {
    var result: [PCRE2Pattern] = []
    result.reserveCapacity(sources.count)
    for source in sources {
      do {
        result.append(try PCRE2Pattern(source.pattern))
      } catch {
        throw RuleFileError(
          file: source.file, line: source.line, column: error.offset + 1,
          message: "\(error.message) at offset \(error.offset) in pattern `\(source.pattern)`")
      }
    }
    return result
  }
}
