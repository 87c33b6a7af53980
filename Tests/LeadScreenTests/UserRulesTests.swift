import Foundation
import Testing

@testable import LeadScreen

@Suite struct UserRulesTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func shippedRules() throws -> [UserRule] {
    try UserRules.load(path: root.appendingPathComponent("rules/user-rules.yaml").path)
  }

  @Test func shippedFileHasTwoRules() throws {
    let rules = try Self.shippedRules()
    #expect(rules.map(\.name) == ["non_buyer_keyword", "no_consent"])
    #expect(rules[0].field == "keyword")
    #expect(rules[0].action == .flag)
    #expect(rules[0].types == [.click, .lead])
    #expect(rules[1].field == "consent")
    #expect(rules[1].action == .flag)
    #expect(rules[1].types == [.lead])
    #expect(rules[1].code == "rule:no_consent")
    #expect(rules.allSatisfy { !$0.negate && $0.file.hasSuffix("rules/user-rules.yaml") })
  }

  @Test(arguments: [
    ("free ac repair", true), ("HVAC jobs Austin", true), ("carrier careers", true),
    ("cool air co login", true), ("ac repair austin", false), ("freestanding heater", false),
  ])
  func nonBuyerKeywords(_ keyword: String, _ fires: Bool) throws {
    let rule = try #require(Self.shippedRules().first { $0.name == "non_buyer_keyword" })
    #expect(try rule.pattern.matches(keyword, scratch: PCRE2Scratch()) == fires)
  }

  @Test(arguments: [
    ("no", true), ("No", true), ("FALSE", true), (" 0 ", true), ("n", true),
    ("yes", false), ("true", false), ("1", false), ("not sure", false),
  ])
  func noConsent(_ consent: String, _ fires: Bool) throws {
    let rule = try #require(Self.shippedRules().first { $0.name == "no_consent" })
    #expect(try rule.pattern.matches(consent, scratch: PCRE2Scratch()) == fires)
  }

  @Test func optionalKeys() throws {
    let yaml = """
      rules:
        - name: no-utm
          field: url
          pattern: 'utm_source='
          action: dispute
          negate: true
        - name: any_type
          field: custom_field
          pattern: x
          action: flag
      """
    let rules = try UserRules.parse(yaml: yaml, file: "r.yaml")
    #expect(rules.count == 2)
    #expect(rules[0].negate)
    #expect(rules[0].line == 2)
    #expect(rules[1].line == 7)
    #expect(rules[1].types == Set(RecordType.allCases))
    #expect(rules[1].negate == false)
  }

  @Test(arguments: ["", "# no rules yet\n", "rules:\n", "rules: []\n"])
  func noRules(_ yaml: String) throws {
    #expect(try UserRules.parse(yaml: yaml, file: "r.yaml").isEmpty)
  }

  /// A pattern that backtracks exponentially still compiles: the limit bites at match time.
  @Test func catastrophicPatternCompilesAndIsStoppedWhenMatching() throws {
    let yaml = "rules:\n  - {name: evil, field: keyword, pattern: '^(a+)+$', action: flag}\n"
    let rule = try #require(UserRules.parse(yaml: yaml, file: "r.yaml").first)
    #expect(rule.pattern.pattern == "^(a+)+$")
    let scratch = PCRE2Scratch(matchLimit: 10_000, depthLimit: 1_000)
    #expect(try rule.pattern.matches("aaaa", scratch: scratch))
    let subject = String(repeating: "a", count: 40) + "!"
    #expect(throws: MatchLimitExceeded.self) { try rule.pattern.matches(subject, scratch: scratch) }
  }

  static let broken: [BrokenConfig] = [
    .init(
      name: "bad regex",
      yaml:
        "rules:\n  - name: bots\n    field: ua\n    pattern: '(Googlebot'\n    action: dispute\n",
      line: 4, column: 14,
      message: "bad pattern in rule bots: missing closing parenthesis at offset 10"),
    .init(
      name: "unknown key",
      yaml:
        "rules:\n  - name: a\n    field: ua\n    pattern: x\n    action: flag\n    when: missing\n",
      line: 6, column: 5,
      message:
        "unknown key `when` in rule 1 (expected one of: name, field, pattern, action, types, negate)"
    ),
    .init(
      name: "missing action", yaml: "rules:\n  - name: a\n    field: ua\n    pattern: x\n",
      line: 2, column: 5, message: "rule 1 is missing `action`"),
    .init(
      name: "unknown action",
      yaml: "rules:\n  - name: a\n    field: ua\n    pattern: x\n    action: block\n",
      line: 5, column: 13, message: "action must be dispute or flag in rule a (found `block`)"),
    .init(
      name: "bad name",
      yaml: "rules:\n  - {name: Job Seekers, field: keyword, pattern: x, action: flag}\n",
      line: 2, column: 12, message: "a rule name must be lower-case letters, digits, _ or -"),
    .init(
      name: "duplicate name",
      yaml: """
        rules:
          - {name: a, field: ua, pattern: x, action: flag}
          - {name: b, field: ua, pattern: y, action: flag}
          - {name: a, field: ip, pattern: z, action: dispute}

        """,
      line: 4, column: 12, message: "duplicate rule name `a` (first at line 2)"),
    .init(
      name: "unknown record type",
      yaml: "rules:\n  - {name: a, field: ua, pattern: x, action: flag, types: [lead, visit]}\n",
      line: 2, column: 66, message: "a type must be click, lead or call in rule a (found `visit`)"),
    .init(
      name: "no record types",
      yaml: "rules:\n  - {name: a, field: ua, pattern: x, action: flag, types: []}\n",
      line: 2, column: 59, message: "types in rule a must name at least one of click, lead, call"),
    .init(
      name: "negate not a bool",
      yaml: "rules:\n  - {name: a, field: ua, pattern: x, action: flag, negate: maybe}\n",
      line: 2, column: 60, message: "negate must be true or false in rule a (found `maybe`)"),
    .init(
      name: "rules not a list", yaml: "rules:\n  name: a\n",
      line: 2, column: 3, message: "`rules` must be a list"),
    .init(
      name: "unclosed quote", yaml: "rules:\n  - name: 'a\n",
      line: 3, column: 1, message: "YAML syntax error"),
  ]

  @Test(arguments: broken) func errorIsLocated(_ broken: BrokenConfig) {
    #expect {
      try UserRules.parse(yaml: broken.yaml, file: "rules/user-rules.yaml")
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      #expect(error.line == broken.line, "\(error)")
      #expect(error.column == broken.column, "\(error)")
      #expect(error.message.contains(broken.message), "\(error)")
      #expect(
        error.description.hasPrefix("rules/user-rules.yaml:\(broken.line):\(broken.column): "))
      return true
    }
  }
}
