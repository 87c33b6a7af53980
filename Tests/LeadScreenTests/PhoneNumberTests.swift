import Testing

@testable import LeadScreen

extension PhoneNumberTests {
  /// A named phone spelling: text in, ten national digits out (nil = not a possible number).
  struct PhoneCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var national: UInt64?
    var testDescription: String { name }
  }
}

@Suite struct PhoneNumberTests {
  static let cases: [PhoneCase] = [
    PhoneCase(name: "parentheses", text: "(512) 867-5309", national: 5_128_675_309),
    PhoneCase(name: "dots", text: "512.867.5309", national: 5_128_675_309),
    PhoneCase(name: "E.164 with spaces", text: "+1 512 867 5309", national: 5_128_675_309),
    PhoneCase(name: "E.164", text: "+15128675309", national: 5_128_675_309),
    PhoneCase(name: "leading 1 with hyphens", text: "1-512-867-5309", national: 5_128_675_309),
    PhoneCase(name: "ten digits", text: "5128675309", national: 5_128_675_309),
    PhoneCase(name: "eleven digits", text: "15128675309", national: 5_128_675_309),
    PhoneCase(name: "hyphens", text: "512-867-5309", national: 5_128_675_309),
    PhoneCase(name: "slash", text: "512/867-5309", national: 5_128_675_309),
    PhoneCase(name: "1 and parentheses", text: "1 (512) 867-5309", national: 5_128_675_309),
    PhoneCase(name: "+1 parentheses no space", text: "+1(512)867-5309", national: 5_128_675_309),
    PhoneCase(name: "extension x", text: "512-867-5309 x45", national: 5_128_675_309),
    PhoneCase(name: "extension ext.", text: "(512) 867-5309 ext. 7", national: 5_128_675_309),
    PhoneCase(
      name: "extension Extension", text: "512.867.5309 Extension 7", national: 5_128_675_309),
    PhoneCase(name: "extension #", text: "5128675309#12", national: 5_128_675_309),
    PhoneCase(name: "tel URI", text: "tel:+1-512-867-5309", national: 5_128_675_309),
    PhoneCase(name: "surrounding space", text: "  512 867 5309  ", national: 5_128_675_309),
    PhoneCase(name: "555 outside fiction range", text: "512-555-0200", national: 5_125_550_200),
    PhoneCase(name: "555-0099", text: "512-555-0099", national: 5_125_550_099),
    PhoneCase(name: "toll free", text: "1-800-555-0234", national: 8_005_550_234),
    PhoneCase(name: "area code starts with 0", text: "012-867-5309", national: nil),
    PhoneCase(name: "area code starts with 1", text: "112-867-5309", national: nil),
    PhoneCase(name: "exchange starts with 0", text: "512-055-0123", national: nil),
    PhoneCase(name: "exchange starts with 1", text: "512-155-0123", national: nil),
    PhoneCase(name: "fiction 555-0100", text: "512-555-0100", national: nil),
    PhoneCase(name: "fiction 555-0199", text: "512-555-0199", national: nil),
    PhoneCase(name: "fiction 555-0123", text: "(512) 555-0123", national: nil),
    PhoneCase(name: "fiction 555-0150", text: "(512) 555-0150", national: nil),
    PhoneCase(name: "N11 area code 911", text: "911-867-5309", national: nil),
    PhoneCase(name: "N11 area code 411", text: "411-234-5678", national: nil),
    PhoneCase(name: "all the same digit", text: "222-222-2222", national: nil),
    PhoneCase(name: "all nines", text: "9999999999", national: nil),
    PhoneCase(name: "too short", text: "867-5309", national: nil),
    PhoneCase(name: "nine digits", text: "512555012", national: nil),
    PhoneCase(name: "too long", text: "512-867-53094", national: nil),
    PhoneCase(name: "eleven digits not starting with 1", text: "25128675309", national: nil),
    PhoneCase(name: "UK number", text: "+44 20 7946 0958", national: nil),
    PhoneCase(name: "plus without country code 1", text: "+5128675309", national: nil),
    PhoneCase(name: "plus in the middle", text: "512+867-5309", national: nil),
    PhoneCase(name: "letters", text: "1-800-FLOWERS", national: nil),
    PhoneCase(name: "e without xt", text: "512-867-5309 eve", national: nil),
    PhoneCase(name: "extension only", text: "x123", national: nil),
    PhoneCase(name: "empty", text: "", national: nil),
  ]

  @Test(arguments: cases)
  func readsUSSpellings(_ example: PhoneCase) {
    #expect(PhoneNumber(example.text)?.national == example.national)
  }

  @Test(arguments: [
    ("8005550234", true), ("8335550234", true), ("8445550234", true), ("8555550234", true),
    ("8665550234", true), ("8775550234", true), ("8885550234", true), ("5128675309", false),
    ("8995550234", false), ("8225550234", false),
  ])
  func tollFree(text: String, expected: Bool) throws {
    let number = try #require(PhoneNumber(text))
    #expect(number.isTollFree == expected)
  }

  @Test func partsAndFormats() throws {
    let number = try #require(PhoneNumber("+1 (737) 201-0042"))
    #expect(number.areaCode == 737)
    #expect(number.exchange == 201)
    #expect(number.e164 == "+17372010042")
    #expect(number.formatted == "(737) 201-0042")
  }

  @Test func everyTenDigitSpellingGivesTheSameNumber() {
    // The same digits in every separator style agree with the plain form.
    let plain = PhoneNumber("7372010042")
    #expect(plain != nil)
    for spelling in ["737 201 0042", "(737)201-0042", "737.201.0042", "+1 737-201-0042"] {
      #expect(PhoneNumber(spelling) == plain, "\(spelling)")
    }
  }

  /// Random possible numbers written in random spellings read back to the same digits.
  @Test func randomSpellingsReadBack() throws {
    var random = SplitMix(seed: 5_125_550_123)
    var checked = 0
    while checked < 5000 {
      let national = UInt64.random(in: 2_000_000_000...9_999_999_999, using: &random)
      let digits = String(national)
      let area = digits.prefix(3)
      let exchange = digits.dropFirst(3).prefix(3)
      let line = digits.suffix(4)
      // The rules of docs/reasons.md, restated on the text.
      let expected =
        !area.hasPrefix("0") && !area.hasPrefix("1") && !area.hasSuffix("11")
        && !exchange.hasPrefix("0") && !exchange.hasPrefix("1")
        && !(exchange == "555" && line.hasPrefix("01")) && Set(digits).count > 1
      let spellings = [
        "(\(area)) \(exchange)-\(line)", "\(area).\(exchange).\(line)",
        "+1 \(area) \(exchange) \(line)", "1-\(area)-\(exchange)-\(line)", digits,
        "\(area)-\(exchange)-\(line) ext. 12",
      ]
      let spelling = spellings[Int(random.next() % UInt64(spellings.count))]
      let number = PhoneNumber(spelling)
      #expect((number != nil) == expected, "\(spelling)")
      if let number { #expect(number.national == national) }
      checked += 1
    }
  }
}
