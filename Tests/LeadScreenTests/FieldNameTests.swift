import Testing

@testable import LeadScreen

@Suite struct FieldNameTests {
  @Test(arguments: FieldName.allCases)
  func keyReadsBackAsTheSameField(_ field: FieldName) {
    var key = field.key
    let read = key.withUTF8 { FieldName(bytes: UnsafeRawBufferPointer($0)) }
    #expect(read == field)
    #expect(FieldName(field.key) == field)
  }

  @Test func contractSpellings() {
    #expect(FieldName.clickID.key == "click_id")
    #expect(FieldName.firstName.key == "first_name")
    #expect(FieldName.lastName.key == "last_name")
    #expect(FieldName.trackingNumber.key == "tracking_number")
    #expect(FieldName.clickTS.key == "click_ts")
    #expect(FieldName.clickReasons.key == "click_reasons")
    #expect(FieldName.fraudKind.key == "fraud_kind")
    #expect(Set(FieldName.allCases.map(\.key)).count == FieldName.allCases.count)
  }

  @Test(arguments: [
    "", "i", "Type", "TYPE", "iq", "tz", "uu", "urn", "zap", "typo", "emall", "phono",
    "sourcE", "keywords", "caller_", "cunsent", "campaigN", "click_it", "click_tz",
    "clickid", "last_namE", "first_nam", "fraud_kinx", "firstxname", "click_reason",
    "click_reasonz", "tracking_numbers", "tracking_numbeR", "clickID", "duratio",
  ])
  func unknownNames(_ name: String) {
    #expect(FieldName(name) == nil)
  }
}
