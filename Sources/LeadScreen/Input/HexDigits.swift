/// Hex digits as values: one digit, or four (`\uXXXX` in JSON).
enum HexDigits {
  /// The value of one hex digit, or nil for any other byte.
  @inline(__always)
  static func digit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// The value of the four hex digits at `offset` of `bytes`, or nil when there
  /// are fewer than four or one is not a hex digit.
  @inline(__always)
  static func value4(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32? {
    guard offset >= 0, offset + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for position in offset..<offset + 4 {
      guard let digit = digit(bytes[position]) else { return nil }
      value = value << 4 | UInt32(digit)
    }
    return value
  }
}
