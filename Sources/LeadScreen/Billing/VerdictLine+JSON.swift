#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads one NDJSON verdict, byte by byte: a flat object of strings, numbers and
/// arrays of strings; any other value (nested objects, `explain`) is skipped.
extension VerdictLine {
  /// Parses `bytes` (one line, without its newline) as a verdict object.
  public static func parseJSON(_ bytes: UnsafeRawBufferPointer, line: Int) throws(VerdictLineError)
    -> VerdictLine
  {
    var parser = FlatJSONParser(bytes: bytes, line: line)
    return try parser.verdict()
  }
}

/// A cursor over one line of JSON.
private struct FlatJSONParser {
  let bytes: UnsafeRawBufferPointer
  let line: Int
  var at = 0

  init(bytes: UnsafeRawBufferPointer, line: Int) {
    self.bytes = bytes
    self.line = line
  }

  func fail(_ message: String) -> VerdictLineError {
    VerdictLineError(line: line, message: "\(message) at byte \(at + 1)")
  }

  mutating func skipSpace() {
    while at < bytes.count {
      let byte = bytes[at]
      guard byte == 32 || byte == 9 || byte == 13 || byte == 10 else { return }
      at += 1
    }
  }

  mutating func expect(_ byte: UInt8) throws(VerdictLineError) {
    skipSpace()
    guard at < bytes.count, bytes[at] == byte else {
      throw fail("expected '\(Character(Unicode.Scalar(byte)))'")
    }
    at += 1
  }

  mutating func verdict() throws(VerdictLineError) -> VerdictLine {
    var fields = VerdictFields()
    try expect(UInt8(ascii: "{"))
    skipSpace()
    if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
      at += 1
    } else {
      while true {
        skipSpace()
        let key = try keyName()
        try expect(UInt8(ascii: ":"))
        skipSpace()
        switch key {
        case .id: fields.id = try string()
        case .type: fields.type = try string()
        case .campaign: fields.campaign = try string()
        case .source: fields.source = try optionalString()
        case .ts: fields.ts = try string()
        case .decision: fields.decision = try string()
        case .reasons: fields.reasons = try stringArray()
        case .price: fields.price = try number()
        case .other: try skipValue(depth: 0)
        }
        skipSpace()
        guard at < bytes.count else { throw fail("unterminated object") }
        if bytes[at] == UInt8(ascii: ",") {
          at += 1
          continue
        }
        try expect(UInt8(ascii: "}"))
        break
      }
    }
    skipSpace()
    guard at == bytes.count else { throw fail("text after the object") }
    return try fields.verdict(line: line)
  }

  /// The keys the invoice reads; any other is skipped.
  enum Key {
    case id, type, campaign, source, ts, decision, reasons, price, other
  }

  /// Reads an object key, comparing its bytes (no `String` for a plain key).
  mutating func keyName() throws(VerdictLineError) -> Key {
    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw fail("expected a key") }
    let start = at + 1
    var end = start
    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != 92 { end += 1 }
    guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
      return Self.key(named: try string())
    }
    at = end + 1
    let count = end - start
    for (word, key) in Self.keys where word.utf8CodeUnitCount == count {
      if memcmp(bytes.baseAddress! + start, word.utf8Start, count) == 0 { return key }
    }
    return .other
  }

  static let keys: [(StaticString, Key)] = [
    ("id", .id), ("type", .type), ("campaign", .campaign), ("source", .source), ("ts", .ts),
    ("decision", .decision), ("reasons", .reasons), ("price", .price),
  ]

  static func key(named name: String) -> Key {
    keys.first { $0.0.description == name }?.1 ?? .other
  }

  mutating func optionalString() throws(VerdictLineError) -> String? {
    if literal("null") { return nil }
    return try string()
  }

  mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard at + count <= bytes.count else { return false }
    for offset in 0..<count where bytes[at + offset] != word.utf8Start[offset] { return false }
    at += count
    return true
  }

  mutating func stringArray() throws(VerdictLineError) -> [String] {
    var items: [String] = []
    try expect(UInt8(ascii: "["))
    skipSpace()
    if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
      at += 1
      return items
    }
    while true {
      skipSpace()
      items.append(try string())
      skipSpace()
      if at < bytes.count, bytes[at] == UInt8(ascii: ",") {
        at += 1
        continue
      }
      try expect(UInt8(ascii: "]"))
      return items
    }
  }

  /// The text of a JSON number (checked later, by `DecimalText`).
  mutating func number() throws(VerdictLineError) -> String {
    let start = at
    while at < bytes.count, Self.isNumberByte(bytes[at]) { at += 1 }
    guard at > start else { throw fail("expected a number") }
    return String(decoding: bytes[start..<at], as: UTF8.self)
  }

  static func isNumberByte(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
  }

  mutating func string() throws(VerdictLineError) -> String {
    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw fail("expected a string") }
    at += 1
    let start = at
    while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != 92 { at += 1 }
    if at < bytes.count, bytes[at] == UInt8(ascii: "\"") {
      defer { at += 1 }
      return String(decoding: bytes[start..<at], as: UTF8.self)
    }
    var text = Array(bytes[start..<at])
    try unescape(into: &text)
    return String(decoding: text, as: UTF8.self)
  }

  /// Continues a string that has an escape, up to its closing quote.
  mutating func unescape(into text: inout [UInt8]) throws(VerdictLineError) {
    while at < bytes.count {
      let byte = bytes[at]
      at += 1
      switch byte {
      case UInt8(ascii: "\""): return
      case 92:
        guard at < bytes.count else { break }
        let escape = bytes[at]
        at += 1
        switch escape {
        case UInt8(ascii: "n"): text.append(10)
        case UInt8(ascii: "t"): text.append(9)
        case UInt8(ascii: "r"): text.append(13)
        case UInt8(ascii: "b"): text.append(8)
        case UInt8(ascii: "f"): text.append(12)
        case UInt8(ascii: "u"): try unicodeEscape(into: &text)
        case UInt8(ascii: "\""), 92, UInt8(ascii: "/"): text.append(escape)
        default: throw fail("bad escape")
        }
      default: text.append(byte)
      }
    }
    throw fail("unterminated string")
  }

  mutating func unicodeEscape(into text: inout [UInt8]) throws(VerdictLineError) {
    var scalar = try hex4()
    if (0xD800..<0xDC00).contains(scalar), literal("\\u") {
      let low = try hex4()
      guard (0xDC00..<0xE000).contains(low) else { throw fail("bad surrogate pair") }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    }
    let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
    text.append(contentsOf: String(Character(value)).utf8)
  }

  mutating func hex4() throws(VerdictLineError) -> UInt32 {
    guard at + 4 <= bytes.count else { throw fail("bad \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let digit = Character(Unicode.Scalar(bytes[at])).hexDigitValue else {
        throw fail("bad \\u escape")
      }
      value = value * 16 + UInt32(digit)
      at += 1
    }
    return value
  }

  /// Skips any JSON value; nesting is bounded so a hostile line cannot recurse deep.
  mutating func skipValue(depth: Int) throws(VerdictLineError) {
    guard depth < 64 else { throw fail("nested too deep") }
    skipSpace()
    guard at < bytes.count else { throw fail("expected a value") }
    switch bytes[at] {
    case UInt8(ascii: "\""): _ = try string()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      let close = bytes[at] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
      at += 1
      skipSpace()
      if at < bytes.count, bytes[at] == close {
        at += 1
        return
      }
      while true {
        skipSpace()
        if close == UInt8(ascii: "}") {
          _ = try string()
          try expect(UInt8(ascii: ":"))
        }
        try skipValue(depth: depth + 1)
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: ",") {
          at += 1
          continue
        }
        try expect(close)
        return
      }
    default:
      if literal("true") || literal("false") || literal("null") { return }
      _ = try number()
    }
  }
}
