import Testing

@testable import LeadScreen

@Suite struct PCRE2PatternTests {
  @Test func matchesAndMisses() throws {
    let pattern = try PCRE2Pattern("\\bbot\\b")
    let scratch = PCRE2Scratch()
    #expect(try pattern.matches("Googlebot/2.1", scratch: scratch) == false)
    #expect(try pattern.matches("some bot here", scratch: scratch))
  }

  @Test func caselessOption() throws {
    let pattern = try PCRE2Pattern("headless", caseless: true)
    #expect(try pattern.matches("HeadlessChrome/120", scratch: PCRE2Scratch()))
  }

  @Test func badPatternReportsMessageAndOffset() {
    #expect(throws: PatternError.self) { try PCRE2Pattern("(Googlebot") }
    do {
      _ = try PCRE2Pattern("(Googlebot")
    } catch {
      #expect(error.message.contains("missing"))
      #expect(error.offset == 10)
    }
  }

  @Test func catastrophicPatternHitsLimitInsteadOfHanging() throws {
    let pattern = try PCRE2Pattern("^(a+)+$")
    let subject = String(repeating: "a", count: 40) + "!"
    let scratch = PCRE2Scratch(matchLimit: 100_000, depthLimit: 1000)
    #expect(throws: MatchLimitExceeded.self) { try pattern.matches(subject, scratch: scratch) }
  }
}
