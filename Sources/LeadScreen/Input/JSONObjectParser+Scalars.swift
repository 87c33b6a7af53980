import CByteScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension JSONObjectParser {
  /// Moves past the string at `index` (on its opening quote) and returns its
  /// decoded bytes when `decode`: the input's own bytes when it has no escape, else
  /// its text decoded into `scratch`. Without `decode`, only checks it (and returns
  /// an empty buffer).
  @inline(__always)
  mutating func string(decode: Bool) throws(JSONSyntaxError) -> UnsafeRawBufferPointer {
    let open = index
    if let quotes {
      let close = try nextQuote(after: open, quotes)
      index = close + 1
      return UnsafeRawBufferPointer(start: bytes + open + 1, count: decode ? close - open - 1 : 0)
    }
    index += 1
    // Up to the next quote, backslash or control byte (sixteen bytes at a time).
    index += leadscreen_json_string_run(bytes + index, count - index)
    guard index < count else { throw fail("unterminated string", at: open) }
    if bytes[index] == UInt8(ascii: "\"") {
      index += 1
      return UnsafeRawBufferPointer(start: bytes + open + 1, count: decode ? index - open - 2 : 0)
    }
    return try escapedString(open: open, decode: decode)
  }

  /// The offset of the first quote after `open`, from the quote index.
  @inline(__always)
  private func nextQuote(after open: Int, _ quotes: UnsafePointer<UInt64>) throws(JSONSyntaxError)
    -> Int
  {
    let from = open + 1
    guard from < count else { throw fail("unterminated string", at: open) }
    var word = from >> 6
    var bits = quotes[word] & (UInt64.max << UInt64(from & 63))
    let words = (count + 63) >> 6
    while bits == 0 {
      word += 1
      guard word < words else { throw fail("unterminated string", at: open) }
      bits = quotes[word]
    }
    return word << 6 + bits.trailingZeroBitCount
  }

  /// The rest of ``string(decode:)`` from the first backslash or control byte at `index`.
  private mutating func escapedString(open: Int, decode: Bool) throws(JSONSyntaxError)
    -> UnsafeRawBufferPointer
  {
    let emit = decode && scratch != nil
    let first = written
    var run = open + 1
    while true {
      if emit && index > run { copy(from: run, to: index) }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return UnsafeRawBufferPointer(start: emit ? scratch! + first : nil, count: written - first)
      }
      if byte < 0x20 { throw fail("control character in string") }
      guard index + 1 < count else { throw fail("unterminated string", at: open) }
      let decoded: UInt8
      switch bytes[index + 1] {
      case UInt8(ascii: "\""): decoded = 0x22
      case UInt8(ascii: "\\"): decoded = 0x5C
      case UInt8(ascii: "/"): decoded = 0x2F
      case UInt8(ascii: "b"): decoded = 0x08
      case UInt8(ascii: "f"): decoded = 0x0C
      case UInt8(ascii: "n"): decoded = 0x0A
      case UInt8(ascii: "r"): decoded = 0x0D
      case UInt8(ascii: "t"): decoded = 0x09
      case UInt8(ascii: "u"):
        try unicodeEscape(emit: emit)
        run = index
        index += leadscreen_json_string_run(bytes + index, count - index)
        guard index < count else { throw fail("unterminated string", at: open) }
        continue
      case let other:
        throw fail(invalidEscapeMessage(other))
      }
      if emit { put(decoded) }
      index += 2
      run = index
      index += leadscreen_json_string_run(bytes + index, count - index)
      guard index < count else { throw fail("unterminated string", at: open) }
    }
  }

  /// Decodes `\uXXXX` (or a surrogate pair `\uD83D\uDE00`) at `index` as UTF-8.
  private mutating func unicodeEscape(emit: Bool) throws(JSONSyntaxError) {
    guard let first = hex4(at: index + 2) else { throw fail("invalid \\u escape") }
    var scalar = first
    var length = 6
    if (0xD800...0xDBFF).contains(first) {
      guard index + 7 < count, bytes[index + 6] == UInt8(ascii: "\\"),
        bytes[index + 7] == UInt8(ascii: "u"), let second = hex4(at: index + 8),
        (0xDC00...0xDFFF).contains(second)
      else { throw fail("unpaired surrogate in \\u escape") }
      scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
      length = 12
    } else if (0xDC00...0xDFFF).contains(first) {
      throw fail("unpaired surrogate in \\u escape")
    }
    if emit { putUTF8(scalar) }
    index += length
  }

  /// The value of four hex digits at `offset`, if there are four.
  private func hex4(at offset: Int) -> UInt32? {
    HexDigits.value4(UnsafeRawBufferPointer(start: bytes, count: count), at: offset)
  }

  private mutating func putUTF8(_ scalar: UInt32) {
    switch scalar {
    case ..<0x80:
      put(UInt8(scalar))
    case ..<0x800:
      put(UInt8(0xC0 | scalar >> 6))
      put(UInt8(0x80 | scalar & 0x3F))
    case ..<0x10000:
      put(UInt8(0xE0 | scalar >> 12))
      put(UInt8(0x80 | scalar >> 6 & 0x3F))
      put(UInt8(0x80 | scalar & 0x3F))
    default:
      put(UInt8(0xF0 | scalar >> 18))
      put(UInt8(0x80 | scalar >> 12 & 0x3F))
      put(UInt8(0x80 | scalar >> 6 & 0x3F))
      put(UInt8(0x80 | scalar & 0x3F))
    }
  }

  private func invalidEscapeMessage(_ byte: UInt8) -> String {
    guard (0x21..<0x7F).contains(byte) else { return "invalid escape" }
    return "invalid escape '\\\(Character(Unicode.Scalar(byte)))'"
  }

  /// Checks a number against the JSON grammar and moves past it.
  mutating func number() throws(JSONSyntaxError) {
    let start = index
    if peek == UInt8(ascii: "-") { index += 1 }
    if peek == UInt8(ascii: "0") {
      index += 1
    } else if isDigit(peek) {
      while isDigit(peek) { index += 1 }
    } else {
      throw fail("invalid number", at: start)
    }
    if peek == UInt8(ascii: ".") {
      index += 1
      guard isDigit(peek) else { throw fail("invalid number", at: start) }
      while isDigit(peek) { index += 1 }
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      index += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
      guard isDigit(peek) else { throw fail("invalid number", at: start) }
      while isDigit(peek) { index += 1 }
    }
    // "01", "1.2.3", "12abc": the number runs on into something that is not one.
    let next = peek
    if isDigit(next) || next == UInt8(ascii: ".")
      || (next | 0x20) >= UInt8(ascii: "a")
        && (next | 0x20) <= UInt8(ascii: "z")
    {
      throw fail("invalid number", at: start)
    }
  }

  /// Checks `true`, `false` or `null` at `index` and moves past it.
  mutating func literal() throws(JSONSyntaxError) {
    let word: StaticString =
      switch peek {
      case UInt8(ascii: "t"): "true"
      case UInt8(ascii: "f"): "false"
      default: "null"
      }
    let length = word.utf8CodeUnitCount
    guard index + length <= count, memcmp(bytes + index, word.utf8Start, length) == 0 else {
      throw fail("expected a value")
    }
    index += length
  }

  @inline(__always) private func isDigit(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10
  }
}
