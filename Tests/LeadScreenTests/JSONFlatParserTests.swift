import CByteScan
import Testing

@testable import LeadScreen

/// ``JSONObjectParser/parseFlatIndexed(_:count:quotes:into:)`` (the click shortcut's
/// loop) against the general parser on the same lines: whenever the flat loop gives an
/// answer, the general parser gives the same one with the same members; lines it
/// leaves (nil) are nested or broken, which the general parser then decides.
@Suite struct JSONFlatParserTests {
  /// The members as a sink saw them (names and values as text, kinds).
  private struct Recorder: JSONMemberSink {
    var members: [(String, String, RawValueKind)] = []
    var stopAt: String?

    mutating func member(
      name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, kind: RawValueKind
    ) -> Bool {
      let name = String(decoding: name, as: UTF8.self)
      members.append((name, String(decoding: value, as: UTF8.self), kind))
      return name != stopAt
    }
  }

  /// A line of flat members, some values of every kind, white space here and there, and
  /// now and then a defect: a missing or extra token, a nested value, a cut-off end.
  private static func line(_ random: inout SplitMix) -> [UInt8] {
    func space() -> String {
      ["", "", "", " ", "  "][Int(random.next() % 5)]
    }
    let values = [
      "\"click\"", "\"C000123\"", "\"2026-11-20T06:00:01.287Z\"", "1795154403", "-12.5e3", "0",
      "true", "false", "null", "\"\"", "\"Mozilla/5.0 (X11; Linux x86_64)\"", "[1,2]",
      "{\"a\":\"b\"}", "01", "1.", "tru", "nul",
    ]
    let names = ["type", "id", "ts", "ip", "ua", "campaign", "source", "keyword", "x", ""]
    var text = space() + "{" + space()
    let count = Int(random.next() % 8)
    for index in 0..<count {
      let value = values[Int(random.next() % UInt64(random.next() % 4 == 0 ? values.count : 11))]
      text += "\"\(names[Int(random.next() % UInt64(names.count))])\"" + space() + ":" + space()
      text += value + space()
      if index < count - 1 { text += "," + space() }
    }
    text += "}" + space()
    var bytes = Array(text.utf8)
    switch random.next() % 12 {
    case 0: if !bytes.isEmpty { bytes.remove(at: Int(random.next() % UInt64(bytes.count))) }
    case 1:
      bytes.insert(
        Array(",:\"{}x ".utf8)[Int(random.next() % 7)],
        at: Int(random.next() % UInt64(bytes.count + 1)))
    case 2: bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
    default: break
    }
    return bytes
  }

  @Test func agreesWithTheGeneralParser() {
    var random = SplitMix(seed: 2_026)
    var answered = 0
    var left = 0
    for round in 0..<20_000 {
      let bytes = Self.line(&random)
      let stopAt = round % 5 == 0 ? "ts" : nil
      bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress, buffer.count <= 4096 else { return }
        var quotes = [UInt64](repeating: 0, count: max((buffer.count + 63) / 64, 1))
        let flags = leadscreen_json_index(base, buffer.count, &quotes)
        #expect(flags & UInt32(LEADSCREEN_JSON_BACKSLASH | LEADSCREEN_JSON_CONTROL) == 0)
        var flat = Recorder(stopAt: stopAt)
        var general = Recorder(stopAt: stopAt)
        let fast = quotes.withUnsafeBufferPointer {
          JSONObjectParser.parseFlatIndexed(
            base, count: buffer.count, quotes: $0.baseAddress!, into: &flat)
        }
        let slow = quotes.withUnsafeBufferPointer {
          try? JSONObjectParser.parseIndexed(
            base, count: buffer.count, quotes: $0.baseAddress!, into: &general)
        }
        guard let fast else {
          left += 1
          // Left to the general parser: nested values, or what it rejects.
          let text = String(decoding: bytes, as: UTF8.self)
          let nested = text.contains("[") || text.filter { $0 == "{" }.count > 1
          #expect(slow == nil || nested, "\(text)")
          return
        }
        answered += 1
        #expect(slow == fast, "\(String(decoding: bytes, as: UTF8.self))")
        #expect(flat.members.map(\.0) == general.members.map(\.0))
        #expect(flat.members.map(\.1) == general.members.map(\.1))
        #expect(flat.members.map(\.2) == general.members.map(\.2))
      }
    }
    // Both kinds of line came up often.
    #expect(answered > 5_000 && left > 2_000)
  }
}
