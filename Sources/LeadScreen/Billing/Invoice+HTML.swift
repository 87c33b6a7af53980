extension Invoice {
  /// A self-contained HTML report (inline CSS and SVG, no external assets): the
  /// campaign table with totals, disputed counts by reason, a chart of dispute
  /// reasons per source, and a chart of hourly volume.
  public func html(bySource: Bool = false) -> String {
    let e = Invoice.htmlEscaped
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>\(e(title))</title>
      <style>
      body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
      table { border-collapse: collapse; margin: 1em 0; }
      th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
      tr.source td:first-child { padding-left: 2em; color: #555; }
      tr.total td { font-weight: bold; border-top: 2px solid #888; }
      .warning { background: #fff4e5; border-left: 4px solid #e8a33d; padding: 6px 10px; }
      svg text { font: 12px system-ui, sans-serif; fill: #333; }
      </style>
      </head>
      <body>
      <h1>\(e(title))</h1>

      """
    for note in notes { out += "<p class=\"warning\">\(e(note))</p>\n" }
    out += "<table>\n<tr><th>Campaign</th><th>Advertiser</th><th>Currency</th>"
    for header in Invoice.countHeaders + ["Amount due", "Disputed"] {
      out += "<th class=\"n\">\(e(header))</th>"
    }
    out += "</tr>\n"
    func row(_ cssClass: String, _ texts: [String], _ numbers: [String]) {
      out += cssClass.isEmpty ? "<tr>" : "<tr class=\"\(cssClass)\">"
      for text in texts { out += "<td>\(e(text))</td>" }
      for number in numbers { out += "<td class=\"n\">\(e(number))</td>" }
      out += "</tr>\n"
    }
    for line in printedLines(bySource: bySource) {
      row(
        line.source == nil ? "" : "source",
        [line.source ?? line.campaign, line.source == nil ? line.advertiser : "", line.currency],
        line.figures.countCells(billsClicks: line.billsClicks) + [
          line.amountText, line.figures.rateText,
        ])
    }
    for total in totals {
      row(
        "total", ["Total", "", total.currency],
        total.figures.countCells(billsClicks: total.billsClicks) + [
          total.amountText, total.figures.rateText,
        ])
    }
    out += "</table>\n"
    let reasonLines = printedLines(bySource: bySource).filter {
      !$0.figures.reasonCounts.isEmpty
    }
    if !reasonLines.isEmpty {
      out += "<h2>Disputed by reason</h2>\n<table>\n"
      out += "<tr><th>Campaign</th><th>Reason</th><th class=\"n\">Count</th></tr>\n"
      for line in reasonLines {
        for reason in line.figures.reasons {
          row(
            line.source == nil ? "" : "source", [line.label, reason.code], [String(reason.count)])
        }
      }
      out += "</table>\n"
    }
    out += "<h2>Dispute reasons per source</h2>\n" + reasonsBySourceChart()
    out += "<h2>Hourly volume (UTC)</h2>\n" + hourlyChart()
    out += "</body>\n</html>\n"
    return out
  }

  /// Escapes text for HTML content and attribute values.
  static func htmlEscaped(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }
}
