import Testing

@testable import LeadScreen

extension ZIPCodeTests {
  /// A named ZIP case: text in, five-digit ZIP out (nil = not a ZIP).
  struct ZIPCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var zip5: String?
    var testDescription: String { name }
  }
}

@Suite struct ZIPCodeTests {
  static let cases: [ZIPCase] = [
    ZIPCase(name: "five digits", text: "78701", zip5: "78701"),
    ZIPCase(name: "ZIP+4", text: "78701-1234", zip5: "78701"),
    ZIPCase(name: "nine digits", text: "787011234", zip5: "78701"),
    ZIPCase(name: "surrounding space", text: " 78701 ", zip5: "78701"),
    ZIPCase(name: "leading zero kept", text: "02134", zip5: "02134"),
    ZIPCase(name: "four digits padded", text: "2134", zip5: "02134"),
    ZIPCase(name: "three digits padded", text: "501", zip5: "00501"),
    ZIPCase(name: "six digits", text: "787012", zip5: nil),
    ZIPCase(name: "ten digits", text: "7870112345", zip5: nil),
    ZIPCase(name: "hyphen misplaced", text: "7870-11234", zip5: nil),
    ZIPCase(name: "short plus four", text: "78701-123", zip5: nil),
    ZIPCase(name: "letters", text: "7870A", zip5: nil),
    ZIPCase(name: "Canadian postal code", text: "K1A 0B1", zip5: nil),
    ZIPCase(name: "space inside", text: "787 01", zip5: nil),
    ZIPCase(name: "decimal number", text: "78701.0", zip5: nil),
    ZIPCase(name: "empty", text: "", zip5: nil),
    ZIPCase(name: "white space only", text: "  ", zip5: nil),
  ]

  @Test(arguments: cases)
  func normalizes(_ example: ZIPCase) {
    #expect(ZIPCode.normalize(example.text) == example.zip5)
  }

  @Test func everyResultIsFiveDigits() {
    for example in Self.cases {
      guard let zip = ZIPCode.normalize(example.text) else { continue }
      #expect(zip.utf8.count == 5 && zip.utf8.allSatisfy { (48...57).contains($0) }, "\(zip)")
    }
  }
}
