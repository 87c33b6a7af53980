import Foundation

/// One verdict as `leadscreen score` wrote it, read back for billing: only the
/// fields an invoice needs.
public struct VerdictLine: Sendable, Equatable {
  public var id: String
  public var type: RecordType
  public var campaign: String
  /// The publisher; nil when the verdict has none (or an empty one).
  public var source: String?
  /// The verdict's `ts` text as written (RFC 3339); empty when absent.
  public var ts: String
  public var decision: Decision
  /// The reason codes, as written (empty for accepted verdicts).
  public var reasons: [String]
  /// The `price` number, parsed from its text without binary floating point.
  public var price: Decimal
  /// The line (NDJSON) or first line of the record (CSV) in its input, from 1.
  public var line: Int

  public init(
    id: String, type: RecordType, campaign: String, source: String? = nil, ts: String = "",
    decision: Decision, reasons: [String] = [], price: Decimal, line: Int = 0
  ) {
    self.id = id
    self.type = type
    self.campaign = campaign
    self.source = source
    self.ts = ts
    self.decision = decision
    self.reasons = reasons
    self.price = price
    self.line = line
  }

  /// The hour of the day (0–23, UTC) of `ts`, when it is RFC 3339
  /// (`2026-11-21T14:03:07Z`, `...07.250Z`, `...07-06:00`).
  public var utcHour: Int? {
    var text = ts
    return text.withUTF8 { Self.utcHour(of: $0) }
  }

  private static func utcHour(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
      let hour = twoDigits(bytes, 11), let minute = twoDigits(bytes, 14), hour < 24
    else { return nil }
    let last = bytes[bytes.count - 1]
    if last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") { return hour }
    let sign = bytes[bytes.count - 6]
    guard bytes[bytes.count - 3] == UInt8(ascii: ":"),
      sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
      let offsetHours = twoDigits(bytes, bytes.count - 5),
      let offsetMinutes = twoDigits(bytes, bytes.count - 2)
    else { return nil }
    let offset = (offsetHours * 60 + offsetMinutes) * (sign == UInt8(ascii: "+") ? 1 : -1)
    let minutes = ((hour * 60 + minute - offset) % 1440 + 1440) % 1440
    return minutes / 60
  }

  private static func twoDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
    let zero = UInt8(ascii: "0")
    guard at >= 0, at + 1 < bytes.count, (zero...zero + 9).contains(bytes[at]),
      (zero...zero + 9).contains(bytes[at + 1])
    else { return nil }
    return Int(bytes[at] - zero) * 10 + Int(bytes[at + 1] - zero)
  }
}

/// Why a verdict line could not be read.
public struct VerdictLineError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The input's name (`<stdin>` or a path).
  public var input: String
  public var line: Int
  public var message: String

  public init(input: String = "", line: Int, message: String) {
    self.input = input
    self.line = line
    self.message = message
  }

  public var description: String {
    input.isEmpty ? "line \(line): \(message)" : "\(input):\(line): \(message)"
  }
}

/// Decimal numbers from their text, exactly (no `Double` on the way).
public enum DecimalText {
  /// Parses a JSON number (`-12.50`, `0.125`, `1e2`) into a `Decimal`, exactly;
  /// nil when the text is not a JSON number or has more than 19 significant digits.
  public static func parse(_ text: some Collection<UInt8>) -> Decimal? {
    var index = text.startIndex
    func peek() -> UInt8? { index < text.endIndex ? text[index] : nil }
    func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 48 && $0 <= 57 } ?? false }
    var negative = false
    if peek() == UInt8(ascii: "-") {
      negative = true
      text.formIndex(after: &index)
    }
    var significand: UInt64 = 0
    var digits = 0
    var exponent = 0
    var sawDigit = false
    func take(_ byte: UInt8, fraction: Bool) -> Bool {
      sawDigit = true
      let value = UInt64(byte - 48)
      if digits == 0 && value == 0 {
        if fraction { exponent -= 1 }
        return true
      }
      guard digits < 19 else { return false }
      significand = significand * 10 + value
      digits += 1
      if fraction { exponent -= 1 }
      return true
    }
    let leadingZero = peek() == UInt8(ascii: "0")
    var integerDigits = 0
    while isDigit(peek()) {
      guard take(peek()!, fraction: false) else { return nil }
      integerDigits += 1
      text.formIndex(after: &index)
    }
    guard sawDigit, !(leadingZero && integerDigits > 1) else { return nil }
    if peek() == UInt8(ascii: ".") {
      text.formIndex(after: &index)
      guard isDigit(peek()) else { return nil }
      while isDigit(peek()) {
        guard take(peek()!, fraction: true) else { return nil }
        text.formIndex(after: &index)
      }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      text.formIndex(after: &index)
      var sign = 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
        if peek() == UInt8(ascii: "-") { sign = -1 }
        text.formIndex(after: &index)
      }
      guard isDigit(peek()) else { return nil }
      var value = 0
      while isDigit(peek()) {
        value = min(value * 10 + Int(peek()! - 48), 1000)
        text.formIndex(after: &index)
      }
      exponent += sign * value
    }
    guard index == text.endIndex, abs(exponent) <= 100 else { return nil }
    return Decimal(
      sign: negative && significand != 0 ? .minus : .plus, exponent: exponent,
      significand: Decimal(significand))
  }

  /// `amount` rounded half-even to `scale` fraction digits.
  public static func rounded(_ amount: Decimal, scale: Int) -> Decimal {
    var value = amount
    var result = Decimal()
    NSDecimalRound(&result, &value, scale, .bankers)
    return result
  }
}
