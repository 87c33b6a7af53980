/// RFC 3339 and epoch-seconds parsing, RFC 3339 formatting, local hour and weekday.
extension Timestamp {
  /// Parses RFC 3339: `2026-11-21T14:03:07Z`, `...07.250Z`, `...07-06:00`, `...07+05:30`.
  ///
  /// Lower-case `t`/`z` and a space instead of `T` are accepted. Fractions of any
  /// length are truncated to milliseconds. Ranges are checked (month 1–12, day per
  /// month including leap years, hour < 24, minute < 60, second ≤ 60); a leap
  /// second `60` is read as `59`. Nil for anything else.
  public init?(rfc3339 bytes: UnsafeRawBufferPointer) {
    guard let milliseconds = RFC3339.parse(bytes) else { return nil }
    self.init(milliseconds: milliseconds)
  }

  /// Parses RFC 3339 text; see ``init(rfc3339:)-(UnsafeRawBufferPointer)``.
  public init?(rfc3339 text: String) {
    var text = text
    guard let milliseconds = text.withUTF8({ RFC3339.parse(UnsafeRawBufferPointer($0)) })
    else { return nil }
    self.init(milliseconds: milliseconds)
  }

  /// Parses epoch seconds written as a JSON number: `1763733787` or `1763733787.25`.
  ///
  /// Accepts `0...253402300799` (up to the end of year 9999); the fraction is
  /// truncated to milliseconds. Negative numbers, exponents and other text give nil.
  public init?(epochSeconds bytes: UnsafeRawBufferPointer) {
    let count = bytes.count
    var index = 0
    var seconds: Int64 = 0
    while index < count, let digit = RFC3339.digit(bytes[index]) {
      guard index < 12 else { return nil }
      seconds = seconds * 10 + Int64(digit)
      index += 1
    }
    guard index > 0, seconds <= RFC3339.maxSeconds else { return nil }
    var millis: Int64 = 0
    if index < count {
      guard bytes[index] == UInt8(ascii: "."), index + 1 < count else { return nil }
      index += 1
      var places = 0
      while index < count, let digit = RFC3339.digit(bytes[index]) {
        if places < 3 { millis = millis * 10 + Int64(digit) }
        places += 1
        index += 1
      }
      guard index == count else { return nil }
      for _ in min(places, 3)..<3 { millis *= 10 }
    }
    guard seconds < RFC3339.maxSeconds || millis == 0 else { return nil }
    self.init(milliseconds: seconds * 1000 + millis)
  }

  /// Parses epoch-seconds text; see ``init(epochSeconds:)-(UnsafeRawBufferPointer)``.
  public init?(epochSeconds text: String) {
    var text = text
    guard let time = text.withUTF8({ Self(epochSeconds: UnsafeRawBufferPointer($0)) }) else {
      return nil
    }
    self = time
  }

  /// `2026-11-21T14:03:07Z`, or `2026-11-21T14:03:07.250Z` when the milliseconds
  /// are not zero. Always UTC.
  public var rfc3339: String {
    let text = String(unsafeUninitializedCapacity: 24) { writeRFC3339(to: $0.baseAddress!) }
    return text.isEmpty ? wideYearText : text
  }

  /// Appends ``rfc3339`` as bytes, with no `String` in between (verdict lines).
  public func appendRFC3339<Out: ByteOutput>(to out: inout Out) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { text in
      let length = writeRFC3339(to: text.baseAddress!)
      if length > 0 {
        out.append(bytes: UnsafeRawBufferPointer(start: text.baseAddress!, count: length))
      } else {
        out.append(text: wideYearText)
      }
    }
  }

  /// ``rfc3339`` for a year outside 0...9999 (no milliseconds).
  private var wideYearText: String {
    let (days, millisOfDay) = Self.floorDivMod(milliseconds, 86_400_000)
    let (year, month, day) = RFC3339.civil(fromDays: days)
    let secondOfDay = Int(millisOfDay / 1000)
    return "\(year)-\(RFC3339.pad2(month))-\(RFC3339.pad2(day))T"
      + "\(RFC3339.pad2(secondOfDay / 3600)):\(RFC3339.pad2(secondOfDay / 60 % 60)):"
      + "\(RFC3339.pad2(secondOfDay % 60))Z"
  }

  /// Writes ``rfc3339`` at `out` (room for 24 bytes) and returns its length; writes
  /// nothing and returns 0 for a year outside 0...9999 (see ``wideYearText``).
  private func writeRFC3339(to out: UnsafeMutablePointer<UInt8>) -> Int {
    let (days, millisOfDay) = Self.floorDivMod(milliseconds, 86_400_000)
    let (year, month, day) = RFC3339.civil(fromDays: days)
    guard (0...9999).contains(year) else { return 0 }
    let secondOfDay = Int(millisOfDay / 1000)
    let millis = Int(millisOfDay % 1000)
    let length = millis == 0 ? 20 : 24
    func put(_ value: Int, _ width: Int, at start: Int) {
      var value = value
      for position in stride(from: start + width - 1, through: start, by: -1) {
        out[position] = UInt8(ascii: "0") + UInt8(value % 10)
        value /= 10
      }
    }
    put(year, 4, at: 0)
    out[4] = UInt8(ascii: "-")
    put(month, 2, at: 5)
    out[7] = UInt8(ascii: "-")
    put(day, 2, at: 8)
    out[10] = UInt8(ascii: "T")
    put(secondOfDay / 3600, 2, at: 11)
    out[13] = UInt8(ascii: ":")
    put(secondOfDay / 60 % 60, 2, at: 14)
    out[16] = UInt8(ascii: ":")
    put(secondOfDay % 60, 2, at: 17)
    if millis != 0 {
      out[19] = UInt8(ascii: ".")
      put(millis, 3, at: 20)
    }
    out[length - 1] = UInt8(ascii: "Z")
    return length
  }

  /// The hour of day, 0–23, at a fixed offset from UTC (seconds east, e.g. -21600 for CST).
  public func hour(offsetSeconds: Int) -> Int {
    let (_, secondOfDay) = Self.floorDivMod(seconds + Int64(offsetSeconds), 86_400)
    return Int(secondOfDay / 3600)
  }

  /// The day of the week at a fixed offset from UTC: 0 Monday, 1 Tuesday, … 6 Sunday.
  public func weekday(offsetSeconds: Int) -> Int {
    let (days, _) = Self.floorDivMod(seconds + Int64(offsetSeconds), 86_400)
    // 1970-01-01 was a Thursday (3).
    return Int(Self.floorDivMod(days + 3, 7).1)
  }

  /// Quotient and remainder rounded towards minus infinity (remainder is never negative).
  private static func floorDivMod(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
    let quotient = value / divisor
    let remainder = value % divisor
    return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
  }
}
