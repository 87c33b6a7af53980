/// A conservative recursive-descent reader of PCRE2 pattern syntax that finds required
/// literals (see ``RequiredLiterals``). It sets `failed` on any construct it does not
/// model, so the caller falls back to running the pattern always.
struct LiteralParser {
  let pattern: [UInt8]
  var index = 0
  var failed = false
  var caseless = false

  init(pattern: [UInt8]) { self.pattern = pattern }

  /// One parsed atom.
  enum Atom {
    /// A one-byte character (most are): no arrays to make for it.
    case byte(original: UInt8, lower: UInt8)
    case literal(original: [UInt8], lower: [UInt8])
    case zeroWidth
    case flags
    case opaque
    case group(LiteralFactor)
  }

  mutating func parseTop() -> LiteralFactor? {
    let factor = parseAlternation()
    if index < pattern.count { failed = true }
    return failed ? nil : factor
  }

  /// branch ('|' branch)*, up to a ')' or the end.
  mutating func parseAlternation() -> LiteralFactor {
    let savedCaseless = caseless
    var branches: [LiteralFactor] = [parseSequence()]
    while index < pattern.count && pattern[index] == UInt8(ascii: "|") {
      index += 1
      branches.append(parseSequence())
    }
    caseless = savedCaseless
    if branches.count == 1 { return branches[0] }
    var union: [[UInt8]]? = []
    var result = LiteralFactor()
    for branch in branches {
      result.sawCaseless = result.sawCaseless || branch.sawCaseless
      result.sawCaseSensitive = result.sawCaseSensitive || branch.sawCaseSensitive
      if let best = branch.best, union != nil { union! += best } else { union = nil }
    }
    result.best = union.map { Array(Set($0)).sorted { $0.lexicographicallyPrecedes($1) } }
    return result
  }

  /// A run of atoms with their quantifiers.
  mutating func parseSequence() -> LiteralFactor {
    var result = LiteralFactor()
    var runOriginal: [UInt8] = []
    var runLower: [UInt8] = []
    var isExact = true
    func flush(_ result: inout LiteralFactor) {
      if !runLower.isEmpty { result.best = LiteralFactor.better(result.best, [runLower]) }
      runOriginal = []
      runLower = []
    }
    while index < pattern.count && !failed {
      let byte = pattern[index]
      if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ")") { break }
      let atom = parseAtom()
      let minimum = parseQuantifier()
      if failed { break }
      if minimum != 1 { isExact = false }
      switch atom {
      case .byte(let original, let lower):
        if caseless { result.sawCaseless = true } else { result.sawCaseSensitive = true }
        if minimum == 1 {
          runOriginal.append(original)
          runLower.append(lower)
        } else {
          flush(&result)
          if minimum > 1 { result.best = LiteralFactor.better(result.best, [[lower]]) }
        }
      case .literal(let original, let lower):
        if caseless { result.sawCaseless = true } else { result.sawCaseSensitive = true }
        if minimum == 1 {
          runOriginal += original
          runLower += lower
        } else {
          flush(&result)
          if minimum > 1 { result.best = LiteralFactor.better(result.best, [lower]) }
        }
      case .zeroWidth:
        isExact = false
      case .flags:
        if minimum != 1 { failed = true }
      case .opaque:
        isExact = false
        flush(&result)
      case .group(let inner):
        result.sawCaseless = result.sawCaseless || inner.sawCaseless
        result.sawCaseSensitive = result.sawCaseSensitive || inner.sawCaseSensitive
        if minimum == 1, let exact = inner.exact {
          runOriginal += exact.original
          runLower += exact.lower
        } else {
          isExact = false
          flush(&result)
          if minimum >= 1 { result.best = LiteralFactor.better(result.best, inner.best) }
        }
      }
    }
    if isExact { result.exact = (runOriginal, runLower) }
    flush(&result)
    return result
  }
}
