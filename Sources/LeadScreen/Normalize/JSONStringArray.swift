/// A small reader for a JSON array of strings (`["bot_ua","ip_burst"]`), the raw
/// text the record reader keeps for array values such as `click_reasons`.
enum JSONStringArray {
  /// The strings of the array, or nil when the text is not an array of strings.
  static func parse(_ bytes: UnsafeRawBufferPointer) -> [String]? {
    var index = 0
    let count = bytes.count
    func skipSpace() {
      while index < count,
        bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A
          || bytes[index] == 0x0D
      {
        index += 1
      }
    }
    skipSpace()
    guard index < count, bytes[index] == UInt8(ascii: "[") else { return nil }
    index += 1
    skipSpace()
    var strings: [String] = []
    if index < count, bytes[index] == UInt8(ascii: "]") {
      index += 1
    } else {
      while true {
        skipSpace()
        guard index < count, bytes[index] == UInt8(ascii: "\""),
          let string = readString(bytes, &index)
        else { return nil }
        strings.append(string)
        skipSpace()
        guard index < count else { return nil }
        let separator = bytes[index]
        index += 1
        if separator == UInt8(ascii: "]") { break }
        guard separator == UInt8(ascii: ",") else { return nil }
      }
    }
    skipSpace()
    return index == count ? strings : nil
  }

  /// Reads the string whose opening quote is at `index`; leaves `index` after its closing quote.
  private static func readString(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> String? {
    let count = bytes.count
    index += 1
    var out: [UInt8] = []
    while index < count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard index < count else { return nil }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          guard var scalar = readHex4(bytes, &index) else { return nil }
          if (0xD800..<0xDC00).contains(scalar), index + 1 < count,
            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
          {
            var next = index + 2
            if let low = readHex4(bytes, &next), (0xDC00..<0xE000).contains(low) {
              scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
              index = next
            }
          }
          out.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
        default:
          return nil
        }
      default:
        guard byte >= 0x20 else { return nil }
        out.append(byte)
      }
    }
    return nil
  }

  private static func readHex4(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> UInt32? {
    guard let value = HexDigits.value4(bytes, at: index) else { return nil }
    index += 4
    return value
  }
}
