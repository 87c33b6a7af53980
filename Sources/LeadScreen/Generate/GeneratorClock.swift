/// The US time zones of the generated campaigns, with their daylight-saving rule
/// (second Sunday of March to first Sunday of November, at 02:00 local).
enum GeneratorTimeZone: Sendable {
  case chicago
  case denver
  case losAngeles

  /// Offset from UTC in standard time, in seconds.
  var standardOffset: Int64 {
    switch self {
    case .chicago: -6 * 3600
    case .denver: -7 * 3600
    case .losAngeles: -8 * 3600
    }
  }

  /// Offset from UTC at the instant `utcSeconds`, in seconds.
  func offset(atUTC utcSeconds: Int64) -> Int64 {
    let local = utcSeconds + standardOffset
    let year = GeneratorClock.civil(fromDays: floorDiv(local, 86_400)).year
    let start = GeneratorClock.nthSunday(year: year, month: 3, n: 2) * 86_400 + 7200
    let end = GeneratorClock.nthSunday(year: year, month: 11, n: 1) * 86_400 + 3600
    return local >= start && local < end ? standardOffset + 3600 : standardOffset
  }

  /// The UTC instant (seconds) of a local wall-clock time (seconds since the local epoch).
  func utc(fromLocal local: Int64) -> Int64 {
    let guess = local - standardOffset
    return local - offset(atUTC: guess)
  }
}

/// Floor division for possibly negative numbers.
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  a >= 0 ? a / b : -((-a + b - 1) / b)
}

/// Calendar arithmetic and RFC 3339 text, without Foundation (one record at a time
/// must cost nanoseconds, not a DateFormatter).
enum GeneratorClock {
  /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
  static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDiv(y, 400)
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day count since 1970-01-01.
  static func civil(fromDays z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = z0 + 719_468
    let era = floorDiv(z, 146_097)
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The day count of the n-th Sunday of a month.
  static func nthSunday(year: Int64, month: Int64, n: Int64) -> Int64 {
    let first = days(year: year, month: month, day: 1)
    let weekday = (first + 4) % 7  // 0 = Sunday; 1970-01-01 was a Thursday
    return first + (7 - weekday) % 7 + (n - 1) * 7
  }

  /// Parses `YYYY-MM-DD` into a day count.
  static func parseDate(_ text: String) -> Int64? {
    let parts = text.split(separator: "-")
    guard parts.count == 3, let y = Int64(parts[0]), let m = Int64(parts[1]),
      let d = Int64(parts[2]), (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    return days(year: y, month: m, day: d)
  }

  /// Appends RFC 3339 text for `ms` (UTC milliseconds) shown at `offset` seconds,
  /// with or without milliseconds: `2026-11-21T14:03:07.250Z`, `...07-06:00`.
  static func appendRFC3339(
    ms: Int64, offset: Int64, millis: Bool, into out: inout [UInt8]
  ) {
    let localMs = ms + offset * 1000
    let seconds = floorDiv(localMs, 1000)
    let date = civil(fromDays: floorDiv(seconds, 86_400))
    let secondOfDay = seconds - floorDiv(seconds, 86_400) * 86_400
    appendDigits(date.year, 4, &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(date.month, 2, &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(date.day, 2, &out)
    out.append(UInt8(ascii: "T"))
    appendDigits(secondOfDay / 3600, 2, &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(secondOfDay / 60 % 60, 2, &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(secondOfDay % 60, 2, &out)
    if millis {
      out.append(UInt8(ascii: "."))
      appendDigits(localMs - seconds * 1000, 3, &out)
    }
    if offset == 0 {
      out.append(UInt8(ascii: "Z"))
    } else {
      out.append(UInt8(ascii: offset < 0 ? "-" : "+"))
      appendDigits(abs(offset) / 3600, 2, &out)
      out.append(UInt8(ascii: ":"))
      appendDigits(abs(offset) / 60 % 60, 2, &out)
    }
  }

  /// Appends `value` as exactly `width` decimal digits (zero-padded).
  static func appendDigits(_ value: Int64, _ width: Int, _ out: inout [UInt8]) {
    var divisor: Int64 = 1
    for _ in 1..<width { divisor *= 10 }
    var v = value
    while divisor > 0 {
      out.append(UInt8(ascii: "0") + UInt8(v / divisor % 10))
      v %= divisor
      divisor /= 10
    }
  }
}
