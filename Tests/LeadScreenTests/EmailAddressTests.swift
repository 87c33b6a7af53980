import Testing

@testable import LeadScreen

extension EmailAddressTests {
  /// A named address case: text in, normalized address out (nil = not a possible address).
  struct EmailCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var normalized: String?
    var testDescription: String { name }
  }
}

@Suite struct EmailAddressTests {
  static let cases: [EmailCase] = [
    EmailCase(name: "plain", text: "jane.doe@example.com", normalized: "jane.doe@example.com"),
    EmailCase(
      name: "upper case lowered", text: "Jane.Doe@Example.COM", normalized: "jane.doe@example.com"),
    EmailCase(name: "trimmed", text: "  jane@example.com\t", normalized: "jane@example.com"),
    EmailCase(
      name: "plus tag kept", text: "jane+ads@example.com", normalized: "jane+ads@example.com"),
    EmailCase(name: "subdomain", text: "a@mail.example.co.uk", normalized: "a@mail.example.co.uk"),
    EmailCase(
      name: "hyphen and digits in domain", text: "a_b@my-site2.io", normalized: "a_b@my-site2.io"),
    EmailCase(
      name: "atom specials", text: "o'neil!#$%&*/=?^`{|}~-@example.org",
      normalized: "o'neil!#$%&*/=?^`{|}~-@example.org"),
    EmailCase(name: "no at", text: "jane.example.com", normalized: nil),
    EmailCase(name: "two at", text: "jane@doe@example.com", normalized: nil),
    EmailCase(name: "empty local part", text: "@example.com", normalized: nil),
    EmailCase(name: "empty domain", text: "jane@", normalized: nil),
    EmailCase(name: "space inside", text: "jane doe@example.com", normalized: nil),
    EmailCase(name: "leading dot", text: ".jane@example.com", normalized: nil),
    EmailCase(name: "trailing dot in local", text: "jane.@example.com", normalized: nil),
    EmailCase(name: "consecutive dots", text: "jane..doe@example.com", normalized: nil),
    EmailCase(name: "one-label domain", text: "jane@localhost", normalized: nil),
    EmailCase(name: "one-letter TLD", text: "jane@example.c", normalized: nil),
    EmailCase(name: "IP literal domain", text: "jane@10.0.0.1", normalized: nil),
    EmailCase(name: "digit in TLD", text: "jane@example.c0m", normalized: nil),
    EmailCase(name: "empty domain label", text: "jane@example..com", normalized: nil),
    EmailCase(name: "trailing dot in domain", text: "jane@example.com.", normalized: nil),
    EmailCase(name: "underscore in domain", text: "jane@ex_ample.com", normalized: nil),
    EmailCase(name: "quoted local part", text: "\"jane\"@example.com", normalized: nil),
    EmailCase(name: "comma", text: "jane,doe@example.com", normalized: nil),
    EmailCase(name: "non-ASCII", text: "jané@example.com", normalized: nil),
    EmailCase(name: "empty", text: "", normalized: nil),
    EmailCase(name: "white space only", text: "   ", normalized: nil),
  ]

  @Test(arguments: cases)
  func normalizes(_ example: EmailCase) {
    #expect(EmailAddress.normalize(example.text) == example.normalized)
  }

  @Test(arguments: [
    ("j.a.n.e+promo@gmail.com", "jane@gmail.com"),
    ("jane@googlemail.com", "jane@gmail.com"),
    ("ja.ne+x+y@googlemail.com", "jane@gmail.com"),
    ("j.ane+promo@example.com", "j.ane+promo@example.com"),
    ("jane@mail.gmail.com", "jane@mail.gmail.com"),
  ])
  func duplicateKey(normalized: String, key: String) {
    #expect(EmailAddress.duplicateKey(normalized) == key)
  }

  @Test func spellingsOfOneGmailBoxShareAKey() throws {
    let keys = try ["Jane.Doe@Gmail.com", "janedoe+leads@gmail.com", " jane.doe@googlemail.com"]
      .map { try #require(EmailAddress.normalize($0)) }
      .map(EmailAddress.duplicateKey)
    #expect(Set(keys).count == 1)
  }

  @Test func domain() {
    #expect(EmailAddress.domain(of: "jane@mail.example.com") == "mail.example.com")
    #expect(EmailAddress.domain(of: "jane@example.com") == "example.com")
  }
}
