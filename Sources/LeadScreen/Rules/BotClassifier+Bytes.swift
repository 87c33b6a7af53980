extension BotClassifier {
  /// Whether every byte is a space, tab, carriage return or line feed (or there are none).
  static func isBlank<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
  }

  static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
  }

  /// Whether all bytes are below 0x80 (eight at a time).
  static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    var accumulated: UInt64 = 0
    while index + 8 <= bytes.count {
      accumulated |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      index += 8
    }
    while index < bytes.count {
      accumulated |= UInt64(bytes[index])
      index += 1
    }
    return accumulated & 0x8080_8080_8080_8080 == 0
  }

  /// Whether the bytes are well-formed UTF-8 (no overlongs, surrogates or values past
  /// U+10FFFF), as PCRE2 requires of a subject matched without its own check.
  static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upper = 0x9F
      case 0xF0:
        length = 4
        lower = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upper = 0x8F
      default: return false
      }
      guard index + length <= count else { return false }
      let second = bytes[index + 1]
      guard second >= lower && second <= upper else { return false }
      for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
        return false
      }
      index += length
    }
    return true
  }
}
