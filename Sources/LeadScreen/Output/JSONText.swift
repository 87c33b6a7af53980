import Foundation

/// Small writers for JSON and CSV text on a byte buffer (no Foundation JSON).
public enum JSONText {
  /// Appends `text` as a JSON string literal.
  @inline(__always)
  public static func appendString<Out: ByteOutput>(_ text: String, to out: inout Out) {
    var text = text
    text.withUTF8 { appendString(UnsafeRawBufferPointer($0), to: &out) }
  }

  /// Appends UTF-8 `bytes` as a JSON string literal.
  public static func appendString<Out: ByteOutput>(
    _ bytes: UnsafeRawBufferPointer, to out: inout Out
  ) {
    out.append(UInt8(ascii: "\""))
    // Most text needs no escape: one append for all of it.
    if !bytes.contains(where: {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }) {
      out.append(bytes: bytes)
    } else {
      for byte in bytes { appendEscaped(byte, to: &out) }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// One byte of string text, escaped as JSON needs.
  private static func appendEscaped<Out: ByteOutput>(_ byte: UInt8, to out: inout Out) {
    switch byte {
    case UInt8(ascii: "\""): out.append("\\\"")
    case UInt8(ascii: "\\"): out.append("\\\\")
    case 10: out.append("\\n")
    case 13: out.append("\\r")
    case 9: out.append("\\t")
    case 0..<32:
      let hex: StaticString = "0123456789abcdef"
      out.append("\\u00")
      out.append(hex.utf8Start[Int(byte >> 4)])
      out.append(hex.utf8Start[Int(byte & 15)])
    default: out.append(byte)
    }
  }

  /// A probability with at most four decimals and no trailing zeros: `0.91`, `0`, `1`.
  public static func probability(_ value: Double) -> String {
    var out: [UInt8] = []
    appendProbability(value, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends ``probability(_:)`` as bytes.
  public static func appendProbability<Out: ByteOutput>(_ value: Double, to out: inout Out) {
    let scaled = value.isFinite ? Int((min(max(value, 0), 1) * 10_000).rounded()) : 0
    if scaled == 10_000 || scaled == 0 {
      out.append(scaled == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1"))
      return
    }
    // Four decimals, trailing zeros dropped.
    var digits = scaled
    var place = 1000  // of the first decimal
    while digits % 10 == 0 {
      digits /= 10
      place /= 10
    }
    out.append(UInt8(ascii: "0"))
    out.append(UInt8(ascii: "."))
    while place > 0 {
      out.append(UInt8(ascii: "0") + UInt8(digits / place % 10))
      place /= 10
    }
  }

  /// `value` in millionths, rounded (0 when not finite).
  public static func millionths(_ value: Double) -> Int64 {
    guard value.isFinite else { return 0 }
    return Int64((min(max(value, -1e12), 1e12) * 1_000_000).rounded())
  }

  /// Millionths as a decimal with six places: `-1.234567`.
  public static func fixed6(_ millionths: Int64) -> String {
    let sign = millionths < 0 ? "-" : ""
    let magnitude = millionths.magnitude
    var fraction = String(magnitude % 1_000_000)
    while fraction.count < 6 { fraction = "0" + fraction }
    return "\(sign)\(magnitude / 1_000_000).\(fraction)"
  }

  /// A contribution or other signed number with four decimals: `-1.2345`.
  public static func fixed4(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let scaled = Int64((value * 10_000).rounded())
    let sign = scaled < 0 ? "-" : ""
    let magnitude = scaled.magnitude
    var fraction = String(magnitude % 10_000)
    while fraction.count < 4 { fraction = "0" + fraction }
    return "\(sign)\(magnitude / 10_000).\(fraction)"
  }

  /// A decimal amount with exactly `scale` fraction digits, rounded half-even: `75.00`.
  public static func money(_ amount: Decimal, scale: Int) -> String {
    var value = amount
    var rounded = Decimal()
    NSDecimalRound(&rounded, &value, scale, .bankers)
    let text = "\(rounded)"
    let negative = text.hasPrefix("-")
    let unsigned = negative ? String(text.dropFirst()) : text
    let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
    var whole = String(parts[0])
    if whole.isEmpty { whole = "0" }
    var fraction = parts.count > 1 ? String(parts[1]) : ""
    while fraction.count < scale { fraction += "0" }
    let body = scale > 0 ? "\(whole).\(fraction)" : whole
    return negative ? "-" + body : body
  }

  /// Appends `text` as one CSV cell, quoted when it needs to be (RFC 4180).
  public static func appendCSVCell(_ text: String, to out: inout [UInt8]) {
    let needsQuotes = text.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
    }
    guard needsQuotes else {
      out.append(contentsOf: text.utf8)
      return
    }
    out.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\"") { out.append(byte) }
      out.append(byte)
    }
    out.append(UInt8(ascii: "\""))
  }
}
