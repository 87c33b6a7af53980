/// Four hex digits (`\uXXXX` in JSON) as a value.
enum HexDigits {
  /// The value of the four hex digits at `offset` of `bytes`, or nil when there
  /// are fewer than four or one is not a hex digit.
  @inline(__always)
  static func value4(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32? {
    guard offset >= 0, offset + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for position in offset..<offset + 4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }
}
