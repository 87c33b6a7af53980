import Testing

@testable import LeadScreen

/// ``UTF8Validation/firstInvalid(_:count:)``, whose ASCII runs are skipped 32 bytes at
/// a time: against Swift's own UTF-8 validation, and at every offset around the
/// 16- and 32-byte steps.
@Suite struct UTF8ValidationTests {
  private static func firstInvalid(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalid($0.baseAddress!, count: $0.count) }
  }

  @Test func aBadByteIsFoundWhereverItIs() {
    for length in 0..<100 {
      let ascii = [UInt8](repeating: UInt8(ascii: "a"), count: length)
      #expect(Self.firstInvalid(ascii + [UInt8(ascii: "z")]) == nil)
      for position in 0...length {
        var bytes = ascii
        bytes.insert(0xFF, at: position)
        #expect(Self.firstInvalid(bytes) == position, "\(length) \(position)")
        // A valid two-byte sequence there instead, then a stray continuation byte.
        var valid = ascii
        valid.insert(contentsOf: [0xC3, 0xA9], at: position)
        #expect(Self.firstInvalid(valid) == nil, "\(length) \(position)")
        #expect(Self.firstInvalid(valid + [0x80]) == length + 2)
      }
    }
  }

  @Test func agreesWithSwiftsValidation() {
    var random = SplitMix(seed: 8)
    let validPieces: [[UInt8]] = [
      Array("plain text ".utf8), Array("é".utf8), Array("✓".utf8), Array("😀".utf8),
    ]
    // Overlong, a surrogate, past U+10FFFF, cut short, a stray continuation, never UTF-8.
    let invalidPieces: [[UInt8]] = [
      [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE],
    ]
    var invalid = 0
    for _ in 0..<3_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(random.next() % 12) {
        // Mostly valid pieces, so invalid ones sit after runs of every length.
        let pool = random.next() % 8 == 0 ? invalidPieces : validPieces
        bytes += pool[Int(random.next() % UInt64(pool.count))]
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: Int(random.next() % 40))
      }
      let valid = String(validating: bytes, as: UTF8.self) != nil
      let found = Self.firstInvalid(bytes)
      #expect((found == nil) == valid)
      if let found {
        invalid += 1
        #expect(String(validating: bytes[..<found], as: UTF8.self) != nil)
      }
    }
    #expect(invalid > 300)
  }
}
