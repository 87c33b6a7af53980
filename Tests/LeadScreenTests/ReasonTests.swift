import Testing

@testable import LeadScreen

/// Each reason code firing and not firing, through the real reader, normalizer,
/// rules folder and pipeline.
@Suite struct ReasonTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var lines: [String]
    /// The record whose verdict is checked.
    var id: String
    var reason: String
    var fires: Bool
    var testDescription: String { "\(reason) \(fires ? "fires" : "does not fire"): \(name)" }
  }

  static let cases: [Case] = [
    Case(
      name: "lead from a python-requests click",
      lines: [
        Stream.click("C1", at: 0, ua: "python-requests/2.31.0"),
        Stream.lead("L1", at: 90, click: "C1"),
      ], id: "L1", reason: "bot_ua", fires: true),
    Case(
      name: "lead from a Chrome click",
      lines: [Stream.click("C1", at: 0), Stream.lead("L1", at: 90, click: "C1")], id: "L1",
      reason: "bot_ua", fires: false),
    Case(
      name: "click with no user agent", lines: [Stream.click("C1", at: 0, ua: nil)], id: "C1",
      reason: "bot_ua", fires: true),
    Case(
      name: "headless Chrome click",
      lines: [
        Stream.click(
          "C1", at: 0,
          ua:
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.71 Safari/537.36"
        )
      ], id: "C1", reason: "bot_ua", fires: true),
    Case(
      name: "click from Google Cloud", lines: [Stream.click("C1", at: 0, ip: "34.72.10.20")],
      id: "C1", reason: "datacenter_ip", fires: true),
    Case(
      name: "click from a Comcast home", lines: [Stream.click("C1", at: 0, ip: "73.12.40.7")],
      id: "C1", reason: "datacenter_ip", fires: false),
    Case(
      name: "eleventh click from one IP in ten minutes",
      lines: (0..<11).map { Stream.click("C\($0)", at: $0 * 30, ip: "98.200.1.9") }, id: "C10",
      reason: "ip_burst", fires: true),
    Case(
      name: "tenth click from one IP in ten minutes",
      lines: (0..<10).map { Stream.click("C\($0)", at: $0 * 30, ip: "98.200.1.9") }, id: "C9",
      reason: "ip_burst", fires: false),
    Case(
      name: "eleven clicks from one IP spread over two hours",
      lines: (0..<11).map { Stream.click("C\($0)", at: $0 * 700, ip: "98.200.1.9") }, id: "C10",
      reason: "ip_burst", fires: false),
    Case(
      name: "forty-first click from one /24",
      lines: (0..<41).map { Stream.click("C\($0)", at: $0 * 10, ip: "98.200.1.\($0 + 1)") },
      id: "C40", reason: "ip_burst", fires: true),
    Case(
      name: "lead without last name", lines: [Stream.lead("L1", at: 0, fields: ["last_name": nil])],
      id: "L1", reason: "incomplete_form", fires: true),
    Case(
      name: "lead with blank email", lines: [Stream.lead("L1", at: 0, fields: ["email": "  "])],
      id: "L1", reason: "incomplete_form", fires: true),
    Case(
      name: "complete lead", lines: [Stream.lead("L1", at: 0)], id: "L1",
      reason: "incomplete_form", fires: false),
    Case(
      name: "email without domain",
      lines: [Stream.lead("L1", at: 0, fields: ["email": "maria.gonzalez@"])], id: "L1",
      reason: "invalid_email", fires: true),
    Case(
      name: "upper-case email with spaces",
      lines: [Stream.lead("L1", at: 0, fields: ["email": " Maria.Gonzalez@Gmail.COM "])],
      id: "L1", reason: "invalid_email", fires: false),
    Case(
      name: "fictional 555-01xx phone",
      lines: [Stream.lead("L1", at: 0, fields: ["phone": "512-555-0100"])], id: "L1",
      reason: "invalid_phone", fires: true),
    Case(
      name: "phone with +1 and dots",
      lines: [Stream.lead("L1", at: 0, fields: ["phone": "+1 512.442.7310"])], id: "L1",
      reason: "invalid_phone", fires: false),
    Case(
      name: "mailinator address",
      lines: [Stream.lead("L1", at: 0, fields: ["email": "maria@mailinator.com"])], id: "L1",
      reason: "disposable_email", fires: true),
    Case(
      name: "gmail address", lines: [Stream.lead("L1", at: 0)], id: "L1",
      reason: "disposable_email", fires: false),
    Case(
      name: "keyboard-mash name",
      lines: [Stream.lead("L1", at: 0, fields: ["first_name": "asdf"])], id: "L1",
      reason: "fake_name", fires: true),
    Case(
      name: "real short name", lines: [Stream.lead("L1", at: 0, fields: ["last_name": "Ng"])],
      id: "L1", reason: "fake_name", fires: false),
    Case(
      name: "Manhattan ZIP for Austin HVAC",
      lines: [Stream.lead("L1", at: 0, fields: ["zip": "10001"])], id: "L1",
      reason: "out_of_area", fires: true),
    Case(
      name: "Round Rock ZIP for Austin HVAC",
      lines: [Stream.lead("L1", at: 0, fields: ["zip": "78664"])], id: "L1",
      reason: "out_of_area", fires: false),
    Case(
      name: "New York caller for Austin HVAC",
      lines: [Stream.call("K1", at: 0, caller: "(212) 736-4410")], id: "K1",
      reason: "out_of_area", fires: true),
    Case(
      name: "Austin caller", lines: [Stream.call("K1", at: 0)], id: "K1", reason: "out_of_area",
      fires: false),
    Case(
      name: "30 s call", lines: [Stream.call("K1", at: 0, duration: 30)], id: "K1",
      reason: "short_call", fires: true),
    Case(
      name: "4 min call", lines: [Stream.call("K1", at: 0, duration: 240)], id: "K1",
      reason: "short_call", fires: false),
    Case(
      name: "same phone spelled differently",
      lines: [
        Stream.lead("L1", at: 0),
        Stream.lead(
          "L2", at: 3_600, fields: ["phone": "512.442.7310", "email": "other@yahoo.com"]),
      ], id: "L2", reason: "duplicate", fires: true),
    Case(
      name: "call from the phone of an earlier lead",
      lines: [Stream.lead("L1", at: 0), Stream.call("K1", at: 600, caller: "5124427310")],
      id: "K1", reason: "duplicate", fires: true),
    Case(
      name: "same gmail with dots and a tag",
      lines: [
        Stream.lead("L1", at: 0),
        Stream.lead(
          "L2", at: 60, fields: ["phone": "512-442-9911", "email": "MariaGonzalez+ac@gmail.com"]),
      ], id: "L2", reason: "duplicate", fires: true),
    Case(
      name: "different person",
      lines: [
        Stream.lead("L1", at: 0),
        Stream.lead("L2", at: 60, fields: ["phone": "512-442-9911", "email": "j.smith@yahoo.com"]),
      ], id: "L2", reason: "duplicate", fires: false),
    Case(
      name: "same lead in another campaign",
      lines: [
        Stream.lead("L1", at: 0),
        Stream.lead("L2", at: 60, campaign: "auto-insurance-tx", fields: ["state": "TX"]),
      ],
      id: "L2", reason: "duplicate", fires: false),
    Case(
      name: "lead two seconds after its click",
      lines: [Stream.click("C1", at: 0), Stream.lead("L1", at: 2, click: "C1")], id: "L1",
      reason: "fast_submit", fires: true),
    Case(
      name: "lead a minute after its click",
      lines: [Stream.click("C1", at: 0), Stream.lead("L1", at: 60, click: "C1")], id: "L1",
      reason: "fast_submit", fires: false),
    Case(
      name: "campaign not in the file",
      lines: [Stream.lead("L1", at: 0, campaign: "plumbing-nowhere")], id: "L1",
      reason: "unknown_campaign", fires: true),
    Case(
      name: "known campaign", lines: [Stream.lead("L1", at: 0)], id: "L1",
      reason: "unknown_campaign", fires: false),
  ]

  @Test(arguments: cases)
  func reason(_ testCase: Case) throws {
    let verdicts = try Stream.score(testCase.lines)
    let reasons = Stream.reasons(verdicts, testCase.id)
    #expect(reasons.contains(testCase.reason) == testCase.fires, "reasons: \(reasons)")
  }

  @Test func goodLeadIsAcceptedAtTheCampaignPrice() throws {
    let verdicts = try Stream.score([
      Stream.click("C1", at: 0), Stream.lead("L1", at: 75, click: "C1"),
    ])
    let lead = try #require(verdicts.first { $0.id == "L1" })
    #expect(lead.decision == .accepted)
    #expect(lead.price == Harness.campaigns["hvac-austin"]?.pricePerLead)
  }

  @Test func everyDisputeNamesItsRule() throws {
    let verdicts = try Stream.score(ReasonTests.cases.flatMap(\.lines))
    for verdict in verdicts where verdict.decision == .disputed {
      for finding in verdict.findings where finding.reason != .unknownCampaign {
        #expect(
          finding.rule != nil || finding.detail != nil, "\(verdict.id) \(finding.reason.code)")
      }
    }
  }
}
