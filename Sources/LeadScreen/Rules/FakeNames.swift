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
    var cache = Cache(slots: 0)
    return match(name, cache: &cache, scratch: scratch)
  }

  /// ``match(_:scratch:)``, answering a name seen before from `cache` (names repeat:
  /// the benchmark day's 25,057 leads have 1,327 distinct first and 1,310 last names,
  /// and a PCRE2 pass over the patterns is thousands of instructions).
  public func match(_ name: String, cache: inout Cache, scratch: PCRE2Scratch) -> RuleSource? {
    var name = name
    return name.withUTF8 { bytes in
      // The name's bytes once, trimmed in place, for every pattern (PCRE2 takes about
      // 10 ns a pattern here; a String per pattern cost several times that).
      var start = 0
      var end = bytes.count
      while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      guard start < end else { return nil }
      let trimmed = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<end])
      if let known = cache.answer(trimmed) { return known >= 0 ? sources[known] : nil }
      let first = PCRE2Pattern.firstMatch(
        of: patterns, in: bytes.baseAddress! + start, count: end - start, scratch: scratch)
      cache.remember(trimmed, first ?? -1)
      return first.map { sources[$0] }
    }
  }

  /// Answers for names seen before: a direct-mapped table of short names (up to
  /// ``maxLength`` bytes, the name itself kept for comparison) and the index of the
  /// first pattern each matched, or -1. A name that lands on a taken slot replaces
  /// its occupant. One per thread.
  public struct Cache {
    /// Longer names are not kept (they are rare, and matched every time).
    static let maxLength = 24
    /// Four words a slot: the name's bytes, zero-padded, then its length and answer.
    private var words: [UInt64]
    private let mask: Int

    /// A cache of `slots` names (a power of two; 0 keeps none).
    public init(slots: Int = 4096) {
      precondition(slots == 0 || slots & (slots - 1) == 0, "slots must be a power of two")
      words = [UInt64](repeating: 0, count: slots * 4)
      mask = slots - 1
    }

    /// The name's bytes as three words, zero-padded (the caller checks the length).
    @inline(__always)
    private static func key(_ name: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64) {
      var key: (UInt64, UInt64, UInt64) = (0, 0, 0)
      withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: name) }
      return key
    }

    /// The last word of a slot: a length (never 0 for a kept name) and the answer.
    @inline(__always)
    private static func tail(_ count: Int, _ answer: Int) -> UInt64 {
      UInt64(count) << 32 | UInt64(UInt32(truncatingIfNeeded: answer + 1))
    }

    @inline(__always)
    private func slot(_ name: UnsafeRawBufferPointer) -> Int {
      Int(truncatingIfNeeded: BotClassifier.Cache.hash(name)) & mask
    }

    /// The kept answer for `name` (a pattern index, or -1 for none), or nil when unknown.
    func answer(_ name: UnsafeRawBufferPointer) -> Int? {
      guard mask >= 0, name.count <= Self.maxLength else { return nil }
      let base = slot(name) * 4
      let tail = words[base + 3]
      guard tail >> 32 == UInt64(name.count) else { return nil }
      let key = Self.key(name)
      guard words[base] == key.0, words[base + 1] == key.1, words[base + 2] == key.2 else {
        return nil
      }
      return Int(UInt32(truncatingIfNeeded: tail)) - 1
    }

    /// Keeps `answer` (a pattern index or -1) for `name`.
    mutating func remember(_ name: UnsafeRawBufferPointer, _ answer: Int) {
      guard mask >= 0, name.count <= Self.maxLength else { return }
      let base = slot(name) * 4
      let key = Self.key(name)
      words[base] = key.0
      words[base + 1] = key.1
      words[base + 2] = key.2
      words[base + 3] = Self.tail(name.count, answer)
    }
  }
}
