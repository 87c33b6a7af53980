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
}
