import Foundation
import Testing

@testable import LeadScreen

/// One broken campaigns file and where its error must point.
struct BrokenConfig: CustomTestStringConvertible, Sendable {
  var name: String
  var yaml: String
  var line: Int
  var column: Int
  var message: String

  var testDescription: String { name }
}

@Suite struct CampaignsTests {
  /// The package root, from this file's place in Tests/LeadScreenTests.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

  @Test func exampleFileHasFourCampaigns() throws {
    let path = Self.root.appendingPathComponent("examples/campaigns.yaml").path
    let book = try CampaignBook.load(path: path)
    #expect(book.file == path)
    #expect(
      Set(book.campaigns.keys) == [
        "hvac-austin", "auto-insurance-tx", "legal-injury-ca", "roofing-denver",
      ])

    let hvac = try #require(book["hvac-austin"])
    #expect(hvac.advertiser == "Cool Air Co")
    #expect(hvac.currency == "USD")
    #expect(hvac.pricePerLead == Self.decimal("75.00"))
    #expect(hvac.pricePerCall == Self.decimal("40"))
    #expect(hvac.pricePerClick == Self.decimal("1.10"))
    #expect(hvac.serviceArea?.states == ["TX"])
    #expect(hvac.serviceArea?.areaCodes == [512, 737])
    #expect(hvac.serviceArea?.radius == ServiceArea.Radius(centerZip: "78701", miles: 45))
    #expect(hvac.requiredFields == ["first_name", "last_name", "email", "phone", "zip"])
    #expect(hvac.timeZone == "America/Chicago")
    #expect(hvac.line == 4)

    let auto = try #require(book["auto-insurance-tx"])
    #expect(auto.serviceArea == ServiceArea(states: ["TX"]))
    #expect(auto.pricePerLead == Self.decimal("32.5"))
    #expect(auto.pricePerClick == nil)
    #expect(auto.duplicateWindowDays == 45)

    let legal = try #require(book["legal-injury-ca"])
    #expect(legal.pricePerCall == Self.decimal("350"))
    #expect(legal.minCallSeconds == 120)
    #expect(legal.serviceArea?.states == ["CA"])
    #expect(legal.modelThreshold == 0.35)
    #expect(legal.requiredFields.contains("consent"))

    let roofing = try #require(book["roofing-denver"])
    #expect(roofing.serviceArea?.zipPrefixes == ["800", "801", "802"])
    #expect(roofing.serviceArea?.radius == ServiceArea.Radius(centerZip: "80202", miles: 30))
    #expect(roofing.serviceArea?.states.isEmpty == true)
    #expect(book["no-such-campaign"] == nil)
  }

  @Test func pricesAreExactDecimals() throws {
    let yaml = """
      campaigns:
        cents:
          price_per_lead: 0.10
          price_per_call: 0.20
          price_per_click: "0.30"
      """
    let cents = try #require(CampaignBook.parse(yaml: yaml, file: "c.yaml")["cents"])
    let lead = try #require(cents.pricePerLead)
    let call = try #require(cents.pricePerCall)
    #expect(lead + call == Self.decimal("0.30"))
    #expect(lead + call == cents.pricePerClick)
    // The same sum in binary floating point is not 0.30: the reason prices are Decimal.
    #expect(0.10 + 0.20 != 0.30 as Double)
    var total = Decimal()
    for _ in 0..<1000 { total += lead }
    #expect(total == Self.decimal("100"))
  }

  @Test func missingKeysTakeDefaults() throws {
    let book = try CampaignBook.parse(yaml: "campaigns:\n  bare: {}\n", file: "c.yaml")
    let bare = try #require(book["bare"])
    #expect(bare.advertiser == "bare")
    #expect(bare.currency == "USD")
    #expect(bare.pricePerLead == nil && bare.pricePerCall == nil && bare.pricePerClick == nil)
    #expect(bare.serviceArea == nil)
    #expect(bare.requiredFields == Campaign.defaultRequiredFields)
    #expect(bare.minCallSeconds == 0)
    #expect(bare.duplicateWindowDays == 30)
    #expect(bare.modelThreshold == nil)
    #expect(bare.line == 2)
  }

  @Test func zeroDecimalCurrency() throws {
    let yaml = "campaigns:\n  tokyo:\n    currency: jpy\n    price_per_lead: 1500\n"
    let tokyo = try #require(CampaignBook.parse(yaml: yaml, file: "c.yaml")["tokyo"])
    #expect(tokyo.currency == "JPY")
    #expect(tokyo.pricePerLead == Self.decimal("1500"))
    #expect(CampaignBook.minorUnits(of: "JPY") == 0)
    #expect(CampaignBook.minorUnits(of: "KWD") == 3)
    #expect(CampaignBook.minorUnits(of: "EUR") == 2)
  }

  @Test func leadingZerosOfZipsAreKept() throws {
    let yaml = "campaigns:\n  boston:\n    service_area: {zips: [\"021\", 02134]}\n"
    let area = try #require(CampaignBook.parse(yaml: yaml, file: "c.yaml")["boston"]?.serviceArea)
    #expect(area.zipPrefixes == ["021", "02134"])
  }

  @Test func mergeKeysShareSettings() throws {
    let yaml = """
      campaigns:
        hvac-austin: &texas
          price_per_lead: 75.00
          service_area: {states: [TX]}
          min_call_seconds: 90
        hvac-dallas:
          <<: *texas
          price_per_lead: 70.00
      """
    let book = try CampaignBook.parse(yaml: yaml, file: "c.yaml")
    let dallas = try #require(book["hvac-dallas"])
    #expect(dallas.pricePerLead == Self.decimal("70"))
    #expect(dallas.serviceArea == ServiceArea(states: ["TX"]))
    #expect(dallas.minCallSeconds == 90)
    #expect(dallas.line == 6)
  }

  @Test func errorInMergedSettingsPointsAtTheirDefinition() {
    let yaml = "campaigns:\n  a: &base\n    price_per_lead: 1.005\n  b:\n    <<: *base\n"
    #expect {
      try CampaignBook.parse(yaml: yaml, file: "c.yaml")
    } throws: { error in
      (error as? ConfigError).map { $0.line == 3 && $0.column == 21 } ?? false
    }
  }

  @Test func fileThatIsNotUTF8() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("leadscreen-\(UInt64.random(in: 0...UInt64.max)).yaml")
    var bytes = Array("campaigns:\n  a:\n    advertiser: Caf".utf8)
    bytes.append(0xE9)  // Latin-1 é
    bytes += Array("\n".utf8)
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect {
      try CampaignBook.load(path: url.path)
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      return error.line == 3 && error.column == 20 && error.message.contains("not UTF-8")
    }
  }

  static let broken: [BrokenConfig] = [
    .init(
      name: "unknown key",
      yaml: "campaigns:\n  hvac-austin:\n    advertiser: A\n    price_per_leed: 75.00\n",
      line: 4, column: 5,
      message:
        "unknown key `price_per_leed` in campaign hvac-austin (expected one of: advertiser, currency, "
    ),
    .init(
      name: "price is a word",
      yaml: "campaigns:\n  a:\n    price_per_lead: cheap\n",
      line: 3, column: 21,
      message: "price_per_lead must be a decimal number like 75.00 in campaign a (found `cheap`)"),
    .init(
      name: "price in exponent form",
      yaml: "campaigns:\n  a:\n    price_per_lead: 7.5e1\n",
      line: 3, column: 21,
      message: "price_per_lead must be a decimal number like 75.00"),
    .init(
      name: "negative price",
      yaml: "campaigns:\n  a:\n    price_per_call: -5.00\n",
      line: 3, column: 21,
      message: "price_per_call must not be negative"),
    .init(
      name: "sub-cent price",
      yaml: "campaigns:\n  a:\n    price_per_lead: 75.001\n",
      line: 3, column: 21,
      message: "price_per_lead 75.001 has more decimal places than USD allows (2)"),
    .init(
      name: "yen with a fraction",
      yaml: "campaigns:\n  a:\n    currency: JPY\n    price_per_lead: 1500.5\n",
      line: 4, column: 21,
      message: "than JPY allows (0)"),
    .init(
      name: "bad currency",
      yaml: "campaigns:\n  a:\n    currency: dollars\n",
      line: 3, column: 15,
      message: "currency must be a three-letter ISO 4217 code like USD"),
    .init(
      name: "bad state",
      yaml: "campaigns:\n  a:\n    service_area:\n      states: [TX, XX]\n",
      line: 4, column: 20,
      message: "unknown state `XX`"),
    .init(
      name: "ZIP with a letter",
      yaml: "campaigns:\n  a:\n    service_area:\n      zips: [\"787\", \"78a\"]\n",
      line: 4, column: 21,
      message: "a ZIP prefix must be 1 to 5 digits"),
    .init(
      name: "ZIP too long",
      yaml: "campaigns:\n  a:\n    service_area:\n      zips: [787011]\n",
      line: 4, column: 14,
      message: "(found `787011`)"),
    .init(
      name: "bad area code",
      yaml: "campaigns:\n  a:\n    service_area:\n      area_codes: [512, 123]\n",
      line: 4, column: 25,
      message: "an area code must be three digits from 200 to 999"),
    .init(
      name: "radius without center",
      yaml: "campaigns:\n  a:\n    service_area:\n      radius: {miles: 10}\n",
      line: 4, column: 15,
      message: "radius in campaign a needs center_zip"),
    .init(
      name: "radius of zero miles",
      yaml:
        "campaigns:\n  a:\n    service_area:\n      radius: {center_zip: \"78701\", miles: 0}\n",
      line: 4, column: 44,
      message: "miles must be greater than 0"),
    .init(
      name: "radius unknown key",
      yaml: "campaigns:\n  a:\n    service_area:\n      radius: {center: \"78701\", miles: 5}\n",
      line: 4, column: 16,
      message: "unknown key `center` in radius in campaign a (expected one of: center_zip, miles)"),
    .init(
      name: "empty service area",
      yaml: "campaigns:\n  a:\n    service_area: {}\n",
      line: 3, column: 19,
      message: "names no place"),
    .init(
      name: "bad required field",
      yaml: "campaigns:\n  a:\n    required_fields: [first_name, First Name]\n",
      line: 3, column: 35,
      message: "snake_case field name"),
    .init(
      name: "duplicate campaign id",
      yaml: "campaigns:\n  a:\n    advertiser: A\n  a:\n    advertiser: B\n",
      line: 4, column: 3,
      message: "duplicate campaign id `a` (first at line 2)"),
    .init(
      name: "duplicate key in a campaign",
      yaml: "campaigns:\n  a:\n    price_per_lead: 1\n    price_per_lead: 2\n",
      line: 4, column: 5,
      message: "duplicate key `price_per_lead` (first at line 3)"),
    .init(
      name: "empty file",
      yaml: "",
      line: 1, column: 1,
      message: "the campaigns file is empty"),
    .init(
      name: "only comments",
      yaml: "# nothing here\n",
      line: 1, column: 1,
      message: "the campaigns file is empty"),
    .init(
      name: "no campaigns key",
      yaml: "{}\n",
      line: 1, column: 1,
      message: "missing `campaigns:`"),
    .init(
      name: "misspelt campaigns key",
      yaml: "campaign:\n  a: {}\n",
      line: 1, column: 1,
      message: "unknown key `campaign` at the top level (expected one of: campaigns)"),
    .init(
      name: "nothing under campaigns",
      yaml: "# header\ncampaigns:\n",
      line: 2, column: 1,
      message: "`campaigns:` is empty"),
    .init(
      name: "campaign is not a mapping",
      yaml: "campaigns:\n  a: 75\n",
      line: 2, column: 6,
      message: "campaign a must be a mapping"),
    .init(
      name: "model threshold over 1",
      yaml: "campaigns:\n  a:\n    model_threshold: 1.5\n",
      line: 3, column: 22,
      message: "model_threshold must be at least 0 and at most 1"),
    .init(
      name: "window in words",
      yaml: "campaigns:\n  a:\n    duplicate_window_days: thirty\n",
      line: 3, column: 28,
      message: "duplicate_window_days must be a whole number"),
    .init(
      name: "negative call seconds",
      yaml: "campaigns:\n  a:\n    min_call_seconds: -1\n",
      line: 3, column: 23,
      message: "min_call_seconds must be at least 0"),
    .init(
      name: "tab indentation",
      yaml: "campaigns:\n\ta: {}\n",
      line: 2, column: 1,
      message: "YAML syntax error"),
    .init(
      name: "unclosed list",
      yaml: "campaigns:\n  a:\n    required_fields: [zip\n",
      line: 4, column: 1,
      message: "YAML syntax error"),
  ]

  @Test(arguments: broken) func errorIsLocated(_ broken: BrokenConfig) {
    #expect {
      try CampaignBook.parse(yaml: broken.yaml, file: "campaigns.yaml")
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      #expect(error.file == "campaigns.yaml")
      #expect(error.line == broken.line, "\(error)")
      #expect(error.column == broken.column, "\(error)")
      #expect(error.message.contains(broken.message), "\(error)")
      #expect(error.description.hasPrefix("campaigns.yaml:\(broken.line):\(broken.column): "))
      return true
    }
  }

  @Test func missingFileIsAnError() {
    #expect {
      try CampaignBook.load(path: "/nonexistent/campaigns.yaml")
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      return error.file == "/nonexistent/campaigns.yaml" && error.line == nil
        && error.description.hasPrefix("/nonexistent/campaigns.yaml: cannot read")
    }
  }
}
