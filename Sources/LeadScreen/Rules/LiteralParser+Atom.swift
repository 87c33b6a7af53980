extension LiteralParser {
  private static func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// A literal character as an atom. Under caseless matching, ASCII letters count as
  /// their lower-case form (k and s also fold with U+212A and U+017F: the classifier
  /// folds those two in non-ASCII subjects before the prefilter scan); other
  /// characters do not count.
  private func literal(_ bytes: [UInt8]) -> Atom {
    if bytes.count == 1 { return literal(bytes[0]) }
    return caseless ? .opaque : .literal(original: bytes, lower: bytes)
  }

  /// ``literal(_:)`` of a one-byte character.
  private func literal(_ byte: UInt8) -> Atom {
    let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    return .byte(original: byte, lower: lower)
  }

  /// Reads one atom at `index`.
  mutating func parseAtom() -> Atom {
    let byte = pattern[index]
    switch byte {
    case UInt8(ascii: "\\"):
      return parseEscape()
    case UInt8(ascii: "["):
      skipClass()
      return .opaque
    case UInt8(ascii: "."):
      index += 1
      return .opaque
    case UInt8(ascii: "^"), UInt8(ascii: "$"):
      index += 1
      return .zeroWidth
    case UInt8(ascii: "("):
      return parseGroup()
    case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
      failed = true
      return .opaque
    default:
      var length = 1
      if byte >= 0xC0 { length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2 }
      guard index + length <= pattern.count else {
        failed = true
        return .opaque
      }
      if length == 1 {
        index += 1
        return literal(byte)
      }
      let bytes = Array(pattern[index..<index + length])
      index += length
      return literal(bytes)
    }
  }

  private mutating func parseEscape() -> Atom {
    index += 1
    guard index < pattern.count else {
      failed = true
      return .opaque
    }
    let byte = pattern[index]
    index += 1
    if byte < 0x80 && !Self.isASCIILetter(byte) && !Self.isDigit(byte) {
      return literal(byte)
    }
    switch UInt8(byte) {
    case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"),
      UInt8(ascii: "Z"), UInt8(ascii: "G"), UInt8(ascii: "K"):
      return .zeroWidth
    case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "w"), UInt8(ascii: "W"),
      UInt8(ascii: "s"), UInt8(ascii: "S"), UInt8(ascii: "h"), UInt8(ascii: "H"),
      UInt8(ascii: "v"), UInt8(ascii: "V"), UInt8(ascii: "N"), UInt8(ascii: "R"),
      UInt8(ascii: "X"):
      return .opaque
    case UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "x"):
      if index < pattern.count && pattern[index] == UInt8(ascii: "{") {
        while index < pattern.count && pattern[index] != UInt8(ascii: "}") { index += 1 }
        index += 1
        if index > pattern.count { failed = true }
      } else if byte == UInt8(ascii: "x") {
        var digits = 0
        while digits < 2 && index < pattern.count && pattern[index].isHexDigit {
          index += 1
          digits += 1
        }
      } else {
        index += 1
      }
      return .opaque
    case UInt8(ascii: "t"): return literal(UInt8(9))
    case UInt8(ascii: "n"): return literal(UInt8(10))
    case UInt8(ascii: "r"): return literal(UInt8(13))
    case UInt8(ascii: "f"): return literal(UInt8(12))
    case UInt8(ascii: "e"): return literal(UInt8(27))
    case UInt8(ascii: "a"): return literal(UInt8(7))
    default:
      // Back references, \Q...\E, \c, \g, \k, \o, octal: not modelled.
      failed = true
      return .opaque
    }
  }

  /// Skips a character class `[...]`, including `[:alpha:]` and escapes.
  private mutating func skipClass() {
    index += 1
    if index < pattern.count && pattern[index] == UInt8(ascii: "^") { index += 1 }
    if index < pattern.count && pattern[index] == UInt8(ascii: "]") { index += 1 }
    while index < pattern.count {
      let byte = pattern[index]
      if byte == UInt8(ascii: "\\") {
        index += 2
      } else if byte == UInt8(ascii: "[") && index + 1 < pattern.count
        && pattern[index + 1] == UInt8(ascii: ":")
      {
        index += 2
        while index + 1 < pattern.count
          && !(pattern[index] == UInt8(ascii: ":") && pattern[index + 1] == UInt8(ascii: "]"))
        {
          index += 1
        }
        index += 2
      } else if byte == UInt8(ascii: "]") {
        index += 1
        return
      } else {
        index += 1
      }
    }
    failed = true
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9"))
      || ((self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "f"))
  }
}
