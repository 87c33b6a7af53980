/// Email addresses: normalization, the duplicate key, the domain (docs/reasons.md, Normalize).
public enum EmailAddress {
  /// Trimmed of surrounding white space, lower-cased and syntax-checked; nil when
  /// not a possible address.
  ///
  /// Valid: exactly one `@`; a non-empty local part of RFC 5322 atom characters and
  /// dots (no edge or consecutive dots); a domain of at least two non-empty labels of
  /// letters, digits and hyphens whose last label is two or more letters. Quoted
  /// local parts and non-ASCII addresses are not accepted.
  public static func normalize(_ text: String) -> String? {
    var text = text
    let verdict = text.withUTF8 { check(UnsafeRawBufferPointer($0)) }
    guard let verdict else { return nil }
    if verdict.isCanonical { return text }
    let range = verdict.range
    return text.withUTF8 { source in
      String(unsafeUninitializedCapacity: range.count) { out in
        for offset in 0..<range.count {
          let byte = source[range.lowerBound + offset]
          out[offset] = isUpper(byte) ? byte | 0x20 : byte
        }
        return range.count
      }
    }
  }

  /// The key under which two leads count as duplicates: the normalized address, and
  /// for `gmail.com` / `googlemail.com` the mailbox without dots and without a `+tag`,
  /// at `gmail.com`.
  public static func duplicateKey(_ normalized: String) -> String {
    let domain = domain(of: normalized)
    guard domain == "gmail.com" || domain == "googlemail.com" else { return normalized }
    let local = normalized.utf8.prefix { $0 != UInt8(ascii: "@") }
    var key: [UInt8] = []
    key.reserveCapacity(local.count + 10)
    for byte in local {
      if byte == UInt8(ascii: "+") { break }
      if byte != UInt8(ascii: ".") { key.append(byte) }
    }
    key.append(contentsOf: "@gmail.com".utf8)
    return String(decoding: key, as: UTF8.self)
  }

  /// The part after the `@` (the whole text when there is none).
  public static func domain(of normalized: String) -> Substring {
    guard let at = normalized.utf8.lastIndex(of: UInt8(ascii: "@")) else {
      return normalized[...]
    }
    return normalized[normalized.utf8.index(after: at)...]
  }

  /// The trimmed range of a valid address, and whether it already is the whole,
  /// lower-case text.
  private static func check(_ bytes: UnsafeRawBufferPointer) -> (
    range: Range<Int>, isCanonical: Bool
  )? {
    var start = 0
    var end = bytes.count
    while start < end, isBlank(bytes[start]) { start += 1 }
    while end > start, isBlank(bytes[end - 1]) { end -= 1 }
    var hasUpper = false
    var at = -1
    for index in start..<end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "@") {
        guard at < 0 else { return nil }
        at = index
      } else if isUpper(byte) {
        hasUpper = true
      }
    }
    guard at > start, at + 1 < end else { return nil }

    // Local part: atom characters and single inner dots.
    var previousDot = true
    for index in start..<at {
      let byte = bytes[index] | (isUpper(bytes[index]) ? 0x20 : 0)
      if byte == UInt8(ascii: ".") {
        guard !previousDot else { return nil }
        previousDot = true
      } else {
        guard isAtom(byte) else { return nil }
        previousDot = false
      }
    }
    guard !previousDot else { return nil }

    // Domain: two or more labels; the last one two or more letters.
    var labels = 0
    var labelLength = 0
    var labelAllLetters = true
    for index in at + 1..<end {
      let byte = bytes[index] | (isUpper(bytes[index]) ? 0x20 : 0)
      if byte == UInt8(ascii: ".") {
        guard labelLength > 0 else { return nil }
        labels += 1
        labelLength = 0
        labelAllLetters = true
      } else {
        let isLetter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        guard isLetter || RFC3339.digit(byte) != nil || byte == UInt8(ascii: "-") else {
          return nil
        }
        labelAllLetters = labelAllLetters && isLetter
        labelLength += 1
      }
    }
    guard labels >= 1, labelLength >= 2, labelAllLetters else { return nil }
    return (start..<end, !hasUpper && start == 0 && end == bytes.count)
  }

  /// RFC 5322 `atext`, lower-case letters only (the caller lowers first).
  private static func isAtom(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
      UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
      UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"),
      UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"),
      UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
      true
    default:
      false
    }
  }

  private static func isUpper(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }
}
