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

  /// Every name with any one byte changed names no field, or another one: the comparison
  /// looks at every position (it compares words, the last overlapping the one before).
  @Test(arguments: FieldName.allCases)
  func oneByteOffIsNotTheField(_ field: FieldName) {
    let key = Array(field.key.utf8)
    for position in key.indices {
      for replacement in [UInt8(ascii: "x"), key[position] ^ 0x20, key[position] &+ 1] {
        var changed = key
        changed[position] = replacement
        let read = changed.withUnsafeBytes { FieldName(bytes: $0) }
        #expect(read != field, "\(String(decoding: changed, as: UTF8.self))")
        // The reference: a plain search of the names.
        #expect(read == FieldName.allCases.first { $0.key.utf8.elementsEqual(changed) })
      }
    }
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
