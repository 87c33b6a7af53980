import CByteScan
import Testing

/// The JSON line index (quotes, and whether there is a backslash, a control byte or
/// non-ASCII) from every implementation against a byte-by-byte reference.
@Suite struct JSONIndexTests {
  private static func reference(_ bytes: [UInt8]) -> (quotes: [UInt64], flags: UInt32) {
    var quotes = [UInt64](repeating: 0, count: (bytes.count + 63) / 64)
    var flags: UInt32 = 0
    for (index, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\"") { quotes[index / 64] |= 1 << UInt64(index % 64) }
      if byte == UInt8(ascii: "\\") { flags |= UInt32(LEADSCREEN_JSON_BACKSLASH) }
      if byte < 0x20 { flags |= UInt32(LEADSCREEN_JSON_CONTROL) }
      if byte >= 0x80 { flags |= UInt32(LEADSCREEN_JSON_NON_ASCII) }
    }
    return (quotes, flags)
  }

  @Test func everyImplementationAgreesWithTheReference() {
    var random = SplitMix(seed: 64)
    let alphabet =
      Array("{}\":,abc 0123456789".utf8) + [0x5C, 0x09, 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
    var ran = [0, 0, 0]
    for round in 0..<3_000 {
      let count = round < 300 ? round : Int(random.next() % 600)
      // Mostly plain text, now and then one of the bytes that set a flag.
      let bytes = (0..<count).map { _ in
        random.next() % 16 == 0
          ? alphabet[Int(random.next() % UInt64(alphabet.count))]
          : alphabet[Int(random.next() % 19)]
      }
      let expected = Self.reference(bytes)
      for implementation in 0..<3 {
        var quotes = [UInt64](repeating: 0xDEAD_BEEF, count: max(expected.quotes.count, 1))
        let flags = bytes.withUnsafeBufferPointer { buffer in
          leadscreen_json_index_using(
            Int32(implementation), buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count,
            &quotes)
        }
        if flags == 0xFFFF_FFFF { continue }  // not on this CPU
        ran[implementation] += 1
        #expect(flags == expected.flags, "implementation \(implementation), \(count) bytes")
        #expect(
          Array(quotes.prefix(expected.quotes.count)) == expected.quotes,
          "implementation \(implementation), \(count) bytes")
      }
    }
    #expect(ran[0] == 3_000 && ran[1] == 3_000)
  }

  /// The index of a line found in the same pass (``leadscreen_json_index_line``): from
  /// every implementation, the line's end is the first newline within the limit (or the
  /// limit), and its quotes and flags are the reference's for the bytes before it,
  /// whatever follows the newline (flag bytes, quotes, more newlines).
  @Test func lineIndexEndsAtTheFirstNewlineAndCountsOnlyTheLine() {
    var random = SplitMix(seed: 65)
    let alphabet =
      Array("{}\":,abc 0123456789".utf8) + [0x5C, 0x09, 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
    var ran = [0, 0, 0]
    var ended = 0
    for round in 0..<4_000 {
      let count = round < 200 ? round + 1 : Int(random.next() % 700) + 1
      var bytes = (0..<count).map { _ in
        random.next() % 16 == 0
          ? alphabet[Int(random.next() % UInt64(alphabet.count))]
          : alphabet[Int(random.next() % 19)]
      }
      // Mostly one newline somewhere (often near a block's edge), now and then none or two.
      if random.next() % 8 != 0 {
        let edge = (Int(random.next() % 12) * 64 + Int(random.next() % 3)) % count
        let place = random.next() % 2 == 0 ? edge : Int(random.next() % UInt64(count))
        bytes[place] = 0x0A
        if random.next() % 4 == 0 { bytes[Int(random.next() % UInt64(count))] = 0x0A }
      }
      let limit = random.next() % 4 == 0 ? Int(random.next() % UInt64(count)) + 1 : count
      let length = bytes.prefix(limit).firstIndex(of: 0x0A) ?? limit
      if length < limit { ended += 1 }
      let expected = Self.reference(Array(bytes.prefix(length)))
      for implementation in 0..<3 {
        var quotes = [UInt64](repeating: 0xDEAD_BEEF, count: (limit + 63) / 64)
        var found = -1
        let flags = bytes.withUnsafeBufferPointer { buffer in
          leadscreen_json_index_line_using(
            Int32(implementation), buffer.baseAddress!, limit, &quotes, &found)
        }
        if flags == 0xFFFF_FFFF { continue }  // not on this CPU
        ran[implementation] += 1
        let context = "implementation \(implementation), \(count) bytes, limit \(limit)"
        #expect(found == length, "\(context)")
        #expect(flags == expected.flags, "\(context)")
        #expect(Array(quotes.prefix(expected.quotes.count)) == expected.quotes, "\(context)")
      }
    }
    #expect(ran[0] == 4_000 && ran[1] == 4_000)
    #expect(ended > 2_500 && ended < 3_900, "\(ended)")
  }
}
