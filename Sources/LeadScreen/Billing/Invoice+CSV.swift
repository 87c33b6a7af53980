extension Invoice {
  /// The CSV columns, in order. `level` is `campaign`, `source` or `total`.
  public static let csvColumns = [
    "level", "period", "campaign", "source", "advertiser", "currency", "leads_accepted",
    "leads_disputed", "calls_accepted", "calls_disputed", "clicks_accepted", "clicks_disputed",
    "amount_due", "dispute_rate", "disputed_by_reason",
  ]

  /// One row per campaign (then its sources, with `bySource`), then one per currency
  /// total. Clicks are empty where the campaign does not pay per click;
  /// `disputed_by_reason` is `code=count` pairs separated by `|`.
  public func csv(bySource: Bool = false) -> String {
    var out: [UInt8] = []
    func row(_ cells: [String]) {
      for (index, cell) in cells.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONText.appendCSVCell(cell, to: &out)
      }
      out.append(10)
    }
    func counts(_ figures: InvoiceFigures, billsClicks: Bool) -> [String] {
      figures.countCells(billsClicks: billsClicks).map { $0 == "-" ? "" : $0 }
    }
    func reasons(_ figures: InvoiceFigures) -> String {
      figures.reasons.map { "\($0.code)=\($0.count)" }.joined(separator: "|")
    }
    row(Invoice.csvColumns)
    for line in printedLines(bySource: bySource) {
      row(
        [
          line.source == nil ? "campaign" : "source", period ?? "", line.campaign,
          line.source ?? "", line.advertiser, line.currency,
        ] + counts(line.figures, billsClicks: line.billsClicks)
          + [line.amountText, line.figures.rateFraction, reasons(line.figures)])
    }
    for total in totals {
      row(
        ["total", period ?? "", "", "", "", total.currency]
          + counts(total.figures, billsClicks: total.billsClicks)
          + [total.amountText, total.figures.rateFraction, reasons(total.figures)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
