import Foundation

/// What an invoice says, per campaign (and per source), with totals per currency.
/// Built by ``InvoiceBuilder``; written by the `Invoice+Format` renderers.
public struct Invoice: Sendable, Equatable {
  /// The label of the billed period (`--period`), if any.
  public var period: String?
  /// One entry per campaign id seen in the verdicts, sorted by id.
  public var campaigns: [CampaignInvoice]
  /// One entry per currency, sorted by currency code.
  public var totals: [CurrencyTotal]
  /// Verdicts per hour of the day (UTC, index 0–23), from their `ts`.
  public var hourly: [Tally]
  /// Cross-check problems: verdict prices that differ from the campaigns file.
  public var warnings: [String]
  /// Click verdicts of campaigns that do not pay per click: not billed, not listed.
  public var ignoredClicks: Int
}

/// Accepted and disputed counts.
public struct Tally: Sendable, Equatable {
  public var accepted = 0
  public var disputed = 0

  public init(accepted: Int = 0, disputed: Int = 0) {
    self.accepted = accepted
    self.disputed = disputed
  }

  public var total: Int { accepted + disputed }

  public static func + (lhs: Tally, rhs: Tally) -> Tally {
    Tally(accepted: lhs.accepted + rhs.accepted, disputed: lhs.disputed + rhs.disputed)
  }
}

/// A reason code and how many disputed verdicts carry it.
public struct ReasonCount: Sendable, Equatable {
  public var code: String
  public var count: Int

  public init(code: String, count: Int) {
    self.code = code
    self.count = count
  }
}

/// The counts and money of one invoice line.
public struct InvoiceFigures: Sendable, Equatable {
  public var leads = Tally()
  public var calls = Tally()
  public var clicks = Tally()
  /// The sum of the accepted verdicts' prices, exact (not rounded).
  public var exactAmount = Decimal(0)
  /// Disputed verdicts per reason code (a verdict with two reasons counts in both).
  public var reasonCounts: [String: Int] = [:]

  public init() {}

  /// All billable units: leads, calls and (counted) clicks.
  public var all: Tally { leads + calls + clicks }

  /// Disputed ÷ all, 0 when there is nothing.
  public var disputeRate: Double {
    all.total == 0 ? 0 : Double(all.disputed) / Double(all.total)
  }

  /// The reasons by count, largest first, then by code.
  public var reasons: [ReasonCount] {
    reasonCounts.map { ReasonCount(code: $0.key, count: $0.value) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
  }

  /// Counts one verdict in.
  public mutating func add(_ verdict: VerdictLine) {
    let accepted = verdict.decision == .accepted
    func count(_ tally: inout Tally) {
      if accepted {
        tally.accepted += 1
      } else {
        tally.disputed += 1
      }
    }
    switch verdict.type {
    case .lead: count(&leads)
    case .call: count(&calls)
    case .click: count(&clicks)
    }
    if accepted {
      exactAmount += verdict.price
    } else {
      for code in verdict.reasons { reasonCounts[code, default: 0] += 1 }
    }
  }

  /// Adds another line's figures.
  public mutating func merge(_ other: InvoiceFigures) {
    leads = leads + other.leads
    calls = calls + other.calls
    clicks = clicks + other.clicks
    exactAmount += other.exactAmount
    reasonCounts.merge(other.reasonCounts, uniquingKeysWith: +)
  }
}

/// One line of the invoice: a campaign, or one source of a campaign.
public struct InvoiceLine: Sendable, Equatable {
  public var campaign: String
  /// The source, on a per-source line; nil on the campaign line. A verdict
  /// without a source is listed under ``InvoiceLine/noSource``.
  public var source: String?
  public var advertiser: String
  public var currency: String
  /// The currency's minor unit: the fraction digits amounts are rounded to.
  public var minorUnits: Int
  /// Whether the campaign pays per click (so clicks are counted and shown).
  public var billsClicks: Bool
  public var figures: InvoiceFigures
  /// The amount due: `figures.exactAmount` rounded once, half-even, to `minorUnits`.
  public var amountDue: Decimal

  /// How a verdict without a source is listed.
  public static let noSource = "(no source)"
}

/// A campaign's line, its per-source lines, and how it compares with the campaigns file.
public struct CampaignInvoice: Sendable, Equatable {
  public var summary: InvoiceLine
  /// Per source, sorted by source (`(no source)` where it sorts).
  public var sources: [InvoiceLine]
  /// Whether the campaign is in the campaigns file.
  public var isKnown: Bool
  /// Accepted counts × the campaign's prices (each rounded to the minor unit, as
  /// `score` writes them); nil for an unknown campaign.
  public var expectedAmount: Decimal?
}

/// The totals of one currency.
public struct CurrencyTotal: Sendable, Equatable {
  public var currency: String
  public var minorUnits: Int
  /// Whether some campaign in this currency pays per click.
  public var billsClicks: Bool
  public var figures: InvoiceFigures
  /// The sum of the campaigns' rounded amounts due (so the lines add up to it).
  public var amountDue: Decimal
}
