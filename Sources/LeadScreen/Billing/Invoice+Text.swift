extension Invoice {
  /// An aligned text table for a terminal: the campaigns (and sources), totals per
  /// currency, then the disputed counts by reason, then warnings.
  public func textTable(bySource: Bool = false) -> String {
    var rows: [[String]] = [
      [
        "CAMPAIGN", "ADVERTISER", "CUR", "LEADS", "DISP", "CALLS", "DISP", "CLICKS", "DISP", "DUE",
        "DISPUTED",
      ]
    ]
    for line in printedLines(bySource: bySource) {
      rows.append(
        [line.label, line.source == nil ? line.advertiser : "", line.currency]
          + line.figures.countCells(billsClicks: line.billsClicks)
          + [line.amountText, line.figures.rateText])
    }
    let bodyCount = rows.count
    for total in totals {
      rows.append(
        ["TOTAL", "", total.currency] + total.figures.countCells(billsClicks: total.billsClicks)
          + [total.amountText, total.figures.rateText])
    }
    var out = title + "\n\n"
    out += TextTable.render(rows, rightAligned: Set(3...10), ruleAfter: [0, bodyCount - 1])
    let reasonRows = printedLines(bySource: bySource).compactMap { line -> [String]? in
      line.figures.reasonCounts.isEmpty ? nil : [line.label, line.figures.reasonsText]
    }
    if !reasonRows.isEmpty {
      out += "\nDisputed by reason\n\n"
      out += TextTable.render(
        [["CAMPAIGN", "REASONS"]] + reasonRows, rightAligned: [], ruleAfter: [0])
    }
    if !notes.isEmpty {
      out += "\n" + notes.joined(separator: "\n") + "\n"
    }
    return out
  }
}

/// Columns padded to their widest cell, two spaces apart.
enum TextTable {
  /// `ruleAfter` lists the rows a dashed line follows.
  static func render(_ rows: [[String]], rightAligned: Set<Int>, ruleAfter: Set<Int>) -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    var out = ""
    for (rowIndex, row) in rows.enumerated() {
      var cells: [String] = []
      for (index, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        cells.append(rightAligned.contains(index) ? padding + cell : cell + padding)
      }
      out += trimmedRight(cells.joined(separator: "  ")) + "\n"
      if ruleAfter.contains(rowIndex) {
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
      }
    }
    return out
  }

  private static func trimmedRight(_ text: String) -> String {
    var text = Substring(text)
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
