import Foundation

@testable import LeadScreen

/// Temporary folders, records and verdicts for the state tests.
enum StateTestSupport {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A fresh empty folder under the system's temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = Scratch.path("state")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The project's rules folder (loaded as `score` loads it).
  static func ruleSet() throws -> RuleSet {
    try RuleSet(directory: root.appendingPathComponent("rules").path)
  }

  static let day: Int64 = 86_400_000

  /// A lead with a valid phone (and no email or click), in `campaign`, at `day` days + `minute`.
  static func lead(
    _ id: String, phone national: UInt64, campaign: String, day: Int64, minute: Int64 = 0
  ) -> Record {
    var record = Record(
      type: .lead, id: id, time: Timestamp(milliseconds: day * Self.day + minute * 60_000),
      campaign: campaign)
    record.phone = String(national)
    record.phoneNumber = PhoneNumber(national: national)
    record.source = "pub01"
    return record
  }

  /// A disputed verdict whose explanations carry a phone, an email and a name.
  static func verdict(id: String, campaign: String = "a", time: Int64 = 0) -> Verdict {
    Verdict(
      type: .lead, id: id, campaign: campaign, source: nil,
      time: Timestamp(milliseconds: time), line: 7, decision: .disputed, score: 0.1 + 0.2,
      findings: [
        Finding(.invalidEmail, detail: "ann.smith@example.com"),
        Finding(.fakeName, rule: "rules/fake-names.txt:3", pattern: "^asdf", detail: "Zebulon"),
        Finding(.duplicate, rule: "campaign a", detail: "same phone +15125550123 as lead L0"),
      ],
      flags: [Finding(.rule("no_consent"), rule: "rules/user-rules.yaml:4")],
      price: Decimal(string: "0")!, currency: "USD",
      contributions: [("ip_clicks", -0.0), ("seen_before", 1.234_567_890_123)])
  }
}
