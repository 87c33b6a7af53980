/// The RFC 3339 grammar and the proleptic Gregorian calendar arithmetic behind
/// ``Timestamp``'s parsing and formatting.
enum RFC3339 {
  /// The last second of year 9999, the largest accepted instant, in epoch seconds.
  static let maxSeconds: Int64 = 253_402_300_799

  /// The value of an ASCII digit, or nil.
  @inline(__always)
  static func digit(_ byte: UInt8) -> Int? {
    let value = byte &- UInt8(ascii: "0")
    return value < 10 ? Int(value) : nil
  }

  /// `count` digits starting at `start`, or nil when one is not a digit.
  @inline(__always)
  static func number(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
    var value = 0
    for index in start..<start + count {
      guard let digit = digit(bytes[index]) else { return nil }
      value = value * 10 + digit
    }
    return value
  }

  /// The last date ``parse(_:dates:)`` read: its ten bytes (`YYYY-MM-DD`, checked) and its
  /// day number. A stream's times mostly share their date with the time before.
  struct DateMemo {
    var head: UInt64 = 0
    var tail: UInt16 = 0
    var days: Int64 = 0
    var isSet = false
  }

  /// Milliseconds since the epoch for a complete RFC 3339 date-time, or nil.
  static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
    var dates = DateMemo()
    return parse(bytes, dates: &dates)
  }

  /// ``parse(_:)``, taking the date's day number from `dates` when the date is the one
  /// read last, and remembering it there otherwise.
  @inline(__always)
  static func parse(_ bytes: UnsafeRawBufferPointer, dates: inout DateMemo) -> Int64? {
    let count = bytes.count
    // Shortest form: YYYY-MM-DDTHH:MM:SSZ.
    guard count >= 20, let base = bytes.baseAddress else { return nil }
    let head = base.loadUnaligned(as: UInt64.self)
    let tail = base.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
    let days: Int64
    if dates.isSet, head == dates.head, tail == dates.tail {
      days = dates.days
    } else {
      guard let year = number(bytes, 0, 4), bytes[4] == UInt8(ascii: "-"),
        let month = number(bytes, 5, 2), bytes[7] == UInt8(ascii: "-"),
        let day = number(bytes, 8, 2),
        (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
      else { return nil }
      days = Self.days(year: year, month: month, day: day)
      dates = DateMemo(head: head, tail: tail, days: days, isSet: true)
    }
    // The clock, by word operations when it is written the usual way.
    guard let time = usualClock(base) ?? clock(bytes) else { return nil }
    let (hour, minute, second) = time

    // The fraction and the zone: `.mmmZ` or `Z` by a few tests, anything else in full.
    guard let fraction = usualEnd(base, count: count) ?? end(bytes) else { return nil }
    let (millis, offsetSeconds) = fraction

    let secondOfDay = hour * 3600 + minute * 60 + min(second, 59)
    let seconds = days * 86_400 + Int64(secondOfDay - offsetSeconds)
    // An offset must not carry the instant out of years 0000-9999 in UTC.
    guard seconds >= -62_167_219_200, seconds <= maxSeconds else { return nil }
    return seconds * 1000 + Int64(millis)
  }

  /// The milliseconds of bytes 19..<24 when they are `.mmmZ` and the text ends there,
  /// or 0 for a text of 20 bytes ending in `Z` (the usual ends), with no offset; else
  /// nil (``end(_:)`` then decides).
  @inline(__always)
  static func usualEnd(_ base: UnsafeRawPointer, count: Int) -> (millis: Int, offsetSeconds: Int)? {
    @inline(__always) func byte(_ offset: Int) -> UInt8 {
      base.load(fromByteOffset: offset, as: UInt8.self)
    }
    if count == 20 { return byte(19) == UInt8(ascii: "Z") ? (0, 0) : nil }
    guard count == 24, byte(19) == UInt8(ascii: "."), byte(23) == UInt8(ascii: "Z") else {
      return nil
    }
    let zero = UInt8(ascii: "0")
    let (hundreds, tens, ones) = (byte(20) &- zero, byte(21) &- zero, byte(22) &- zero)
    guard hundreds < 10, tens < 10, ones < 10 else { return nil }
    return (Int(hundreds) &* 100 &+ Int(tens) &* 10 &+ Int(ones), 0)
  }

  /// The milliseconds (`.` and one or more digits, the first three read) and the offset
  /// from UTC in seconds (`Z`, `z`, `+HH:MM` or `-HH:MM`) of bytes 19 to the end, or nil.
  static func end(_ bytes: UnsafeRawBufferPointer) -> (millis: Int, offsetSeconds: Int)? {
    let count = bytes.count
    var index = 19
    var millis = 0
    if bytes[index] == UInt8(ascii: ".") {
      index += 1
      let start = index
      while index < count, let digit = digit(bytes[index]) {
        if index - start < 3 { millis = millis * 10 + digit }
        index += 1
      }
      guard index > start else { return nil }
      for _ in min(index - start, 3)..<3 { millis *= 10 }
    }

    guard index < count else { return nil }
    var offsetSeconds = 0
    switch bytes[index] {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"):
      index += 1
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      guard index + 6 == count, let offsetHour = number(bytes, index + 1, 2),
        bytes[index + 3] == UInt8(ascii: ":"), let offsetMinute = number(bytes, index + 4, 2),
        offsetHour < 24, offsetMinute < 60
      else { return nil }
      offsetSeconds = offsetHour * 3600 + offsetMinute * 60
      if bytes[index] == UInt8(ascii: "-") { offsetSeconds = -offsetSeconds }
      index += 6
    default:
      return nil
    }
    guard index == count else { return nil }
    return (millis, offsetSeconds)
  }

  /// Hour, minute and second of bytes 10..<19 when they are `THH:MM:SS` (a valid
  /// time, with the usual upper-case `T`), else nil (``clock(_:)`` then decides). One
  /// word read where it is: its literal bytes compared under a mask, its digits checked
  /// together (simdjson's eight-digit test) and taken out by shifts, with no branch a
  /// byte. With ``usualEnd(_:count:)``, callgrind over the generated day's first 100k
  /// lines: 163 instructions a time against 176, and fewer branches to guess (a
  /// stream mixes the forms, here in random order).
  @inline(__always)
  static func usualClock(_ base: UnsafeRawPointer) -> (hour: Int, minute: Int, second: Int)? {
    // Bytes 10..<18, `THH:MM:S` (little-endian: byte k is bits 8k..<8k+8), and byte 18.
    let clock = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 10, as: UInt64.self))
    let last = base.load(fromByteOffset: 18, as: UInt8.self) &- UInt8(ascii: "0")
    // `T` (byte 0), `:` (bytes 3 and 6).
    guard clock & 0x00FF_0000_FF00_00FF == 0x003A_0000_3A00_0054, last < 10 else { return nil }
    // Digits: bytes 1, 2, 4, 5 and 7; the others are made `0` to pass the test.
    let digits: UInt64 = 0xFF00_FFFF_00FF_FF00
    let zeros: UInt64 = 0x3030_3030_3030_3030
    let text = clock & digits | zeros & ~digits
    let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    guard (text & high) | ((text &+ 0x0606_0606_0606_0606) & high) >> 4 == 0x3333_3333_3333_3333
    else { return nil }
    let values = text &- zeros
    @inline(__always) func byte(_ index: Int) -> Int {
      Int(truncatingIfNeeded: values >> UInt64(8 * index) & 0xFF)
    }
    let hour = byte(1) &* 10 &+ byte(2)
    let minute = byte(4) &* 10 &+ byte(5)
    let second = byte(7) &* 10 &+ Int(last)
    guard hour < 24, minute < 60, second <= 60 else { return nil }
    return (hour, minute, second)
  }

  /// Hour, minute and second of bytes 10..<19, `THH:MM:SS` (`T`, `t` or a space), or nil.
  static func clock(_ bytes: UnsafeRawBufferPointer) -> (hour: Int, minute: Int, second: Int)? {
    guard
      bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t")
        || bytes[10] == UInt8(ascii: " "),
      let hour = number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
      let minute = number(bytes, 14, 2), bytes[16] == UInt8(ascii: ":"),
      let second = number(bytes, 17, 2),
      hour < 24, minute < 60, second <= 60
    else { return nil }
    return (hour, minute, second)
  }

  static func isLeap(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
  static func days(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The civil date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
  static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
    let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// Two digits with a leading zero.
  static func pad2(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
