import CByteScan

/// Checks UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
/// U+10FFFF). Runs of ASCII are skipped 32 bytes at a time (`CByteScan`).
enum UTF8Validation {
  /// Whether all bytes are below 0x80 (eight at a time).
  @inline(__always)
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

  /// The offset of the first byte that starts an invalid sequence, or nil when
  /// all `count` bytes at `start` are valid UTF-8.
  @inline(__always)
  static func firstInvalid(_ start: UnsafePointer<UInt8>, count: Int) -> Int? {
    var index = 0
    while index < count {
      index += leadscreen_ascii_run(start + index, count - index)
      guard index < count else { return nil }
      let length = sequenceLength(start + index, available: count - index)
      if length == 0 { return index }
      index += length
    }
    return nil
  }

  /// The length of the valid multi-byte sequence at `bytes`, or 0 if it is invalid.
  private static func sequenceLength(_ bytes: UnsafePointer<UInt8>, available: Int) -> Int {
    let lead = bytes[0]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return 0
    }
    guard available >= length else { return 0 }
    let second = bytes[1]
    guard second >= low && second <= high else { return 0 }
    for offset in 2..<length where bytes[offset] & 0xC0 != 0x80 { return 0 }
    return length
  }
}
