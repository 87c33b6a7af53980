extension LiteralParser {
  /// Reads `(...)`: plain, non-capturing, named, atomic, option-setting or lookaround.
  mutating func parseGroup() -> Atom {
    index += 1
    var lookaround = false
    let savedCaseless = caseless
    if index < pattern.count && pattern[index] == UInt8(ascii: "?") {
      index += 1
      guard index < pattern.count else {
        failed = true
        return .opaque
      }
      switch pattern[index] {
      case UInt8(ascii: ":"), UInt8(ascii: ">"):
        index += 1
      case UInt8(ascii: "="), UInt8(ascii: "!"):
        index += 1
        lookaround = true
      case UInt8(ascii: "<")
      where index + 1 < pattern.count
        && (pattern[index + 1] == UInt8(ascii: "=") || pattern[index + 1] == UInt8(ascii: "!")):
        index += 2
        lookaround = true
      case UInt8(ascii: "<"), UInt8(ascii: "P"), UInt8(ascii: "'"):
        guard skipGroupName() else { return .opaque }
      default:
        guard let isGroup = parseOptions() else { return .opaque }
        if !isGroup { return .flags }
      }
    }
    let inner = parseAlternation()
    caseless = savedCaseless
    guard index < pattern.count && pattern[index] == UInt8(ascii: ")") else {
      failed = true
      return .opaque
    }
    index += 1
    if lookaround { return .zeroWidth }
    return .group(inner)
  }

  /// `(?<name>`, `(?P<name>`, `(?'name'`: skips to after the name.
  private mutating func skipGroupName() -> Bool {
    if pattern[index] == UInt8(ascii: "P") {
      index += 1
      guard index < pattern.count, pattern[index] == UInt8(ascii: "<") else {
        failed = true
        return false
      }
    }
    let close = pattern[index] == UInt8(ascii: "'") ? UInt8(ascii: "'") : UInt8(ascii: ">")
    index += 1
    while index < pattern.count && pattern[index] != close { index += 1 }
    index += 1
    if index > pattern.count { failed = true }
    return !failed
  }

  /// Option letters after `(?`: `i`, `m`, `s`, `n`, `U`, `-`, ended by `)` (sets them for
  /// the rest of the enclosing group: returns false) or `:` (a group: returns true).
  /// Anything else (`x` changes what is literal) fails.
  private mutating func parseOptions() -> Bool? {
    var negate = false
    while index < pattern.count {
      let byte = pattern[index]
      index += 1
      switch byte {
      case UInt8(ascii: "-"): negate = true
      case UInt8(ascii: "i"): caseless = !negate
      case UInt8(ascii: "m"), UInt8(ascii: "s"), UInt8(ascii: "n"), UInt8(ascii: "U"): break
      case UInt8(ascii: ")"): return false
      case UInt8(ascii: ":"): return true
      default:
        failed = true
        return nil
      }
    }
    failed = true
    return nil
  }

  /// Reads a quantifier after an atom. Returns 1 when there is none, 0 when the atom
  /// may be absent, and 2 or more when it must occur but repeats (so a literal run
  /// cannot continue across it).
  mutating func parseQuantifier() -> Int {
    guard index < pattern.count else { return 1 }
    var minimum: Int
    switch pattern[index] {
    case UInt8(ascii: "*"), UInt8(ascii: "?"):
      minimum = 0
      index += 1
    case UInt8(ascii: "+"):
      minimum = 2
      index += 1
    case UInt8(ascii: "{"):
      guard let value = parseBraces() else { return 1 }
      minimum = value == 0 ? 0 : max(value, 2)
    default:
      return 1
    }
    if index < pattern.count
      && (pattern[index] == UInt8(ascii: "?") || pattern[index] == UInt8(ascii: "+"))
    {
      index += 1
    }
    return minimum
  }

  /// `{n}`, `{n,}`, `{n,m}`, `{,m}`: the minimum, or nil when the brace is a literal.
  private mutating func parseBraces() -> Int? {
    var cursor = index + 1
    var minimum = 0
    var digits = 0
    while cursor < pattern.count, pattern[cursor] >= 48, pattern[cursor] <= 57 {
      minimum = min(minimum * 10 + Int(pattern[cursor] - 48), 1000)
      cursor += 1
      digits += 1
    }
    var sawComma = false
    if cursor < pattern.count && pattern[cursor] == UInt8(ascii: ",") {
      sawComma = true
      cursor += 1
      while cursor < pattern.count, pattern[cursor] >= 48, pattern[cursor] <= 57 { cursor += 1 }
    }
    guard cursor < pattern.count, pattern[cursor] == UInt8(ascii: "}"), digits > 0 || sawComma
    else { return nil }
    index = cursor + 1
    return minimum
  }
}
