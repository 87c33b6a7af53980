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
}
