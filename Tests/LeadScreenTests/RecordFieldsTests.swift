import Testing

@testable import LeadScreen

/// A record's fields by contract name (required fields, user rules).
@Suite struct RecordFieldsTests {
  private static func record() -> Record {
    var record = Record(
      type: .lead, id: "L7", time: Timestamp(milliseconds: 1_763_640_000_250), campaign: "c1")
    record.source = "pub01"
    record.ip = IPAddress("203.0.113.7")
    record.firstName = "Ana"
    record.lastName = "  "
    record.email = "ana@example.com"
    record.zip = "78704"
    record.state = "\r\n"
    record.duration = 95
    record.label = 1
    record.extra = [("click_ts", "2026-11-20T12:00:00Z"), ("utm_term", "ac repair")]
    return record
  }

  @Test func knownNamesUnknownNamesAndReadOnlyFields() {
    let record = Self.record()
    #expect(record.value(ofField: "type") == "lead")
    #expect(record.value(ofField: "ts") == "2025-11-20T12:00:00.250Z")
    #expect(record.value(ofField: "ip") == "203.0.113.7")
    #expect(record.value(ofField: "duration") == "95")
    #expect(record.value(ofField: "label") == "1")
    #expect(record.value(ofField: "first_name") == "Ana")
    #expect(record.value(ofField: "click_ts") == "2026-11-20T12:00:00Z")
    #expect(record.value(ofField: "utm_term") == "ac repair")
    #expect(record.value(ofField: "phone") == nil)
    #expect(record.value(ofField: "First_Name") == nil)
    for field in FieldName.allCases {
      #expect(record.value(ofField: field.key) == record.value(of: field), "\(field)")
    }
  }

  @Test func blankMeansAbsentOrWhiteSpaceCharacters() {
    let record = Self.record()
    #expect(record.isBlank(field: "phone"))
    #expect(record.isBlank(field: "last_name"))
    #expect(!record.isBlank(field: "first_name"))
    #expect(!record.isBlank(.email))
    #expect(record.isBlank(field: "nothing_here"))
    // "\r\n" is one character, neither "\r" nor "\n": not blank (as it always was).
    #expect(!record.isBlank(field: "state"))
  }
}
