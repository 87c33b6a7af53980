import Testing

@testable import LeadScreen

@Suite struct LiteralPrefilterTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var pattern: String
    var anyOf: [String]
    var testDescription: String { pattern }
  }

  static let cases: [Case] = [
    Case(pattern: #"Googlebot\/"#, anyOf: ["googlebot/"]),
    Case(pattern: "(?i)headless", anyOf: ["headless"]),
    Case(pattern: "^curl", anyOf: ["curl"]),
    Case(pattern: "(Ahrefs|Semrush)Bot", anyOf: ["ahrefs", "semrush"]),
    Case(pattern: "a+bcd", anyOf: ["bcd"]),
    Case(pattern: "x?yzw", anyOf: ["yzw"]),
    Case(pattern: "[abc]def", anyOf: ["def"]),
    Case(pattern: "(?=foo)barbaz", anyOf: ["barbaz"]),
    Case(pattern: "foo|ba", anyOf: ["ba", "foo"]),
    Case(pattern: "fo{2}barn", anyOf: ["barn"]),
    Case(pattern: "(?i:abc)Def", anyOf: ["abcdef"]),
    Case(pattern: "(?:Mozilla)/5", anyOf: ["mozilla/5"]),
    Case(pattern: #"\bcurl\b"#, anyOf: ["curl"]),
    Case(pattern: "foo|.*", anyOf: []),
    Case(pattern: #"\d+"#, anyOf: []),
    Case(pattern: "(?x)foo bar", anyOf: []),
    Case(pattern: #"\Qa.b\E"#, anyOf: []),
    Case(pattern: #"(a)\1xyz"#, anyOf: []),
    Case(pattern: "^[^A-Za-z]*$", anyOf: []),
  ]

  @Test(arguments: cases) func requiredLiterals(_ item: Case) {
    let needs = RequiredLiterals(pattern: item.pattern)
    #expect(needs.anyOf.map { String(decoding: $0, as: UTF8.self) } == item.anyOf)
  }

  @Test func exactLiteralsAreRecognized() {
    #expect(
      RequiredLiterals(pattern: #"Googlebot\/"#).exactCaseSensitive == Array("Googlebot/".utf8))
    #expect(RequiredLiterals(pattern: "(?i)headless").exactCaseless)
    #expect(RequiredLiterals(pattern: "^curl").exactCaseSensitive == nil)
    #expect(!RequiredLiterals(pattern: "(?i:abc)Def").exactCaseless)
  }

  @Test func scanFindsEveryOccurrenceCaselessly() {
    let words = ["he", "she", "his", "hers"]
    let prefilter = LiteralPrefilter(
      literals: words.enumerated().map { (Array($0.element.utf8), Int32($0.offset)) })
    var hits: [String] = []
    Array("USHERS".utf8).withUnsafeBytes { subject in
      prefilter.scan(subject) { value, end in
        hits.append("\(words[Int(value)])@\(end)")
        return true
      }
    }
    #expect(hits.sorted() == ["he@4", "hers@6", "she@4"])
  }

  /// The automaton against a plain substring search, on random literals and subjects.
  @Test func scanAgreesWithNaiveSearch() {
    var generator = SplitMix(seed: 42)
    let alphabet = Array("abAB/.".utf8)
    func random(_ length: Int) -> [UInt8] {
      (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
    }
    for _ in 0..<50 {
      let literals = (0..<12).map { _ in random(1 + Int(generator.next() % 4)) }
      let prefilter = LiteralPrefilter(
        literals: literals.enumerated().map { ($0.element, Int32($0.offset)) })
      let lowered = literals.map(LiteralPrefilter.lowered)
      for _ in 0..<20 {
        let subject = random(Int(generator.next() % 30))
        let lowerSubject = LiteralPrefilter.lowered(subject)
        var expected: Set<[Int]> = []
        for (index, literal) in lowered.enumerated() where literal.count <= lowerSubject.count {
          for start in 0...(lowerSubject.count - literal.count)
          where Array(lowerSubject[start..<start + literal.count]) == literal {
            expected.insert([index, start + literal.count])
          }
        }
        var found: Set<[Int]> = []
        subject.withUnsafeBytes { bytes in
          prefilter.scan(bytes) { value, end in
            found.insert([Int(value), end])
            return true
          }
        }
        #expect(found == expected)
      }
    }
  }

  /// The builder's tables against the first builder's (``ReferenceLoaders``), entry for
  /// entry: the shipped bot literals, random sets with repeats, and one too big for
  /// 16-bit transitions.
  @Test func tablesAreThoseOfTheFirstBuilder() throws {
    let bots = try BotClassifier(directory: RulesPaths.rules + "/bots")
    var sets: [[(bytes: [UInt8], value: Int32)]] = [
      bots.required.enumerated().flatMap { index, needs in
        needs.anyOf.map { ($0, Int32(index)) }
      }
    ]
    var generator = SplitMix(seed: 7)
    let alphabet = Array("abAB/.xyz-".utf8)
    func random(_ length: Int) -> [UInt8] {
      (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
    }
    for _ in 0..<20 {
      sets.append(
        (0..<30).map { _ in
          (random(Int(generator.next() % 5)), Int32(generator.next() % 10))
        })
    }
    // Over 0x8000 literal bytes but few states (built wide, then narrowed), and many states.
    let ab = Array("ab".utf8)
    sets.append(
      (0..<4000).map { _ in
        ((0..<10).map { _ in ab[Int(generator.next() % 2)] }, Int32(generator.next() % 50))
      })
    sets.append((0..<3000).map { _ in (random(16), Int32(generator.next() % 500)) })
    for literals in sets {
      let new = LiteralPrefilter(literals: literals)
      let old = ReferenceLoaders.literalPrefilter(literals: literals)
      #expect(new.byteClass == old.byteClass)
      #expect(new.classCount == old.classCount)
      #expect(new.transitions == old.transitions)
      #expect(new.narrowTransitions == old.narrowTransitions)
      #expect(new.outputStart == old.outputStart)
      #expect(new.outputValues == old.outputValues)
    }
    #expect(LiteralPrefilter(literals: sets[sets.count - 2]).stateCount < 0x8000)
    #expect(LiteralPrefilter(literals: sets.last!).stateCount >= 0x8000)
  }
}
