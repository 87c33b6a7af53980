import Testing

@testable import LeadScreen

/// The shipped bot rules on the committed fixture (see Fixtures/SOURCE.md): catch at
/// least 99% of crawler user agents, flag at most 0.1% of real browsers.
@Suite struct BotRulesCorpusTests {
  func rate(of file: String) throws -> (flagged: Int, total: Int) {
    let classifier = try BotClassifier(directory: RulesPaths.rules + "/bots")
    var cache = BotClassifier.Cache()
    let scratch = PCRE2Scratch()
    let uas = try RulesPaths.lines(RulesPaths.fixtures + "/" + file)
    let flagged = uas.filter { classifier.classify($0, cache: &cache, scratch: scratch) != nil }
    return (flagged.count, uas.count)
  }

  @Test func catchesCrawlers() throws {
    let (flagged, total) = try rate(of: "bot-uas.txt")
    #expect(total >= 250)
    #expect(Double(flagged) >= 0.99 * Double(total))
  }

  @Test func leavesBrowsersAlone() throws {
    let (flagged, total) = try rate(of: "browser-uas.txt")
    #expect(total >= 250)
    #expect(Double(flagged) <= 0.001 * Double(total))
  }

  @Test func shippedRulesAreMostlyPrefiltered() throws {
    let classifier = try BotClassifier(directory: RulesPaths.rules + "/bots")
    #expect(classifier.patternCount > 1500)
    #expect(classifier.alwaysRunPatterns.count <= 10)
  }
}
