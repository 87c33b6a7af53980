extension Invoice {
  /// The invoice as one JSON document (two-space indented, keys in a fixed order).
  /// Amounts are JSON numbers with exactly the currency's decimals; `clicks` is
  /// null where the campaign does not pay per click; `disputed_by_reason` lists
  /// reasons by count, largest first.
  public func json(bySource: Bool = false) -> String {
    var members: [(String, JSONNode)] = [
      ("period", period.map(JSONNode.string) ?? .null)
    ]
    members.append(
      (
        "campaigns",
        .array(
          campaigns.map { campaign in
            var node = Invoice.node(campaign.summary)
            if case .object(var fields) = node {
              fields.insert(("known", .literal(campaign.isKnown ? "true" : "false")), at: 3)
              if bySource { fields.append(("sources", .array(campaign.sources.map(Invoice.node)))) }
              node = .object(fields)
            }
            return node
          })
      ))
    members.append(
      (
        "totals",
        .array(
          totals.map { total in
            .object(
              [("currency", .string(total.currency))]
                + Invoice.figureMembers(total.figures, billsClicks: total.billsClicks)
                + [("amount_due", .literal(total.amountText))]
                + Invoice.rateMembers(total.figures))
          })
      ))
    members.append(("ignored_clicks", .literal(String(ignoredClicks))))
    members.append(("warnings", .array(warnings.map(JSONNode.string))))
    var out: [UInt8] = []
    JSONNode.object(members).write(to: &out, indent: 0)
    out.append(10)
    return String(decoding: out, as: UTF8.self)
  }

  private static func node(_ line: InvoiceLine) -> JSONNode {
    var fields: [(String, JSONNode)] = [("campaign", .string(line.campaign))]
    if let source = line.source { fields.append(("source", .string(source))) }
    fields += [("advertiser", .string(line.advertiser)), ("currency", .string(line.currency))]
    fields += figureMembers(line.figures, billsClicks: line.billsClicks)
    fields.append(("amount_due", .literal(line.amountText)))
    return .object(fields + rateMembers(line.figures))
  }

  private static func figureMembers(_ figures: InvoiceFigures, billsClicks: Bool) -> [(
    String, JSONNode
  )] {
    func tally(_ value: Tally) -> JSONNode {
      .object([
        ("accepted", .literal(String(value.accepted))),
        ("disputed", .literal(String(value.disputed))),
      ])
    }
    return [
      ("leads", tally(figures.leads)), ("calls", tally(figures.calls)),
      ("clicks", billsClicks ? tally(figures.clicks) : .null),
    ]
  }

  private static func rateMembers(_ figures: InvoiceFigures) -> [(String, JSONNode)] {
    [
      ("dispute_rate", .literal(figures.rateFraction)),
      (
        "disputed_by_reason",
        .object(figures.reasons.map { ($0.code, JSONNode.literal(String($0.count))) })
      ),
    ]
  }
}

/// A JSON value to write, members in the order given.
enum JSONNode {
  case string(String)
  /// A number, `true`, `false`: written as is.
  case literal(String)
  case null
  case array([JSONNode])
  case object([(String, JSONNode)])

  func write(to out: inout [UInt8], indent: Int) {
    let inner = [UInt8](repeating: 32, count: indent + 2)
    switch self {
    case .string(let text): JSONText.appendString(text, to: &out)
    case .literal(let text): out.append(contentsOf: text.utf8)
    case .null: out.append(contentsOf: "null".utf8)
    case .array(let items):
      guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
      out.append(contentsOf: "[\n".utf8)
      for (index, item) in items.enumerated() {
        out.append(contentsOf: inner)
        item.write(to: &out, indent: indent + 2)
        out.append(contentsOf: (index + 1 < items.count ? ",\n" : "\n").utf8)
      }
      out.append(contentsOf: [UInt8](repeating: 32, count: indent) + Array("]".utf8))
    case .object(let members):
      guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
      out.append(contentsOf: "{\n".utf8)
      for (index, (key, value)) in members.enumerated() {
        out.append(contentsOf: inner)
        JSONText.appendString(key, to: &out)
        out.append(contentsOf: ": ".utf8)
        value.write(to: &out, indent: indent + 2)
        out.append(contentsOf: (index + 1 < members.count ? ",\n" : "\n").utf8)
      }
      out.append(contentsOf: [UInt8](repeating: 32, count: indent) + Array("}".utf8))
    }
  }
}
