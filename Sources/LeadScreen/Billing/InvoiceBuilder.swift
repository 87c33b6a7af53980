import Foundation

/// What the invoice needs to know of a campaign.
public struct CampaignTerms: Sendable, Equatable {
  public var advertiser: String
  public var currency: String
  /// Fraction digits of the currency (2 for USD, 0 for JPY).
  public var minorUnits: Int
  public var pricePerLead: Decimal?
  public var pricePerCall: Decimal?
  public var pricePerClick: Decimal?

  public init(
    advertiser: String, currency: String, minorUnits: Int, pricePerLead: Decimal? = nil,
    pricePerCall: Decimal? = nil, pricePerClick: Decimal? = nil
  ) {
    self.advertiser = advertiser
    self.currency = currency
    self.minorUnits = minorUnits
    self.pricePerLead = pricePerLead
    self.pricePerCall = pricePerCall
    self.pricePerClick = pricePerClick
  }

  /// The terms of a campaign of the campaigns file.
  public init(_ campaign: Campaign) {
    self.init(
      advertiser: campaign.advertiser, currency: campaign.currency,
      minorUnits: CampaignBook.minorUnits(of: campaign.currency),
      pricePerLead: campaign.pricePerLead, pricePerCall: campaign.pricePerCall,
      pricePerClick: campaign.pricePerClick)
  }

  /// How a campaign missing from the campaigns file is listed.
  public static let unknown = CampaignTerms(
    advertiser: "(unknown campaign)", currency: "???", minorUnits: 2)
}

/// Turns verdicts into an ``Invoice``: add them one at a time (memory grows with
/// campaigns × sources × reasons, not with verdicts), then `build()`.
public struct InvoiceBuilder {
  public let terms: [String: CampaignTerms]
  public var period: String?
  private var lines: [String: [String: InvoiceFigures]] = [:]
  private var hourly = [Tally](repeating: Tally(), count: 24)
  private var ignoredClicks = 0

  public init(terms: [String: CampaignTerms], period: String? = nil) {
    self.terms = terms
    self.period = period
  }

  /// Uses the campaigns of a campaigns file.
  public init(book: CampaignBook, period: String? = nil) {
    self.init(terms: book.campaigns.mapValues(CampaignTerms.init), period: period)
  }

  /// Counts one verdict in. Clicks count only for a campaign that pays per click.
  public mutating func add(_ verdict: VerdictLine) {
    if verdict.type == .click, terms[verdict.campaign]?.pricePerClick == nil {
      ignoredClicks += 1
      return
    }
    lines[verdict.campaign, default: [:]][verdict.source ?? InvoiceLine.noSource, default: .init()]
      .add(verdict)
    if let hour = verdict.utcHour {
      if verdict.decision == .accepted {
        hourly[hour].accepted += 1
      } else {
        hourly[hour].disputed += 1
      }
    }
  }

  /// The invoice of the verdicts added so far.
  public func build() -> Invoice {
    var campaigns: [CampaignInvoice] = []
    var totals: [String: CurrencyTotal] = [:]
    var warnings: [String] = []
    for id in lines.keys.sorted() {
      let known = terms[id]
      let term = known ?? .unknown
      func line(_ source: String?, _ figures: InvoiceFigures) -> InvoiceLine {
        InvoiceLine(
          campaign: id, source: source, advertiser: term.advertiser, currency: term.currency,
          minorUnits: term.minorUnits, billsClicks: term.pricePerClick != nil, figures: figures,
          amountDue: DecimalText.rounded(figures.exactAmount, scale: term.minorUnits))
      }
      let bySource = lines[id]!
      var all = InvoiceFigures()
      for figures in bySource.values { all.merge(figures) }
      let summary = line(nil, all)
      let expected = known.map { expectedAmount(all, $0) }
      if let expected, expected != all.exactAmount {
        let scale = term.minorUnits
        warnings.append(
          "campaign \(id): accepted verdicts' prices sum to "
            + "\(DecimalText.string(all.exactAmount, minimumScale: scale)) \(term.currency), "
            + "the campaigns file gives \(DecimalText.string(expected, minimumScale: scale)) "
            + "for the same counts (verdicts scored with another campaigns file?)")
      }
      campaigns.append(
        CampaignInvoice(
          summary: summary, sources: bySource.keys.sorted().map { line($0, bySource[$0]!) },
          isKnown: known != nil, expectedAmount: expected))
      var total =
        totals[term.currency]
        ?? CurrencyTotal(
          currency: term.currency, minorUnits: term.minorUnits, billsClicks: false,
          figures: .init(), amountDue: 0)
      total.billsClicks = total.billsClicks || summary.billsClicks
      total.figures.merge(all)
      total.amountDue += summary.amountDue
      totals[term.currency] = total
    }
    return Invoice(
      period: period, campaigns: campaigns, totals: totals.keys.sorted().map { totals[$0]! },
      hourly: hourly, warnings: warnings, ignoredClicks: ignoredClicks)
  }

  /// Accepted counts × prices, each price rounded to the minor unit as `score` writes it.
  private func expectedAmount(_ figures: InvoiceFigures, _ term: CampaignTerms) -> Decimal {
    func unit(_ price: Decimal?) -> Decimal {
      DecimalText.rounded(price ?? 0, scale: term.minorUnits)
    }
    return Decimal(figures.leads.accepted) * unit(term.pricePerLead)
      + Decimal(figures.calls.accepted) * unit(term.pricePerCall)
      + Decimal(figures.clicks.accepted) * unit(term.pricePerClick)
  }
}
