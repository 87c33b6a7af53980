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

  /// The raw values are the cases' places in order, as the name look-up assumes.
  @Test func rawValuesAreTheCasesInOrder() {
    #expect(FieldName.allCases.count == Int(FieldName.count))
    for (index, field) in FieldName.allCases.enumerated() {
      #expect(Int(field.rawValue) == index)
      #expect(unsafeBitCast(UInt8(index), to: FieldName.self) == field)
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

  /// Random names, and every prefix, suffix and extension of the real ones, read the same
  /// as a plain search of the names; the bytes after a name never change what it reads as.
  @Test func agreesWithASearchOfTheNames() {
    // Seeded, so a failure names the same names on every run.
    var generator = SplitMix(seed: 2616)
    let alphabet = Array("abcdeiklmnoprstuyz_AT\"\u{0}".utf8) + [0xC3, 0xFF]
    var names: [[UInt8]] = []
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...18, using: &generator)
      names.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }
    for field in FieldName.allCases {
      let key = Array(field.key.utf8)
      for cut in 0..<key.count {
        names.append(Array(key[..<cut]))
        names.append(Array(key[cut...]))
      }
      names.append(key + key)
      names.append(key + [UInt8(ascii: "s")])
      names.append([UInt8(ascii: "_")] + key)
    }
    for name in names {
      let expected = FieldName.allCases.first { $0.key.utf8.elementsEqual(name) }
      // The name at the end of a buffer, then followed by the bytes of a real name.
      let alone = name.withUnsafeBytes { FieldName(bytes: $0) }
      let followed = (name + Array("campaign".utf8)).withUnsafeBytes {
        FieldName(bytes: UnsafeRawBufferPointer(rebasing: $0[..<name.count]))
      }
      #expect(alone == expected, "\(name)")
      #expect(followed == expected, "\(name)")
    }
  }
}
