import Testing

@testable import LeadScreen

/// A raw record built from (name, value, kind) triples, as a reader would.
private func raw(_ fields: [(String, String, RawValueKind)], line: Int = 1) -> RawRecord {
  var record = RawRecord()
  for (name, value, kind) in fields { record.append(name: name, value: value, kind: kind) }
  record.line = line
  return record
}

/// The same fields as CSV gives them: every value a string, empty values absent.
private func csv(_ fields: [(String, String, RawValueKind)]) -> RawRecord {
  raw(
    fields.compactMap { name, value, kind in
      kind == .null || value.isEmpty ? nil : (name, kind == .array ? "" : value, .string)
    })
}

extension NormalizerTests {
  /// A named reject case: fields in, the reason out.
  struct RejectCase: CustomTestStringConvertible, Sendable {
    var name: String
    var fields: [(String, String, RawValueKind)]
    var reason: String
    var testDescription: String { name }
  }
}

private let base: [(String, String, RawValueKind)] = [
  ("type", "lead", .string), ("id", "L1", .string), ("ts", "2026-11-21T14:03:07Z", .string),
  ("campaign", "hvac-austin", .string),
]

private func replacing(_ name: String, with value: String?, _ kind: RawValueKind = .string)
  -> [(String, String, RawValueKind)]
{
  var fields = base.filter { $0.0 != name }
  if let value { fields.append((name, value, kind)) }
  return fields
}

@Suite struct NormalizerTests {
  let normalizer = Normalizer()

  private func record(_ raw: RawRecord) throws -> Record {
    try normalizer.normalize(raw).get()
  }

  @Test func fullLead() throws {
    let lead = try record(
      raw(
        [
          ("type", "lead", .string), ("id", "L00000017", .string),
          ("ts", "2026-11-21T08:03:07-06:00", .string), ("campaign", "hvac-austin", .string),
          ("source", "pub07", .string), ("click_id", "C42", .string),
          ("ip", "203.0.113.7", .string), ("ua", "Mozilla/5.0", .string),
          ("first_name", " Jane ", .string), ("last_name", "Doe", .string),
          ("email", "Jane.Doe@Example.com", .string), ("phone", "(512) 867-5309", .string),
          ("zip", "78701-1234", .string), ("state", "TX", .string),
          ("address", "1 Main St", .string), ("consent", "true", .bool),
          ("label", "1", .number), ("fraud_kind", "bot", .string),
        ], line: 17))
    #expect(lead.type == .lead)
    #expect(lead.id == "L00000017")
    #expect(lead.time.rfc3339 == "2026-11-21T14:03:07Z")
    #expect(lead.campaign == "hvac-austin")
    #expect(lead.source == "pub07")
    #expect(lead.clickID == "C42")
    #expect(lead.ip == IPAddress("203.0.113.7"))
    #expect(lead.ua == "Mozilla/5.0")
    #expect(lead.firstName == "Jane")
    #expect(lead.lastName == "Doe")
    #expect(lead.email == "Jane.Doe@Example.com")
    #expect(lead.normalizedEmail == "jane.doe@example.com")
    #expect(lead.phone == "(512) 867-5309")
    #expect(lead.phoneNumber == PhoneNumber(national: 5_128_675_309))
    #expect(lead.zip == "78701-1234")
    #expect(lead.zip5 == "78701")
    #expect(lead.state == "TX")
    #expect(lead.address == "1 Main St")
    #expect(lead.consent == "true")
    #expect(lead.label == 1)
    #expect(lead.fraudKind == "bot")
    #expect(lead.line == 17)
    #expect(lead.extra.isEmpty)
  }

  @Test func fullCall() throws {
    let call = try record(
      raw([
        ("type", "call", .string), ("id", "K9", .string), ("ts", "1795269787", .number),
        ("campaign", "hvac-austin", .string), ("caller", "+1 737 201 0042", .string),
        ("duration", "187.5", .number), ("tracking_number", "+18005550234", .string),
        ("phone", "512-867-5309", .string),
      ]))
    #expect(call.type == .call)
    #expect(call.time.rfc3339 == "2026-11-21T14:03:07Z")
    #expect(call.caller == "+1 737 201 0042")
    #expect(call.duration == 187.5)
    #expect(call.trackingNumber == "+18005550234")
    // A call's number is its caller, not a phone field.
    #expect(call.phoneNumber == PhoneNumber(national: 7_372_010_042))
  }

  @Test func fullClick() throws {
    let click = try record(
      raw([
        ("type", "click", .string), ("id", "C42", .string), ("ts", "1795269787.25", .number),
        ("campaign", "hvac-austin", .string), ("ip", "2001:DB8::1", .string),
        ("ua", "", .string), ("keyword", "ac repair", .string),
        ("url", "https://x.example/?utm_source=g", .string),
        ("referrer", "https://www.google.com/", .string),
      ]))
    #expect(click.type == .click)
    #expect(click.time.milliseconds == 1_795_269_787_250)
    #expect(click.ip == .v6(UInt128(0x2001_0db8) << 96 | 1))
    #expect(click.ua == "")
    #expect(click.keyword == "ac repair")
    #expect(click.url == "https://x.example/?utm_source=g")
    #expect(click.referrer == "https://www.google.com/")
  }

  @Test func clickWithoutIPAndUAIsKept() throws {
    let click = try record(raw(replacing("type", with: "click")))
    #expect(click.ip == nil)
    #expect(click.ua == nil)
  }

  static let rejectCases: [RejectCase] = [
    RejectCase(
      name: "missing type", fields: replacing("type", with: nil), reason: "missing field type"),
    RejectCase(
      name: "unknown type", fields: replacing("type", with: "visit"),
      reason: "unknown type \"visit\""),
    RejectCase(
      name: "type as number", fields: replacing("type", with: "3", .number),
      reason: "unknown type \"3\""),
    RejectCase(name: "missing id", fields: replacing("id", with: nil), reason: "missing field id"),
    RejectCase(
      name: "null id", fields: replacing("id", with: "", .null), reason: "missing field id"),
    RejectCase(name: "empty id", fields: replacing("id", with: "  "), reason: "empty field id"),
    RejectCase(
      name: "id as boolean", fields: replacing("id", with: "true", .bool),
      reason: "field id: expected a string, got a boolean true"),
    RejectCase(name: "missing ts", fields: replacing("ts", with: nil), reason: "missing field ts"),
    RejectCase(
      name: "unparseable ts", fields: replacing("ts", with: "yesterday"),
      reason: "unparseable time \"yesterday\""),
    RejectCase(
      name: "impossible date", fields: replacing("ts", with: "2026-02-30T00:00:00Z"),
      reason: "unparseable time \"2026-02-30T00:00:00Z\""),
    RejectCase(
      name: "negative epoch", fields: replacing("ts", with: "-5", .number),
      reason: "unparseable time \"-5\""),
    RejectCase(
      name: "ts as object", fields: replacing("ts", with: "{\"s\":1}", .object),
      reason: "field ts: expected a time, got an object {\"s\":1}"),
    RejectCase(
      name: "missing campaign", fields: replacing("campaign", with: nil),
      reason: "missing field campaign"),
    RejectCase(
      name: "empty campaign", fields: replacing("campaign", with: ""),
      reason: "empty field campaign"),
    RejectCase(
      name: "invalid IP", fields: base + [("ip", "256.1.1.1", .string)],
      reason: "invalid IP address \"256.1.1.1\""),
    RejectCase(
      name: "IP with zone", fields: base + [("ip", "fe80::1%eth0", .string)],
      reason: "invalid IP address \"fe80::1%eth0\""),
    RejectCase(
      name: "call without duration", fields: replacing("type", with: "call"),
      reason: "missing field duration"),
    RejectCase(
      name: "duration text", fields: base + [("duration", "abc", .string)],
      reason: "field duration: expected a number, got a string \"abc\""),
    RejectCase(
      name: "negative duration", fields: base + [("duration", "-5", .number)],
      reason: "field duration: expected a number >= 0, got a number -5"),
    RejectCase(
      name: "duration nan", fields: base + [("duration", "nan", .string)],
      reason: "field duration: expected a number, got a string \"nan\""),
    RejectCase(
      name: "duration boolean", fields: base + [("duration", "true", .bool)],
      reason: "field duration: expected a number, got a boolean true"),
    RejectCase(
      name: "email array", fields: base + [("email", "[\"a\"]", .array)],
      reason: "field email: expected a string, got an array [\"a\"]"),
    RejectCase(
      name: "phone boolean", fields: base + [("phone", "false", .bool)],
      reason: "field phone: expected a string, got a boolean false"),
    RejectCase(
      name: "consent object", fields: base + [("consent", "{}", .object)],
      reason: "field consent: expected a string, got an object {}"),
    RejectCase(
      name: "label 2", fields: base + [("label", "2", .number)],
      reason: "field label: expected 0 or 1, got a number 2"),
    RejectCase(
      name: "label word", fields: base + [("label", "fraud", .string)],
      reason: "field label: expected 0 or 1, got a string \"fraud\""),
    RejectCase(
      name: "click_ts unparseable", fields: base + [("click_ts", "soon", .string)],
      reason: "field click_ts: unparseable time \"soon\""),
    RejectCase(
      name: "click_reasons numbers", fields: base + [("click_reasons", "[1,2]", .array)],
      reason: "field click_reasons: expected an array of strings, got an array [1,2]"),
    RejectCase(
      name: "click_reasons object", fields: base + [("click_reasons", "{}", .object)],
      reason: "field click_reasons: expected an array of strings, got an object {}"),
    RejectCase(
      name: "quotes escaped in reason", fields: replacing("type", with: "a\"b\n"),
      reason: "unknown type \"a\\\"b\""),
  ]

  @Test(arguments: rejectCases)
  func rejects(_ example: RejectCase) {
    switch normalizer.normalize(raw(example.fields)) {
    case .success(let record): Issue.record("accepted \(record.id)")
    case .failure(let error): #expect(error.reason == example.reason)
    }
  }

  @Test func longValuesAreCutInReasons() throws {
    let long = String(repeating: "x", count: 500)
    let result = normalizer.normalize(raw(replacing("ts", with: long)))
    guard case .failure(let error) = result else {
      Issue.record("accepted")
      return
    }
    #expect(error.reason.hasPrefix("unparseable time \"xxx"))
    #expect(error.reason.count < 100)
  }

  @Test func unknownFieldsGoToExtraInOrder() throws {
    let lead = try record(
      raw(
        base + [
          ("gclid", " abc ", .string), ("email", "a@b.co", .string), ("score", "7", .number),
          ("nothing", "", .null), ("tags", "[\"x\"]", .array),
        ]))
    #expect(lead.extra.map(\.name) == ["gclid", "score", "tags"])
    #expect(lead.extra.map(\.value) == ["abc", "7", "[\"x\"]"])
  }

  @Test func nullOptionalFieldsAreAbsent() throws {
    let lead = try record(
      raw(base + [("email", "", .null), ("ip", "", .null), ("label", "", .null)]))
    #expect(lead.email == nil)
    #expect(lead.ip == nil)
    #expect(lead.label == nil)
  }

  @Test func emptyValuesStayPresentButEmpty() throws {
    let lead = try record(
      raw(base + [("first_name", "   ", .string), ("ua", "", .string), ("ip", " ", .string)]))
    #expect(lead.firstName == "")
    #expect(lead.ua == "")
    #expect(lead.ip == nil)
  }

  @Test func invalidFormValuesAreKeptWithoutNormalizedForms() throws {
    let lead = try record(
      raw(
        base + [
          ("email", "not-an-email", .string), ("phone", "867-5309", .string),
          ("zip", "ABCDE", .string),
        ]))
    #expect(lead.email == "not-an-email")
    #expect(lead.normalizedEmail == nil)
    #expect(lead.phone == "867-5309")
    #expect(lead.phoneNumber == nil)
    #expect(lead.zip == "ABCDE")
    #expect(lead.zip5 == nil)
  }

  @Test func numbersForTextFieldsKeepTheirLiteral() throws {
    let lead = try record(
      raw(
        replacing("id", with: "123", .number) + [
          ("zip", "2134", .number), ("phone", "5128675309", .number),
        ]))
    #expect(lead.id == "123")
    #expect(lead.zip == "2134")
    #expect(lead.zip5 == "02134")
    #expect(lead.phoneNumber == PhoneNumber(national: 5_128_675_309))
  }

  @Test(arguments: [
    ("1", RawValueKind.number, 1), ("0", .number, 0), ("1", .string, 1), ("0", .string, 0),
    ("true", .bool, 1), ("false", .bool, 0), ("1.0", .number, 1),
  ])
  func labels(value: String, kind: RawValueKind, expected: Int) throws {
    #expect(try record(raw(base + [("label", value, kind)])).label == expected)
  }

  @Test func clickReasonsFromArrayOrBars() throws {
    let fromArray = try record(
      raw(base + [("click_reasons", #"[ "bot_ua" , "ip_\u005fburst", "rule:caf\u00e9" ]"#, .array)])
    )
    #expect(fromArray.clickReasons == ["bot_ua", "ip__burst", "rule:café"])
    let fromBars = try record(raw(base + [("click_reasons", "bot_ua| ip_burst||", .string)]))
    #expect(fromBars.clickReasons == ["bot_ua", "ip_burst"])
    let surrogates = try record(
      raw(base + [("click_reasons", #"["rule:smile\ud83d\ude00", "a\"b\\c"]"#, .array)]))
    #expect(surrogates.clickReasons == ["rule:smile😀", "a\"b\\c"])
    let unterminated = normalizer.normalize(
      raw(base + [("click_reasons", #"["bot_ua"#, .array)]))
    #expect(throws: NormalizeError.self) { try unterminated.get() }
    let empty = try record(raw(base + [("click_reasons", "[]", .array)]))
    #expect(empty.clickReasons == [])
  }

  /// The same record typed (NDJSON) and all strings (CSV) normalizes the same.
  @Test func csvStringsGiveTheSameRecordAsTypedJSON() throws {
    let typed: [(String, String, RawValueKind)] = [
      ("type", "lead", .string), ("id", "77", .number), ("ts", "1795269787", .number),
      ("campaign", "hvac-austin", .string), ("source", "", .null),
      ("ip", "198.51.100.4", .string), ("first_name", "Ann", .string),
      ("email", "ANN@example.com", .string), ("phone", "5128675309", .number),
      ("zip", "2134", .number), ("consent", "true", .bool), ("label", "0", .number),
      ("click_ts", "1795269780.5", .number), ("duration", "12", .number),
      ("click_reasons", "", .null), ("utm_campaign", "spring", .string),
    ]
    var csvRecord = csv(typed)
    csvRecord.line = 1
    let fromJSON = try record(raw(typed))
    let fromCSV = try record(csvRecord)
    #expect(String(describing: fromCSV) == String(describing: fromJSON))
    #expect(String(describing: fromCSV).contains("ann@example.com"))
    #expect(fromCSV.id == "77")
    #expect(fromCSV.consent == "true")
    #expect(fromCSV.label == 0)
    #expect(fromCSV.duration == 12)
    #expect(fromCSV.extra.map(\.name) == ["utm_campaign"])
    #expect(fromCSV.zip5 == "02134")
    #expect(fromCSV.clickTime?.milliseconds == 1_795_269_780_500)

    let bars = try record(raw(base + [("click_reasons", "bot_ua|ip_burst", .string)]))
    let array = try record(raw(base + [("click_reasons", #"["bot_ua","ip_burst"]"#, .array)]))
    #expect(bars.clickReasons == array.clickReasons)
  }
}
