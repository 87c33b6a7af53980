extension Invoice {
  /// Disputed counts per reason code for each source, over all campaigns.
  public var reasonsBySource: [String: [String: Int]] {
    var result: [String: [String: Int]] = [:]
    for campaign in campaigns {
      for line in campaign.sources {
        result[line.source ?? InvoiceLine.noSource, default: [:]].merge(
          line.figures.reasonCounts, uniquingKeysWith: +)
      }
    }
    return result
  }

  /// Fill colours for reasons, by rank; reasons past the palette share the last colour.
  static let palette = [
    "#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#1f77b4",
    "#7f7f7f", "#2ca02c", "#aec7e8", "#999999",
  ]

  /// Horizontal bars, one per source (most disputed first), split by reason.
  func reasonsBySourceChart() -> String {
    let data = reasonsBySource
    var overall: [String: Int] = [:]
    for counts in data.values { overall.merge(counts, uniquingKeysWith: +) }
    let reasons = overall.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map(\.key)
    guard !reasons.isEmpty else { return "<p>No disputed verdicts.</p>\n" }
    var sources: [(String, Int)] = []
    for (source, counts) in data {
      let total = counts.values.reduce(0, +)
      if total > 0 { sources.append((source, total)) }
    }
    sources.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    let labelWidth = 160
    let barWidth = 480
    let rowHeight = 22
    let legendTop = sources.count * rowHeight + 10
    let height = legendTop + ((reasons.count + 3) / 4) * 18 + 10
    let maximum = sources.first?.1 ?? 1
    let e = Invoice.htmlEscaped
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 60)\" "
      + "height=\"\(height)\" role=\"img\" aria-label=\"Dispute reasons per source\">\n"
    for (row, (source, total)) in sources.enumerated() {
      let y = row * rowHeight
      let label = source.count > 22 ? String(source.prefix(21)) + "…" : source
      svg += "<text x=\"0\" y=\"\(y + 15)\">\(e(label))</text>\n"
      var x = labelWidth
      var running = 0
      for (rank, reason) in reasons.enumerated() {
        guard let count = data[source]?[reason], count > 0 else { continue }
        running += count
        let end = labelWidth + running * barWidth / maximum
        svg +=
          "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(end - x)\" height=\"16\" "
          + "fill=\"\(color(rank))\"><title>\(e(source)): \(e(reason)) \(count)</title></rect>\n"
        x = end
      }
      svg += "<text x=\"\(x + 6)\" y=\"\(y + 15)\">\(total)</text>\n"
    }
    for (rank, reason) in reasons.enumerated() {
      let x = (rank % 4) * 170
      let y = legendTop + (rank / 4) * 18
      svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(color(rank))\"/>"
      svg += "<text x=\"\(x + 16)\" y=\"\(y + 11)\">\(e(reason)) \(overall[reason]!)</text>\n"
    }
    return svg + "</svg>\n"
  }

  /// Vertical bars per hour of the day: accepted below, disputed on top.
  func hourlyChart() -> String {
    let maximum = hourly.map(\.total).max() ?? 0
    guard maximum > 0 else { return "<p>No verdict times.</p>\n" }
    let plotHeight = 160
    let barWidth = 22
    let left = 40
    let e = Invoice.htmlEscaped
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + 24 * barWidth + 10)\" "
      + "height=\"\(plotHeight + 60)\" role=\"img\" aria-label=\"Hourly volume\">\n"
    svg +=
      "<text x=\"0\" y=\"12\">\(maximum)</text><text x=\"0\" y=\"\(plotHeight + 10)\">0</text>\n"
    for (hour, tally) in hourly.enumerated() {
      let x = left + hour * barWidth
      let acceptedHeight = tally.accepted * plotHeight / maximum
      let totalHeight = tally.total * plotHeight / maximum
      let label = "\(hour < 10 ? "0" : "")\(hour):00"
      if acceptedHeight > 0 {
        svg +=
          "<rect x=\"\(x)\" y=\"\(plotHeight + 10 - acceptedHeight)\" width=\"\(barWidth - 4)\" "
          + "height=\"\(acceptedHeight)\" fill=\"#2ca02c\"><title>\(label) accepted "
          + "\(tally.accepted)</title></rect>\n"
      }
      if totalHeight > acceptedHeight {
        svg +=
          "<rect x=\"\(x)\" y=\"\(plotHeight + 10 - totalHeight)\" width=\"\(barWidth - 4)\" "
          + "height=\"\(totalHeight - acceptedHeight)\" fill=\"#d62728\"><title>\(label) "
          + "disputed \(tally.disputed)</title></rect>\n"
      }
      if hour % 3 == 0 {
        svg += "<text x=\"\(x)\" y=\"\(plotHeight + 26)\">\(e(String(label.prefix(2))))</text>\n"
      }
    }
    let legendY = plotHeight + 40
    svg += "<rect x=\"\(left)\" y=\"\(legendY)\" width=\"12\" height=\"12\" fill=\"#2ca02c\"/>"
    svg += "<text x=\"\(left + 16)\" y=\"\(legendY + 11)\">accepted</text>"
    svg +=
      "<rect x=\"\(left + 100)\" y=\"\(legendY)\" width=\"12\" height=\"12\" fill=\"#d62728\"/>"
    svg += "<text x=\"\(left + 116)\" y=\"\(legendY + 11)\">disputed</text>\n"
    return svg + "</svg>\n"
  }

  private func color(_ rank: Int) -> String {
    Invoice.palette[min(rank, Invoice.palette.count - 1)]
  }
}
