import Foundation

/// How verdicts are written.
public enum VerdictFormat: String, Sendable, CaseIterable {
  case ndjson
  case csv
}

/// Writes verdicts as NDJSON (the contract's shape) or CSV, on an ``OutputSink``.
public struct VerdictWriter {
  public let format: VerdictFormat
  /// Adds, per reason, the rule that fired and what it matched; and the model's contributions.
  public let explain: Bool
  private let sink: OutputSink
  private var wroteHeader = false
  /// Prices as written: a campaign has a few, and formatting a `Decimal` is slow.
  private let prices = PriceTexts()

  /// The CSV columns, in order.
  public static let csvColumns = [
    "id", "type", "campaign", "source", "ts", "decision", "score", "reasons", "price", "flags",
  ]

  public init(sink: OutputSink, format: VerdictFormat, explain: Bool) {
    self.sink = sink
    self.format = format
    self.explain = explain
  }

  public mutating func write(_ verdict: Verdict) throws(OutputError) {
    switch format {
    case .ndjson: appendJSON(verdict, to: &sink.buffer)
    case .csv:
      if !wroteHeader {
        var columns = VerdictWriter.csvColumns
        if explain { columns.append("explain") }
        sink.write(columns.joined(separator: ",") + "\n")
        wroteHeader = true
      }
      appendCSV(verdict, to: &sink.buffer)
    }
    try sink.flushIfNeeded()
  }

  /// The first error of ``write(remembering:)``: verdicts after it are not written.
  public private(set) var failure: OutputError?

  /// Writes `verdict` unless an earlier one failed, and keeps the first error in
  /// ``failure``: for a callback that cannot throw (a caller checks ``failure`` after it;
  /// an error it kept in a variable of its own was checked for exclusive access at
  /// run time, for every record).
  public mutating func write(remembering verdict: Verdict) {
    guard failure == nil else { return }
    do throws(OutputError) { try write(verdict) } catch { failure = error }
  }

  /// Writes what is buffered.
  public func flush() throws(OutputError) {
    try sink.flush()
  }

  private func appendJSON(_ v: Verdict, to out: inout [UInt8]) {
    /// `,"name":` (from a literal: no `String` is built).
    func key(_ name: StaticString) {
      out.append(UInt8(ascii: ","))
      out.append(UInt8(ascii: "\""))
      name.withUTF8Buffer { out.append(contentsOf: $0) }
      out.append(UInt8(ascii: "\""))
      out.append(UInt8(ascii: ":"))
    }
    out.append(contentsOf: "{\"id\":".utf8)
    JSONText.appendString(v.id, to: &out)
    key("type")
    JSONText.appendString(v.type.name, to: &out)
    key("campaign")
    JSONText.appendString(v.campaign, to: &out)
    if let source = v.source {
      key("source")
      JSONText.appendString(source, to: &out)
    }
    key("ts")
    // Digits and `-:.TZ`: nothing to escape.
    out.append(UInt8(ascii: "\""))
    v.time.appendRFC3339(to: &out)
    out.append(UInt8(ascii: "\""))
    key("decision")
    JSONText.appendString(v.decision.rawValue, to: &out)
    key("score")
    JSONText.appendProbability(v.score, to: &out)
    key("reasons")
    appendCodes(v.findings, to: &out)
    key("price")
    out.append(
      contentsOf: prices.text(v.price, currency: v.currency).utf8)
    if !v.flags.isEmpty {
      key("flags")
      appendCodes(v.flags, to: &out)
    }
    if explain {
      key("explain")
      appendExplanation(v.findings + v.flags, to: &out)
      if !v.contributions.isEmpty { appendModel(v, to: &out) }
    }
    out.append(contentsOf: "}\n".utf8)
  }

  /// The model's part of `--explain`: the largest contributions, the rest summed
  /// as one, the intercept and the logit, in millionths, so that the printed
  /// numbers add up exactly to the printed logit.
  private func appendModel(_ v: Verdict, to out: inout [UInt8]) {
    func key(_ name: String) {
      out.append(contentsOf: ",\"\(name)\":".utf8)
    }
    let shown = v.contributions.prefix(Self.contributionsShown)
    let logit = JSONText.millionths(v.logit)
    let intercept = JSONText.millionths(v.intercept)
    var rest = logit - intercept
    key("contributions")
    out.append(UInt8(ascii: "{"))
    for (index, item) in shown.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendString(item.feature, to: &out)
      out.append(UInt8(ascii: ":"))
      let value = JSONText.millionths(item.value)
      rest -= value
      out.append(contentsOf: JSONText.fixed6(value).utf8)
    }
    if v.contributions.count > shown.count {
      out.append(UInt8(ascii: ","))
      JSONText.appendString("(\(v.contributions.count - shown.count) other features)", to: &out)
      out.append(UInt8(ascii: ":"))
      out.append(contentsOf: JSONText.fixed6(rest).utf8)
    }
    out.append(UInt8(ascii: "}"))
    key("intercept")
    out.append(contentsOf: JSONText.fixed6(intercept).utf8)
    key("logit")
    let total = v.contributions.count > shown.count ? logit : logit - rest
    out.append(contentsOf: JSONText.fixed6(total).utf8)
  }

  /// How many contributions `--explain` names; the others are summed.
  static let contributionsShown = 8

  private func appendCodes(_ findings: [Finding], to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    for (index, finding) in findings.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendString(finding.reason.code, to: &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  private func appendExplanation(_ findings: [Finding], to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    for (index, finding) in findings.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: "{\"reason\":".utf8)
      JSONText.appendString(finding.reason.code, to: &out)
      for (name, value) in [
        ("rule", finding.rule), ("pattern", finding.pattern), ("detail", finding.detail),
      ] {
        if let value {
          out.append(contentsOf: ",\"\(name)\":".utf8)
          JSONText.appendString(value, to: &out)
        }
      }
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "]"))
  }

  private func appendCSV(_ v: Verdict, to out: inout [UInt8]) {
    let cells = [
      v.id, v.type.name, v.campaign, v.source ?? "", v.time.rfc3339, v.decision.rawValue,
      JSONText.probability(v.score), v.findings.map(\.reason.code).joined(separator: "|"),
      prices.text(v.price, currency: v.currency),
      v.flags.map(\.reason.code).joined(separator: "|"),
    ]
    for (index, cell) in cells.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendCSVCell(cell, to: &out)
    }
    if explain {
      out.append(UInt8(ascii: ","))
      let text = (v.findings + v.flags).map { finding in
        [finding.reason.code, finding.rule, finding.pattern, finding.detail]
          .compactMap { $0 }.joined(separator: " ")
      }.joined(separator: " | ")
      let model =
        v.contributions.isEmpty
        ? ""
        : "logit \(JSONText.fixed4(v.logit)) = intercept \(JSONText.fixed4(v.intercept))"
          + v.contributions.map { " + \($0.feature) \(JSONText.fixed4($0.value))" }.joined()
      JSONText.appendCSVCell(
        text.isEmpty || model.isEmpty ? text + model : text + " | " + model, to: &out)
    }
    out.append(10)
  }
}

/// ``JSONText/money(_:scale:)`` of the prices met so far, by amount and currency.
private final class PriceTexts {
  private struct Key: Hashable {
    var amount: Decimal
    var currency: String
  }

  private var texts: [Key: String] = [:]
  /// The last few texts by the amount's exact bits (a run has a handful of prices;
  /// hashing and comparing `Decimal`s normalizes them, which costs more than the rest
  /// of a verdict line).
  private var recent: [(bits: Decimal, currency: String, text: String)] = []

  func text(_ amount: Decimal, currency: String) -> String {
    for entry in recent where Self.sameBits(entry.bits, amount) && entry.currency == currency {
      return entry.text
    }
    let key = Key(amount: amount, currency: currency)
    let text =
      texts[key] ?? JSONText.money(amount, scale: CampaignBook.minorUnits(of: currency))
    if texts.count < 4096 { texts[key] = text }
    if recent.count == 8 { recent.removeFirst() }
    recent.append((amount, currency, text))
    return text
  }

  /// Whether two amounts have the same representation (then the same value).
  private static func sameBits(_ a: Decimal, _ b: Decimal) -> Bool {
    withUnsafeBytes(of: a) { a in
      withUnsafeBytes(of: b) { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
    }
  }
}
