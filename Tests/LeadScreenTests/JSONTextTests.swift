import Foundation
import Testing

@testable import LeadScreen

/// The writer's JSON strings, read back by Foundation's parser (an independent reader).
@Suite struct JSONTextTests {
  @Test(arguments: [
    "", "L000123", "hvac-austin", "Zoë Ñúñez 🙂", "say \"hi\"", #"C:\path\to"#, "two\nlines",
    "tab\there\r", "bell\u{07} nul\u{00} unit\u{1F} del\u{7F}", "</script>",
  ])
  func stringsReadBackAsWritten(_ text: String) throws {
    var out: [UInt8] = []
    JSONText.appendString(text, to: &out)
    let parsed = try JSONSerialization.jsonObject(
      with: Data(("[" + String(decoding: out, as: UTF8.self) + "]").utf8))
    #expect((parsed as? [String])?.first == text)
    // Nothing but the escapes JSON requires: plain text is copied as it is.
    if !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }) {
      #expect(out == [34] + Array(text.utf8) + [34])
    }
  }

  /// Scores as verdict lines print them: four decimals (Foundation's rounding of the
  /// same number, an independent formatter), trailing zeros dropped, 0 and 1 bare.
  @Test func probabilitiesPrintAsFourDecimalsWithoutTrailingZeros() {
    var random = SplitMix(seed: 10_000)
    var values: [Double] = [0, 1, 0.5, 0.05, 0.00004, 0.00005, 0.99994, 0.99996, -3, 7, .nan]
    values += [.infinity, -.infinity, 0.1234, 0.1230, 0.1200, 0.1000, 0.0001, 0.9999]
    for _ in 0..<20_000 { values.append(Double(random.next() % 1_000_001) / 1_000_000) }
    for value in values {
      let clamped = value.isFinite ? min(max(value, 0), 1) : 0
      let scaled = (clamped * 10_000).rounded()
      var expected = String(format: "%.4f", scaled / 10_000)
      while expected.hasSuffix("0") { expected.removeLast() }
      if expected.hasSuffix(".") { expected.removeLast() }
      var out: [UInt8] = [UInt8(ascii: "x")]
      JSONText.appendProbability(value, to: &out)
      #expect(out == [UInt8(ascii: "x")] + Array(expected.utf8), "\(value)")
      #expect(JSONText.probability(value) == expected, "\(value)")
    }
  }
}
