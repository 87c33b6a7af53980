extension Invoice {
  /// A Markdown report: a table of campaigns (and sources) with totals, a table of
  /// disputed counts by reason, and warnings as a list.
  public func markdown(bySource: Bool = false) -> String {
    /// A table row of plain cells; `bold` ones are emphasized after escaping.
    func row(_ cells: [String], bold: Set<Int> = []) -> String {
      let escaped = cells.enumerated().map { index, cell in
        let text = Invoice.markdownEscaped(cell)
        return bold.contains(index) && !text.isEmpty ? "**\(text)**" : text
      }
      return "| " + escaped.joined(separator: " | ") + " |\n"
    }
    var out = "# \(Invoice.markdownEscaped(title))\n\n"
    out += row(
      ["Campaign", "Source", "Advertiser", "Currency"] + Invoice.countHeaders + [
        "Amount due", "Disputed",
      ])
    out +=
      "|" + String(repeating: " --- |", count: 4) + String(repeating: " ---: |", count: 8)
      + "\n"
    for line in printedLines(bySource: bySource) {
      out += row(
        [line.campaign, line.source ?? "", line.advertiser, line.currency]
          + line.figures.countCells(billsClicks: line.billsClicks)
          + [line.amountText, line.figures.rateText])
    }
    for total in totals {
      out += row(
        ["Total", "", "", total.currency] + total.figures.countCells(billsClicks: total.billsClicks)
          + [total.amountText, total.figures.rateText], bold: [0, 10])
    }
    let lines = printedLines(bySource: bySource).filter { !$0.figures.reasonCounts.isEmpty }
    if !lines.isEmpty {
      out += "\n## Disputed by reason\n\n"
      out += row(["Campaign", "Source", "Reason", "Count"])
      out += "| --- | --- | --- | ---: |\n"
      for line in lines {
        for reason in line.figures.reasons {
          out += row([line.campaign, line.source ?? "", reason.code, String(reason.count)])
        }
      }
    }
    if !notes.isEmpty {
      out += "\n" + notes.map { "- \(Invoice.markdownEscaped($0))\n" }.joined()
    }
    return out
  }

  /// Escapes what would break a table cell or start markup.
  static func markdownEscaped(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "|", "\\", "*", "_", "`", "[", "]", "<", ">": out += "\\\(character)"
      case "\n", "\r": out += " "
      default: out.append(character)
      }
    }
    return out
  }
}
