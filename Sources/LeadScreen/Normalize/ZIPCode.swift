/// US ZIP codes (docs/reasons.md, Normalize).
public enum ZIPCode {
  /// The five-digit ZIP of `78701`, `78701-1234`, `787011234` or ` 78701 ` (`"78701"`).
  ///
  /// A number with fewer than five digits (`2134`, a spreadsheet dropped the zero)
  /// is left-padded with zeros (`"02134"`). Anything else is nil.
  public static func normalize(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { normalize(UnsafeRawBufferPointer($0)) }
  }

  /// The five-digit ZIP of the bytes; see ``normalize(_:)-(String)``.
  public static func normalize(_ bytes: UnsafeRawBufferPointer) -> String? {
    var start = 0
    var end = bytes.count
    while start < end, isBlank(bytes[start]) { start += 1 }
    while end > start, isBlank(bytes[end - 1]) { end -= 1 }
    let length = end - start
    guard length > 0 else { return nil }
    for index in start..<end where RFC3339.digit(bytes[index]) == nil {
      // Only ZIP+4 with its hyphen may hold a non-digit.
      guard length == 10, index == start + 5, bytes[index] == UInt8(ascii: "-") else {
        return nil
      }
    }
    guard length != 10 || bytes[start + 5] == UInt8(ascii: "-") else { return nil }
    switch length {
    case 5, 9, 10:
      return String(
        decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<start + 5]), as: UTF8.self)
    case 1...4:
      return String(unsafeUninitializedCapacity: 5) { out in
        let padding = 5 - length
        for offset in 0..<padding { out[offset] = UInt8(ascii: "0") }
        for offset in 0..<length { out[padding + offset] = bytes[start + offset] }
        return 5
      }
    default:
      return nil
    }
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }
}
