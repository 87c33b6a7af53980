extension JSONObjectParser {
  /// The members of a flat object (no nested arrays or objects) on a line with neither
  /// backslash nor control byte, whose quotes ``leadscreen_json_index`` found: what
  /// ``parseIndexed(_:count:quotes:into:)`` hands the sink, in one loop over local
  /// variables. Every quote of such a line opens or closes a string, in order, so the
  /// quotes are taken from the index one after the other.
  ///
  /// Returns true when the whole line was parsed, false when the sink stopped it, and
  /// nil for anything else (a nested value, broken JSON): the caller then parses the
  /// line the general way, which decides and words what is wrong.
  static func parseFlatIndexed<Sink: JSONMemberSink>(
    _ bytes: UnsafePointer<UInt8>, count: Int, quotes: UnsafePointer<UInt64>,
    into sink: inout Sink
  ) -> Bool? {
    let words = (count &+ 63) >> 6
    var word = 0
    var bits = words > 0 ? quotes[0] : 0
    /// The next quote of the line, or -1.
    @inline(__always) func nextQuote() -> Int {
      while bits == 0 {
        word &+= 1
        guard word < words else { return -1 }
        bits = quotes[word]
      }
      let position = word << 6 | bits.trailingZeroBitCount
      bits &= bits &- 1
      return position
    }
    @inline(__always) func isSpace(_ byte: UInt8) -> Bool {
      byte <= 0x20 && (byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A)
    }
    var i = 0
    @inline(__always) func skipSpace() {
      while i < count, isSpace(bytes[i]) { i &+= 1 }
    }
    skipSpace()
    guard i < count, bytes[i] == UInt8(ascii: "{") else { return nil }
    i &+= 1
    skipSpace()
    if i < count, bytes[i] == UInt8(ascii: "}") {
      i &+= 1
      skipSpace()
      return i == count ? true : nil
    }
    while true {
      // The name: this quote and the next.
      guard i < count, bytes[i] == UInt8(ascii: "\""), nextQuote() == i else { return nil }
      let nameEnd = nextQuote()
      guard nameEnd > i else { return nil }
      let name = UnsafeRawBufferPointer(start: bytes + (i &+ 1), count: nameEnd &- i &- 1)
      i = nameEnd &+ 1
      // Compact JSON's string member, `"name":"value"`, the usual one: no white space to
      // skip and no dispatch on the value's first byte.
      if i &+ 1 < count, bytes[i] == UInt8(ascii: ":"), bytes[i &+ 1] == UInt8(ascii: "\"") {
        let open = i &+ 1
        guard nextQuote() == open else { return nil }
        let end = nextQuote()
        guard end > open else { return nil }
        let value = UnsafeRawBufferPointer(start: bytes + (open &+ 1), count: end &- open &- 1)
        guard sink.member(name: name, value: value, kind: .string) else { return false }
        i = end &+ 1
        // And the comma before the next name.
        if i &+ 1 < count, bytes[i] == UInt8(ascii: ","), bytes[i &+ 1] == UInt8(ascii: "\"") {
          i &+= 1
          continue
        }
      } else {
        let (value, kind): (UnsafeRawBufferPointer, RawValueKind)
        skipSpace()
        guard i < count, bytes[i] == UInt8(ascii: ":") else { return nil }
        i &+= 1
        skipSpace()
        guard i < count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "\""):
          guard nextQuote() == i else { return nil }
          let end = nextQuote()
          guard end > i else { return nil }
          value = UnsafeRawBufferPointer(start: bytes + (i &+ 1), count: end &- i &- 1)
          kind = .string
          i = end &+ 1
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
          UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
          // Numbers and literals hold no quote: checked by the general parser's own code.
          var scalar = JSONObjectParser(bytes, count: count, start: i, scratch: nil)
          do throws(JSONSyntaxError) {
            let first = bytes[i]
            if first == UInt8(ascii: "t") || first == UInt8(ascii: "f") {
              try scalar.literal()
              kind = .bool
            } else if first == UInt8(ascii: "n") {
              try scalar.literal()
              kind = .null
            } else {
              try scalar.number()
              kind = .number
            }
          } catch {
            return nil
          }
          value =
            kind == .null
            ? UnsafeRawBufferPointer(start: bytes + scalar.index, count: 0)
            : UnsafeRawBufferPointer(start: bytes + i, count: scalar.index &- i)
          i = scalar.index
        default:
          return nil
        }
        guard sink.member(name: name, value: value, kind: kind) else { return false }
      }
      skipSpace()
      guard i < count else { return nil }
      if bytes[i] == UInt8(ascii: ",") {
        i &+= 1
        skipSpace()
      } else if bytes[i] == UInt8(ascii: "}") {
        i &+= 1
        skipSpace()
        return i == count ? true : nil
      } else {
        return nil
      }
    }
  }
}
