import Foundation

/// How an invoice is written.
public enum InvoiceFormat: String, Sendable, CaseIterable {
  case text
  case csv
  case json
  case md
  case html
}

extension Invoice {
  /// The invoice as text in `format`; `bySource` adds each campaign's per-source lines.
  public func rendered(as format: InvoiceFormat, bySource: Bool = false) -> String {
    switch format {
    case .text: textTable(bySource: bySource)
    case .csv: csv(bySource: bySource)
    case .json: json(bySource: bySource)
    case .md: markdown(bySource: bySource)
    case .html: html(bySource: bySource)
    }
  }

  /// The lines in print order: each campaign, then (with `bySource`) its sources.
  func printedLines(bySource: Bool) -> [InvoiceLine] {
    campaigns.flatMap { campaign in
      bySource ? [campaign.summary] + campaign.sources : [campaign.summary]
    }
  }

  /// The title: `Invoice` or `Invoice: PERIOD`.
  var title: String {
    period.map { "Invoice: \($0)" } ?? "Invoice"
  }

  /// Notes under the figures: warnings, and clicks left out.
  var notes: [String] {
    var notes = warnings.map { "warning: \($0)" }
    if ignoredClicks > 0 {
      notes.append(
        "note: \(ignoredClicks) click verdict(s) of campaigns that do not pay per click "
          + "are not billed and not counted")
    }
    return notes
  }

  /// Headers of the count columns, in the order of ``InvoiceLine/countCells``.
  static let countHeaders = [
    "Leads accepted", "Leads disputed", "Calls accepted", "Calls disputed", "Clicks accepted",
    "Clicks disputed",
  ]
}

extension InvoiceFigures {
  /// Counts as cells; clicks are `-` when they are not billed.
  func countCells(billsClicks: Bool) -> [String] {
    var cells = [leads.accepted, leads.disputed, calls.accepted, calls.disputed].map(String.init)
    cells += billsClicks ? [String(clicks.accepted), String(clicks.disputed)] : ["-", "-"]
    return cells
  }

  /// The dispute rate as a percentage with one decimal, rounded half up: `12.5%`.
  var rateText: String {
    let total = all.total
    guard total > 0 else { return "-" }
    let permille = (all.disputed * 2_000 + total) / (2 * total)
    return "\(permille / 10).\(permille % 10)%"
  }

  /// The dispute rate as a fraction with up to four decimals: `0.125`.
  var rateFraction: String {
    JSONText.probability(disputeRate)
  }

  /// `bot_ua 3, duplicate 1`.
  var reasonsText: String {
    reasons.map { "\($0.code) \($0.count)" }.joined(separator: ", ")
  }
}

extension InvoiceLine {
  /// The first column: the campaign id, or the source indented under it.
  var label: String {
    source.map { "  \($0)" } ?? campaign
  }

  /// The amount due with exactly `minorUnits` decimals.
  var amountText: String {
    JSONText.money(amountDue, scale: minorUnits)
  }
}

extension CurrencyTotal {
  var amountText: String {
    JSONText.money(amountDue, scale: minorUnits)
  }
}

extension DecimalText {
  /// `amount` in plain digits with at least `minimumScale` decimals (never rounded).
  public static func string(_ amount: Decimal, minimumScale: Int) -> String {
    var text = "\(amount)"
    guard minimumScale > 0 else { return text }
    let fraction = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
    if fraction == nil { text += "." }
    text += String(repeating: "0", count: max(0, minimumScale - (fraction ?? 0)))
    return text
  }
}
