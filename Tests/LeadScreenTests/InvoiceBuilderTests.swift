import Foundation
import Testing

@testable import LeadScreen

@Suite struct InvoiceBuilderTests {
  /// Prices in cents that do not add up exactly in binary floating point.
  static let awkwardCents: [Int64] = [10, 20, 30, 1, 7, 1999, 333, 7500, 4010]

  @Test(arguments: [1, 2, 3])
  func totalsAreTheExactSumOfAcceptedPrices(seed: UInt64) throws {
    var generator = SplitMix(seed: seed)
    var builder = InvoiceBuilder(terms: InvoiceFixtures.terms)
    var cents: [String: Int64] = [:]
    for index in 0..<5_000 {
      let campaign = ["hvac-austin", "solar-pdx"][Int(generator.next() % 2)]
      let accepted = generator.next() % 4 != 0
      let price = accepted ? Self.awkwardCents[Int(generator.next() % 9)] : 0
      let text = "\(price / 100).\(price % 100 < 10 ? "0" : "")\(price % 100)"
      let verdict = try InvoiceFixtures.verdict(
        id: "L\(index)", campaign: campaign, accepted: accepted, priceText: text,
        reasons: accepted ? [] : ["duplicate"])
      builder.add(verdict)
      cents[campaign, default: 0] += price
    }
    let invoice = builder.build()
    for campaign in invoice.campaigns {
      let expected = Decimal(
        sign: .plus, exponent: -2, significand: Decimal(cents[campaign.summary.campaign]!))
      #expect(campaign.summary.figures.exactAmount == expected)
      #expect(campaign.summary.amountDue == expected)
    }
    let total = try #require(invoice.totals.first { $0.currency == "USD" })
    #expect(
      total.amountDue
        == Decimal(sign: .plus, exponent: -2, significand: Decimal(cents.values.reduce(0, +))))
  }

  @Test(arguments: [
    ("USD", 2, "0.125", 1, "0.12"), ("USD", 2, "0.125", 3, "0.38"), ("USD", 2, "0.135", 1, "0.14"),
    ("USD", 2, "0.005", 5, "0.02"), ("JPY", 0, "0.5", 5, "2"), ("JPY", 0, "0.5", 7, "4"),
    ("JPY", 0, "2.5", 1, "2"), ("JPY", 0, "3.5", 1, "4"),
  ])
  func roundsOnceAtTheEndHalfEven(
    currency: String, minorUnits: Int, price: String, count: Int, due: String
  ) throws {
    let terms = ["c": CampaignTerms(advertiser: "A", currency: currency, minorUnits: minorUnits)]
    var builder = InvoiceBuilder(terms: terms)
    for index in 0..<count {
      builder.add(
        try InvoiceFixtures.verdict(
          id: "L\(index)", campaign: "c", accepted: true, priceText: price))
    }
    let line = try #require(builder.build().campaigns.first?.summary)
    #expect(line.amountText == due)
    #expect(line.amountDue == Decimal(string: due))
    #expect(builder.build().totals.first?.amountText == due)
  }

  @Test func reasonCountsEqualTheVerdicts() throws {
    let verdicts = try InvoiceFixtures.fixtureVerdicts()
    var builder = InvoiceBuilder(terms: InvoiceFixtures.terms)
    for verdict in verdicts { builder.add(verdict) }
    let invoice = builder.build()
    for campaign in invoice.campaigns {
      var expected: [String: Int] = [:]
      for verdict in verdicts
      where verdict.campaign == campaign.summary.campaign && verdict.decision == .disputed
        && (verdict.type != .click || campaign.summary.billsClicks)
      {
        for code in verdict.reasons { expected[code, default: 0] += 1 }
      }
      #expect(campaign.summary.figures.reasonCounts == expected)
      let counts = campaign.summary.figures.reasons.map(\.count)
      #expect(counts == counts.sorted(by: >))
    }
    let hvac = try #require(invoice.campaigns.first { $0.summary.campaign == "hvac-austin" })
    #expect(hvac.summary.figures.reasons.first == ReasonCount(code: "bot_ua", count: 1))
  }

  @Test func sourcesSumToTheirCampaign() throws {
    var builder = InvoiceBuilder(terms: InvoiceFixtures.terms)
    for verdict in try InvoiceFixtures.fixtureVerdicts() { builder.add(verdict) }
    for campaign in builder.build().campaigns {
      var merged = InvoiceFigures()
      var due = Decimal(0)
      for line in campaign.sources {
        merged.merge(line.figures)
        due += line.amountDue
        #expect(line.source != nil)
      }
      #expect(merged == campaign.summary.figures)
      #expect(due == campaign.summary.amountDue)
    }
  }

  @Test func listsUnknownCampaignsAndWarnsOnOtherPrices() throws {
    var builder = InvoiceBuilder(terms: InvoiceFixtures.terms, period: "2026-11-21")
    for verdict in try InvoiceFixtures.fixtureVerdicts() { builder.add(verdict) }
    let invoice = builder.build()
    #expect(
      invoice.campaigns.map(\.summary.campaign) == [
        "ghost", "hvac-austin", "roof-tokyo", "solar-pdx",
      ])
    let ghost = invoice.campaigns[0]
    #expect(!ghost.isKnown)
    #expect(ghost.summary.advertiser == "(unknown campaign)")
    #expect(invoice.warnings.count == 1)
    #expect(invoice.warnings.first?.contains("solar-pdx") == true)
    #expect(invoice.warnings.first?.contains("60.00 USD") == true)
    #expect(invoice.warnings.first?.contains("70.00") == true)
    #expect(invoice.campaigns[1].expectedAmount == invoice.campaigns[1].summary.figures.exactAmount)
  }

  @Test func countsClicksOnlyWhereTheCampaignPaysPerClick() throws {
    var builder = InvoiceBuilder(terms: InvoiceFixtures.terms)
    for verdict in try InvoiceFixtures.fixtureVerdicts() { builder.add(verdict) }
    let invoice = builder.build()
    let hvac = invoice.campaigns[1].summary
    #expect(hvac.billsClicks)
    #expect(hvac.figures.clicks == Tally(accepted: 1, disputed: 1))
    #expect(hvac.amountText == "191.10")
    #expect(!invoice.campaigns[2].summary.billsClicks)
    #expect(invoice.campaigns[2].summary.figures.clicks == Tally())
    #expect(invoice.ignoredClicks == 1)
  }

  @Test func totalsAreKeptPerCurrency() throws {
    var builder = InvoiceBuilder(terms: InvoiceFixtures.terms)
    for verdict in try InvoiceFixtures.fixtureVerdicts() { builder.add(verdict) }
    let totals = builder.build().totals
    #expect(totals.map(\.currency) == ["???", "JPY", "USD"])
    #expect(totals.map(\.amountText) == ["0.00", "2300", "251.10"])
    #expect(totals[2].figures.leads == Tally(accepted: 4, disputed: 2))
  }

  @Test func hourlyVolumeCountsEveryCountedVerdict() throws {
    var builder = InvoiceBuilder(terms: InvoiceFixtures.terms)
    for verdict in try InvoiceFixtures.fixtureVerdicts() { builder.add(verdict) }
    let invoice = builder.build()
    #expect(invoice.hourly.map(\.total).reduce(0, +) == 15)
    #expect(invoice.hourly[15] == Tally(accepted: 1, disputed: 0))  // 09:10 -06:00
    #expect(invoice.hourly[14] == Tally(accepted: 2, disputed: 2))
  }
}

/// The campaigns and verdicts the invoice tests share.
enum InvoiceFixtures {
  static let terms: [String: CampaignTerms] = [
    "hvac-austin": CampaignTerms(
      advertiser: "Cool Air Co", currency: "USD", minorUnits: 2, pricePerLead: 75,
      pricePerCall: 40, pricePerClick: Decimal(string: "1.10")),
    "roof-tokyo": CampaignTerms(
      advertiser: "Yane Kōgyō K.K.", currency: "JPY", minorUnits: 0, pricePerLead: 1500,
      pricePerCall: 800),
    "solar-pdx": CampaignTerms(
      advertiser: "Sun | Sons", currency: "USD", minorUnits: 2, pricePerLead: 35),
  ]

  static func verdict(
    id: String, campaign: String, accepted: Bool, priceText: String, reasons: [String] = []
  ) throws -> VerdictLine {
    VerdictLine(
      id: id, type: .lead, campaign: campaign, ts: "2026-11-21T10:00:00Z",
      decision: accepted ? .accepted : .disputed, reasons: reasons,
      price: try #require(DecimalText.parse(Array(priceText.utf8))))
  }

  /// The verdicts of `Fixtures/invoice/verdicts.ndjson`.
  static func fixtureVerdicts() throws -> [VerdictLine] {
    try readVerdicts(String(contentsOf: fixture("verdicts.ndjson"), encoding: .utf8)).map {
      try #require($0.verdict)
    }
  }
}
