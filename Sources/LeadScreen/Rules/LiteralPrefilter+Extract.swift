/// What a pattern needs before it can match, found by a conservative parse of its
/// PCRE2 syntax: a set of byte strings (lower-cased ASCII) of which at least one must
/// occur in the lower-cased subject, or nothing usable ("always run").
struct RequiredLiterals: Equatable {
  /// Strings of which one must occur in the lower-cased subject; empty: always run.
  var anyOf: [[UInt8]]
  /// The pattern is exactly this case-sensitive literal (no meta characters at all):
  /// a hit verified against the original bytes is a match without PCRE2.
  var exactCaseSensitive: [UInt8]?
  /// The pattern is exactly a caseless ASCII literal: a hit in the lower-cased subject
  /// is a match without PCRE2.
  var exactCaseless: Bool

  static let alwaysRun = RequiredLiterals(anyOf: [], exactCaseSensitive: nil, exactCaseless: false)
}

extension RequiredLiterals {
  /// Parses `pattern` and returns its required literals. Anything the parser does not
  /// fully understand makes the result `alwaysRun` (safe: PCRE2 then decides).
  /// Any literal, even one byte, beats running the pattern on every subject.
  init(pattern: String, minimumLength: Int = 1) {
    var parser = LiteralParser(pattern: Array(pattern.utf8))
    guard let factor = parser.parseTop(), !parser.failed,
      let best = factor.best, best.allSatisfy({ $0.count >= minimumLength })
    else {
      self = .alwaysRun
      return
    }
    anyOf = best
    exactCaseSensitive = nil
    exactCaseless = false
    if let exact = factor.exact, !exact.lower.isEmpty {
      if !factor.sawCaseless {
        exactCaseSensitive = exact.original
      } else if !factor.sawCaseSensitive {
        exactCaseless = true
      }
    }
  }
}

/// The result of parsing a sequence or alternation.
struct LiteralFactor {
  /// The best required set (nil: nothing required).
  var best: [[UInt8]]?
  /// Set when the whole thing is a plain literal: original and lower-cased bytes.
  var exact: (original: [UInt8], lower: [UInt8])?
  var sawCaseless = false
  var sawCaseSensitive = false

  /// Prefers the set whose shortest member is longest, then the smaller set.
  static func better(_ a: [[UInt8]]?, _ b: [[UInt8]]?) -> [[UInt8]]? {
    guard let a else { return b }
    guard let b else { return a }
    let minA = a.map(\.count).min() ?? 0
    let minB = b.map(\.count).min() ?? 0
    if minA != minB { return minA > minB ? a : b }
    return a.count <= b.count ? a : b
  }
}
