import Foundation
import Testing

@testable import LeadScreen

extension TimestampTests {
  /// A named parsing case: text in, milliseconds out (nil = rejected).
  struct TimeCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var milliseconds: Int64?
    var testDescription: String { name }
  }
}

@Suite struct TimestampTests {
  // Expected values computed independently with Python's datetime.
  static let rfc3339Cases: [TimeCase] = [
    TimeCase(name: "UTC Z", text: "2026-11-21T14:03:07Z", milliseconds: 1_795_269_787_000),
    TimeCase(
      name: "fraction .250", text: "2026-11-21T14:03:07.250Z", milliseconds: 1_795_269_787_250),
    TimeCase(name: "fraction .1", text: "2026-11-21T14:03:07.1Z", milliseconds: 1_795_269_787_100),
    TimeCase(
      name: "fraction 9 digits truncated", text: "2026-11-21T14:03:07.123999999Z",
      milliseconds: 1_795_269_787_123),
    TimeCase(
      name: "offset -06:00", text: "2026-11-21T14:03:07-06:00", milliseconds: 1_795_291_387_000),
    TimeCase(
      name: "offset +05:30", text: "2026-11-21T14:03:07+05:30", milliseconds: 1_795_249_987_000),
    TimeCase(
      name: "offset +00:00", text: "2026-11-21T14:03:07+00:00", milliseconds: 1_795_269_787_000),
    TimeCase(
      name: "offset crosses the year", text: "2026-12-31T23:30:00-01:00",
      milliseconds: 1_798_763_400_000),
    TimeCase(
      name: "lower-case t and z", text: "2026-11-21t14:03:07z", milliseconds: 1_795_269_787_000),
    TimeCase(
      name: "space separator", text: "2026-11-21 14:03:07Z", milliseconds: 1_795_269_787_000),
    TimeCase(name: "leap day 2024", text: "2024-02-29T00:00:00Z", milliseconds: 1_709_164_800_000),
    TimeCase(name: "leap day 2000", text: "2000-02-29T12:00:00Z", milliseconds: 951_825_600_000),
    TimeCase(name: "leap second", text: "2016-12-31T23:59:60Z", milliseconds: 1_483_228_799_000),
    TimeCase(name: "epoch", text: "1970-01-01T00:00:00Z", milliseconds: 0),
    TimeCase(name: "before epoch", text: "1969-12-31T23:59:59Z", milliseconds: -1000),
    TimeCase(name: "year 1", text: "0001-01-01T00:00:00Z", milliseconds: -62_135_596_800_000),
    TimeCase(name: "year 9999", text: "9999-12-31T23:59:59Z", milliseconds: 253_402_300_799_000),
    TimeCase(
      name: "offset before year 0000 in UTC", text: "0000-01-01T00:30:00+01:00", milliseconds: nil),
    TimeCase(
      name: "offset after year 9999 in UTC", text: "9999-12-31T23:30:00-01:00", milliseconds: nil),
    TimeCase(name: "no leap day 2023", text: "2023-02-29T00:00:00Z", milliseconds: nil),
    TimeCase(name: "no leap day 1900", text: "1900-02-29T00:00:00Z", milliseconds: nil),
    TimeCase(name: "April 31", text: "2026-04-31T00:00:00Z", milliseconds: nil),
    TimeCase(name: "month 13", text: "2026-13-01T00:00:00Z", milliseconds: nil),
    TimeCase(name: "month 0", text: "2026-00-01T00:00:00Z", milliseconds: nil),
    TimeCase(name: "day 0", text: "2026-01-00T00:00:00Z", milliseconds: nil),
    TimeCase(name: "hour 24", text: "2026-01-01T24:00:00Z", milliseconds: nil),
    TimeCase(name: "minute 60", text: "2026-01-01T00:60:00Z", milliseconds: nil),
    TimeCase(name: "second 61", text: "2026-01-01T00:00:61Z", milliseconds: nil),
    TimeCase(name: "no zone", text: "2026-11-21T14:03:07", milliseconds: nil),
    TimeCase(name: "empty fraction", text: "2026-11-21T14:03:07.Z", milliseconds: nil),
    TimeCase(name: "offset without colon", text: "2026-11-21T14:03:07+0600", milliseconds: nil),
    TimeCase(name: "offset hours only", text: "2026-11-21T14:03:07+06", milliseconds: nil),
    TimeCase(name: "offset hour 24", text: "2026-11-21T14:03:07+24:00", milliseconds: nil),
    TimeCase(name: "trailing space", text: "2026-11-21T14:03:07Z ", milliseconds: nil),
    TimeCase(name: "one-digit month", text: "2026-1-21T14:03:07Z", milliseconds: nil),
    TimeCase(name: "date only", text: "2026-11-21", milliseconds: nil),
    TimeCase(name: "slash date", text: "2026/11/21T14:03:07Z", milliseconds: nil),
    TimeCase(name: "empty", text: "", milliseconds: nil),
  ]

  @Test(arguments: rfc3339Cases)
  func parsesRFC3339(_ example: TimeCase) {
    #expect(Timestamp(rfc3339: example.text)?.milliseconds == example.milliseconds)
  }

  static let epochCases: [TimeCase] = [
    TimeCase(name: "whole seconds", text: "1763733787", milliseconds: 1_763_733_787_000),
    TimeCase(name: "quarter second", text: "1763733787.25", milliseconds: 1_763_733_787_250),
    TimeCase(
      name: "long fraction truncated", text: "1763733787.1239", milliseconds: 1_763_733_787_123),
    TimeCase(name: "zero", text: "0", milliseconds: 0),
    TimeCase(name: "end of year 9999", text: "253402300799", milliseconds: 253_402_300_799_000),
    TimeCase(name: "past year 9999", text: "253402300800", milliseconds: nil),
    TimeCase(name: "fraction past year 9999", text: "253402300799.5", milliseconds: nil),
    TimeCase(name: "negative", text: "-1", milliseconds: nil),
    TimeCase(name: "exponent", text: "1e9", milliseconds: nil),
    TimeCase(name: "trailing dot", text: "12.", milliseconds: nil),
    TimeCase(name: "leading dot", text: ".5", milliseconds: nil),
    TimeCase(name: "RFC 3339 text", text: "2026-11-21T14:03:07Z", milliseconds: nil),
    TimeCase(name: "empty", text: "", milliseconds: nil),
  ]

  @Test(arguments: epochCases)
  func parsesEpochSeconds(_ example: TimeCase) {
    var text = example.text
    let time = text.withUTF8 { Timestamp(epochSeconds: UnsafeRawBufferPointer($0)) }
    #expect(time?.milliseconds == example.milliseconds)
    #expect(Timestamp(epochSeconds: example.text)?.milliseconds == example.milliseconds)
  }

  @Test(arguments: [
    (Int64(1_795_269_787_000), "2026-11-21T14:03:07Z"),
    (1_795_269_787_250, "2026-11-21T14:03:07.250Z"),
    (1_795_269_787_007, "2026-11-21T14:03:07.007Z"),
    (0, "1970-01-01T00:00:00Z"),
    (-1000, "1969-12-31T23:59:59Z"),
    (1_709_164_800_000, "2024-02-29T00:00:00Z"),
  ])
  func formatsRFC3339(milliseconds: Int64, text: String) {
    #expect(Timestamp(milliseconds: milliseconds).rfc3339 == text)
  }

  @Test func offsetInputFormatsAsUTC() throws {
    let time = try #require(Timestamp(rfc3339: "2026-11-21T14:03:07.5-06:00"))
    #expect(time.rfc3339 == "2026-11-21T20:03:07.500Z")
  }

  @Test(arguments: [
    ("2026-11-21T14:03:07Z", 0, 14, 5),  // a Saturday
    ("2026-11-21T14:03:07Z", -21_600, 8, 5),
    ("2026-11-21T14:03:07Z", 19_800, 19, 5),
    ("2026-11-21T00:30:00Z", -3600, 23, 4),  // Friday evening an hour west
    ("2026-11-23T23:30:00Z", 3600, 0, 1),  // Tuesday just after midnight an hour east
    ("1969-12-31T23:00:00Z", 0, 23, 2),  // a Wednesday, before the epoch
  ])
  func hourAndWeekdayAtOffset(text: String, offset: Int, hour: Int, weekday: Int) throws {
    let time = try #require(Timestamp(rfc3339: text))
    #expect(time.hour(offsetSeconds: offset) == hour)
    #expect(time.weekday(offsetSeconds: offset) == weekday)
  }

  @Test func randomTimestampsRoundTrip() throws {
    var random = SplitMix(seed: 20_261_121)
    for _ in 0..<20_000 {
      let milliseconds = Int64.random(in: 0...253_402_300_799_999, using: &random)
      let original = Timestamp(milliseconds: milliseconds)
      let text = original.rfc3339
      let parsed = try #require(Timestamp(rfc3339: text), "\(text)")
      #expect(parsed == original, "\(text)")
    }
  }

  /// The text written into verdict lines as bytes is the `rfc3339` text, which
  /// Foundation's ISO 8601 formatter (an independent one) writes the same.
  @Test func appendedTextIsTheTextAndFoundationsText() throws {
    var random = SplitMix(seed: 8601)
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = .gmt
    for round in 0..<20_000 {
      var milliseconds = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &random)
      if round % 3 == 0 { milliseconds -= milliseconds % 1000 }
      if round % 1000 == 0 { milliseconds = Int64.random(in: -1 << 52...1 << 52, using: &random) }
      let time = Timestamp(milliseconds: milliseconds)
      var out: [UInt8] = [UInt8(ascii: "\"")]
      time.appendRFC3339(to: &out)
      #expect(out == [UInt8(ascii: "\"")] + Array(time.rfc3339.utf8), "\(milliseconds)")
      guard (0...253_402_300_799_999).contains(milliseconds) else { continue }
      var expected = formatter.string(
        from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
      if milliseconds % 1000 == 0 { expected = expected.replacingOccurrences(of: ".000", with: "") }
      #expect(time.rfc3339 == expected, "\(milliseconds)")
    }
  }

  @Test func bytesAndStringEntryPointsAgree() {
    for example in Self.rfc3339Cases {
      var text = example.text
      let fromBytes = text.withUTF8 { Timestamp(rfc3339: UnsafeRawBufferPointer($0)) }
      #expect(fromBytes == Timestamp(rfc3339: example.text), "\(example.name)")
    }
  }

  /// Foundation's Gregorian calendar as an independent oracle for random
  /// date-times with random offsets and fractions.
  @Test func randomDateTimesAgreeWithFoundationCalendar() throws {
    var random = SplitMix(seed: 3339)
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    for _ in 0..<2000 {
      let year = Int.random(in: 1900...2100, using: &random)
      let month = Int.random(in: 1...12, using: &random)
      let day = Int.random(in: 1...28, using: &random)
      let hour = Int.random(in: 0...23, using: &random)
      let minute = Int.random(in: 0...59, using: &random)
      let second = Int.random(in: 0...59, using: &random)
      let millis = Int.random(in: 0...999, using: &random)
      let offsetMinutes = Int.random(in: -14 * 60...14 * 60, using: &random)
      let sign = offsetMinutes < 0 ? "-" : "+"
      let zone =
        offsetMinutes == 0 && random.next() % 2 == 0
        ? "Z" : "\(sign)\(pad(abs(offsetMinutes) / 60, 2)):\(pad(abs(offsetMinutes) % 60, 2))"
      let text =
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
        + "\(pad(second, 2)).\(pad(millis, 3))\(zone)"

      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = try #require(TimeZone(secondsFromGMT: offsetMinutes * 60))
      let components = DateComponents(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
      let date = try #require(calendar.date(from: components))
      let expected = Int64(date.timeIntervalSince1970.rounded()) * 1000 + Int64(millis)
      #expect(Timestamp(rfc3339: text)?.milliseconds == expected, "\(text)")
    }
  }

  /// The usual forms, `YYYY-MM-DDTHH:MM:SS.mmmZ` and `YYYY-MM-DDTHH:MM:SSZ`, take a
  /// short way: random valid times agree with Foundation's calendar, and each with one
  /// byte of its time replaced (a digit, a separator, a letter, a byte over 0x7F)
  /// parses as the same text with a lower-case `t` and `z` does, which only the general
  /// path reads.
  @Test func usualFormAgreesWithTheCalendarAndTheGeneralPath() throws {
    var random = SplitMix(seed: 24)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    func parse(_ bytes: [UInt8]) -> Int64? {
      bytes.withUnsafeBytes { Timestamp(rfc3339: $0)?.milliseconds }
    }
    let alphabet = Array("0123456789:.TtZz +-/A".utf8) + [0x7F, 0xC3, 0xFA, 0xFF, 0x00]
    var rejected = 0
    for _ in 0..<20_000 {
      let (year, month, day) = (
        Int.random(in: 1970...2100, using: &random), Int.random(in: 1...12, using: &random),
        Int.random(in: 1...28, using: &random)
      )
      let (hour, minute, second, millis) = (
        Int.random(in: 0...23, using: &random), Int.random(in: 0...59, using: &random),
        Int.random(in: 0...59, using: &random), Int.random(in: 0...999, using: &random)
      )
      let withMillis = random.next() % 4 != 0
      let text = Array(
        ("\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
          + "\(pad(second, 2))\(withMillis ? ".\(pad(millis, 3))" : "")Z").utf8)
      let components = DateComponents(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
      let date = try #require(calendar.date(from: components))
      let expected =
        Int64(date.timeIntervalSince1970.rounded()) * 1000 + (withMillis ? Int64(millis) : 0)
      #expect(parse(text) == expected, "\(String(decoding: text, as: UTF8.self))")

      var mutated = text
      mutated[Int.random(in: 10..<text.count, using: &random)] =
        alphabet.randomElement(using: &random)!
      guard mutated[10] == UInt8(ascii: "T") else { continue }
      var general = mutated
      general[10] = UInt8(ascii: "t")
      if general.last == UInt8(ascii: "Z") { general[general.count - 1] = UInt8(ascii: "z") }
      let result = parse(mutated)
      if result == nil { rejected += 1 }
      #expect(result == parse(general), "\(mutated)")
    }
    // Most replacements break the time: the comparison saw both outcomes.
    #expect(rejected > 5_000 && rejected < 18_000, "\(rejected)")
  }

  @Test func randomEpochSecondsRoundTrip() throws {
    var random = SplitMix(seed: 1970)
    for _ in 0..<10_000 {
      let milliseconds = Int64.random(in: 0...253_402_300_799_999, using: &random)
      let fraction = String(milliseconds % 1000)
      let text =
        "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
      var bytes = text
      let time = bytes.withUTF8 { Timestamp(epochSeconds: UnsafeRawBufferPointer($0)) }
      #expect(time?.milliseconds == milliseconds, "\(text)")
    }
  }
}

/// ``RFC3339/parse(_:dates:)`` keeps the last date it read: over a stream of times, most
/// with the date before, some with another date, some broken after or inside the date,
/// it gives what a fresh parse of each gives.
@Suite struct TimestampDateMemoTests {
  @Test func aRememberedDateParsesAsAFreshOne() {
    var random = SplitMix(seed: 3_339)
    let dates = [
      "2026-11-20", "2026-11-21", "2024-02-29", "2023-02-29", "2026-13-01", "2026-1x-01",
    ]
    let times = [
      "T06:00:01Z", "T23:59:60.5Z", "t00:00:00.123456z", " 12:30:00-06:00", "T12:30:00+05:30",
      "T24:00:00Z", "T12:60:00Z", "T12:00:00", "T12:00:00.Z", "T1:00:00Z", "T12:00:00+5:30",
    ]
    var memo = RFC3339.DateMemo()
    var parsed = 0
    for _ in 0..<20_000 {
      // A run of the same date, now and then another.
      let date = dates[random.next() % 8 == 0 ? Int(random.next() % UInt64(dates.count)) : 0]
      let text = date + times[Int(random.next() % UInt64(times.count))]
      let bytes = Array(text.utf8)
      let remembered = bytes.withUnsafeBytes { RFC3339.parse($0, dates: &memo) }
      let fresh = bytes.withUnsafeBytes { RFC3339.parse($0) }
      #expect(remembered == fresh, "\(text)")
      if fresh != nil { parsed += 1 }
    }
    #expect(parsed > 5_000 && parsed < 20_000)
  }
}
