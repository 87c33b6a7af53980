import Foundation
import Testing

@testable import LeadScreen

@Suite struct BotClassifierTests {
  static let shipped: BotClassifier = {
    do { return try BotClassifier(directory: RulesPaths.rules + "/bots") } catch {
      fatalError("\(error)")
    }
  }()

  /// User agents for the differential test: the fixtures, their case and Unicode
  /// variants, pieces of them, and hand-made tricky ones.
  static func mixedCorpus() throws -> [String] {
    let base =
      try RulesPaths.lines(RulesPaths.fixtures + "/bot-uas.txt")
      + RulesPaths.lines(RulesPaths.fixtures + "/browser-uas.txt")
    var corpus = base
    for ua in base {
      corpus.append(ua.uppercased())
      corpus.append(ua.lowercased())
      corpus.append(String(ua.prefix(ua.count / 2)))
      corpus.append(String(ua.suffix(ua.count / 3)))
      corpus.append(ua.replacingAll("k", with: "\u{212A}").replacingAll("s", with: "\u{017F}"))
    }
    corpus += [
      "", " ", "-", "a", "Mozilla/5.0", "Mozilla/5.0 (compatible)", "curl/8.4.0", "Wget/1.21",
      "python-requests/2.31", "HEADLESSCHROME", "Mozilla/5.0 (Linux; Android 10; CUBOT X30)",
      "mail me at bot@example.com", "${jndi:ldap://x}", "Googlebot", "googlebot/2.1",
      "\u{212A}ubernetes probe", "Mozilla/5.0 (X11; Linux x86_64) Nessu\u{017F}/10",
    ]
    return corpus
  }

  @Test func prefilteredAgreesWithNaiveLoop() throws {
    let classifier = Self.shipped
    let scratch = PCRE2Scratch()
    var cache = BotClassifier.Cache(capacity: 0)
    var bots = 0
    for ua in try Self.mixedCorpus() {
      let fast = classifier.classify(ua, cache: &cache, scratch: scratch)
      let naive = classifier.classifyNaive(ua, scratch: scratch)
      #expect(fast == naive, "\(ua)")
      if fast != nil { bots += 1 }
    }
    #expect(bots > 300)
  }

  /// Optional: the same differential check on big local corpora (one UA a line, every
  /// `*.txt` in the directory named by LEADSCREEN_UA_CORPUS, e.g. from
  /// `scripts/eval_bot_rules.py --keep DIR`).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["LEADSCREEN_UA_CORPUS"] != nil))
  func prefilteredAgreesWithNaiveLoopOnLocalCorpus() throws {
    let directory = ProcessInfo.processInfo.environment["LEADSCREEN_UA_CORPUS"] ?? ""
    let classifier = Self.shipped
    let scratch = PCRE2Scratch()
    var cache = BotClassifier.Cache(capacity: 0)
    var checked = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: directory)
    where name.hasSuffix(".txt") {
      for ua in try RulesPaths.lines(directory + "/" + name) {
        let fast = classifier.classify(ua, cache: &cache, scratch: scratch)
        #expect(fast == classifier.classifyNaive(ua, scratch: scratch), "\(ua)")
        checked += 1
      }
    }
    #expect(checked > 0)
  }

  @Test func invalidUTF8IsRepairedBeforeMatching() {
    let classifier = Self.shipped
    let scratch = PCRE2Scratch()
    var cache = BotClassifier.Cache()
    let bytes: [UInt8] = Array("curl/7.1 ".utf8) + [0xFF, 0xC0, 0x80]
    let result = bytes.withUnsafeBytes { classifier.classify($0, cache: &cache, scratch: scratch) }
    let repaired = String(decoding: bytes, as: UTF8.self)
    #expect(result != nil)
    #expect(result == classifier.classifyNaive(repaired, scratch: scratch))
  }

  @Test(arguments: ["", "   ", "\t \r"]) func blankUserAgentIsBuiltIn(_ ua: String) {
    var cache = BotClassifier.Cache()
    let result = Self.shipped.classify(ua, cache: &cache, scratch: PCRE2Scratch())
    #expect(result == BotClassifier.emptySource)
    #expect(result?.file == "(built-in)")
  }

  @Test func cacheGivesTheSameAnswersAndStaysBounded() throws {
    let classifier = Self.shipped
    let scratch = PCRE2Scratch()
    var small = BotClassifier.Cache(capacity: 8)
    var none = BotClassifier.Cache(capacity: 0)
    let corpus = try Self.mixedCorpus().prefix(400)
    for _ in 0..<2 {
      for ua in corpus {
        let cached = classifier.classify(ua, cache: &small, scratch: scratch)
        #expect(cached == classifier.classify(ua, cache: &none, scratch: scratch))
        #expect(small.storedCount <= 8)
      }
    }
    #expect(none.storedCount == 0)
  }

  /// The table grows from ``BotClassifier/Cache/initialSlots`` as user agents come: every
  /// one stays remembered (the second pass stores nothing new) and gives the uncached answer.
  @Test func aGrowingCacheKeepsEveryUserAgent() throws {
    let classifier = Self.shipped
    let scratch = PCRE2Scratch()
    var cache = BotClassifier.Cache(capacity: 5000)
    var none = BotClassifier.Cache(capacity: 0)
    let corpus = try Self.mixedCorpus()
    let uas = (0..<3000).map { "\(corpus[$0 % corpus.count]) r\($0)" }
    #expect(uas.count > BotClassifier.Cache.initialSlots * 2)
    for pass in 0..<2 {
      for ua in uas {
        #expect(
          classifier.classify(ua, cache: &cache, scratch: scratch)
            == classifier.classify(ua, cache: &none, scratch: scratch))
      }
      #expect(cache.storedCount == uas.count, "pass \(pass)")
    }
  }

  @Test func firstMatchingPatternInFileOrderIsReported() throws {
    let patterns = [#"^\d+$"#, "^[a-z]+$", "(?i)abc", "bcd"].enumerated().map {
      RuleSource(file: "t.txt", line: $0.offset + 1, pattern: $0.element)
    }
    let classifier = try BotClassifier(patterns: patterns, allow: [])
    var cache = BotClassifier.Cache()
    let scratch = PCRE2Scratch()
    #expect(classifier.classify("abcd", cache: &cache, scratch: scratch)?.line == 2)
    #expect(classifier.classify("ABCD", cache: &cache, scratch: scratch)?.line == 3)
    #expect(classifier.classify("1234", cache: &cache, scratch: scratch)?.line == 1)
    #expect(classifier.classify("x-bcd", cache: &cache, scratch: scratch)?.line == 4)
    #expect(classifier.classify("x-y", cache: &cache, scratch: scratch) == nil)
    #expect(classifier.alwaysRunPatterns.map(\.line) == [1, 2])
  }

  @Test func allowListExemptsAMatch() throws {
    let classifier = try BotClassifier(
      patterns: [RuleSource(file: "b.txt", line: 1, pattern: "(?i)bot")],
      allow: [RuleSource(file: "allow.txt", line: 1, pattern: "CUBOT")])
    var cache = BotClassifier.Cache()
    let scratch = PCRE2Scratch()
    #expect(classifier.classify("Android; CUBOT X30", cache: &cache, scratch: scratch) == nil)
    #expect(classifier.classify("AhrefsBot/7.0", cache: &cache, scratch: scratch)?.line == 1)
  }

  @Test func badPatternNamesFileLineAndColumn() throws {
    let directory = try RulesPaths.temporaryDirectory([
      "generic.txt": "# comment\n\n(Googlebot\n", "allow.txt": "# none\n",
    ])
    #expect(throws: RuleFileError.self) { try BotClassifier(directory: directory) }
    do {
      _ = try BotClassifier(directory: directory)
    } catch {
      #expect(error.file == directory + "/generic.txt")
      #expect(error.line == 3)
      #expect(error.column == 11)
      #expect(error.message.contains("missing closing parenthesis"))
      #expect(error.description.hasPrefix(directory + "/generic.txt:3:11: "))
      #expect(error.description.hasSuffix("in pattern `(Googlebot`"))
    }
  }

  /// Many patterns compile in two halves on two threads: the error reported is still the
  /// first in file order, from either half, and every pattern keeps its place.
  @Test func manyPatternsKeepTheirOrderAndTheFirstError() throws {
    func lines(_ count: Int, bad: Set<Int>) -> String {
      (1...count).map { bad.contains($0) ? "(broken\($0)" : "token\($0)bot" }
        .joined(separator: "\n") + "\n"
    }
    for (bad, expected) in [([100, 500], 100), ([500], 500), ([600, 40], 40)] {
      let directory = try RulesPaths.temporaryDirectory([
        "generic.txt": lines(600, bad: Set(bad)), "allow.txt": "# none\n",
      ])
      do {
        _ = try BotClassifier(directory: directory)
        Issue.record("no error for bad lines \(bad)")
      } catch {
        #expect(error.line == expected)
        #expect(error.message.contains("`(broken\(expected)`"))
      }
    }
    let directory = try RulesPaths.temporaryDirectory([
      "generic.txt": lines(600, bad: []), "allow.txt": "# none\n",
    ])
    let classifier = try BotClassifier(directory: directory)
    var cache = BotClassifier.Cache(capacity: 0)
    let scratch = PCRE2Scratch()
    for number in [1, 299, 300, 301, 600] {
      let ua = "Mozilla/5.0 (compatible; token\(number)bot)"
      #expect(classifier.classify(ua, cache: &cache, scratch: scratch)?.line == number)
    }
  }

  @Test func missingDirectoryIsAnError() {
    #expect(throws: RuleFileError.self) { try BotClassifier(directory: "/nonexistent/bots") }
  }
}

extension String {
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
