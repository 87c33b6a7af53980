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
  /// Where a JSON line is built before it is copied to the sink (grown when a line
  /// does not fit).
  private var scratch = LineScratch(capacity: 1024)

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
    case .ndjson:
      while true {
        var line = LineBuilder(scratch)
        appendJSON(verdict, to: &line)
        if !line.overflowed {
          sink.buffer.append(bytes: line.bytes)
          break
        }
        scratch = LineScratch(capacity: scratch.capacity * 4)
      }
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

  private func appendJSON<Out: ByteOutput>(_ v: Verdict, to out: inout Out) {
    out.append("{\"id\":")
    JSONText.appendString(v.id, to: &out)
    out.append(",\"type\":")
    JSONText.appendString(v.type.name, to: &out)
    out.append(",\"campaign\":")
    JSONText.appendString(v.campaign, to: &out)
    if let source = v.source {
      out.append(",\"source\":")
      JSONText.appendString(source, to: &out)
    }
    // Digits and `-:.TZ`: nothing to escape.
    out.append(",\"ts\":\"")
    v.time.appendRFC3339(to: &out)
    out.append("\",\"decision\":")
    JSONText.appendString(v.decision.rawValue, to: &out)
    out.append(",\"score\":")
    JSONText.appendProbability(v.score, to: &out)
    out.append(",\"reasons\":")
    appendCodes(v.findings, to: &out)
    out.append(",\"price\":")
    out.append(text: prices.text(v.price, currency: v.currency))
    if !v.flags.isEmpty {
      out.append(",\"flags\":")
      appendCodes(v.flags, to: &out)
    }
    if explain {
      out.append(",\"explain\":")
      appendExplanation(v.findings + v.flags, to: &out)
      if !v.contributions.isEmpty { appendModel(v, to: &out) }
    }
    out.append("}\n")
  }

  /// The model's part of `--explain`: the largest contributions, the rest summed
  /// as one, the intercept and the logit, in millionths, so that the printed
  /// numbers add up exactly to the printed logit.
  private func appendModel<Out: ByteOutput>(_ v: Verdict, to out: inout Out) {
    let shown = v.contributions.prefix(Self.contributionsShown)
    let logit = JSONText.millionths(v.logit)
    let intercept = JSONText.millionths(v.intercept)
    var rest = logit - intercept
    out.append(",\"contributions\":{")
    for (index, item) in shown.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendString(item.feature, to: &out)
      out.append(UInt8(ascii: ":"))
      let value = JSONText.millionths(item.value)
      rest -= value
      out.append(text: JSONText.fixed6(value))
    }
    if v.contributions.count > shown.count {
      out.append(UInt8(ascii: ","))
      JSONText.appendString("(\(v.contributions.count - shown.count) other features)", to: &out)
      out.append(UInt8(ascii: ":"))
      out.append(text: JSONText.fixed6(rest))
    }
    out.append(UInt8(ascii: "}"))
    out.append(",\"intercept\":")
    out.append(text: JSONText.fixed6(intercept))
    out.append(",\"logit\":")
    let total = v.contributions.count > shown.count ? logit : logit - rest
    out.append(text: JSONText.fixed6(total))
  }

  /// How many contributions `--explain` names; the others are summed.
  static let contributionsShown = 8

  private func appendCodes<Out: ByteOutput>(_ findings: [Finding], to out: inout Out) {
    out.append(UInt8(ascii: "["))
    for (index, finding) in findings.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendString(finding.reason.code, to: &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  private func appendExplanation<Out: ByteOutput>(_ findings: [Finding], to out: inout Out) {
    out.append(UInt8(ascii: "["))
    for (index, finding) in findings.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out.append("{\"reason\":")
      JSONText.appendString(finding.reason.code, to: &out)
      if let rule = finding.rule {
        out.append(",\"rule\":")
        JSONText.appendString(rule, to: &out)
      }
      if let pattern = finding.pattern {
        out.append(",\"pattern\":")
        JSONText.appendString(pattern, to: &out)
      }
      if let detail = finding.detail {
        out.append(",\"detail\":")
        JSONText.appendString(detail, to: &out)
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
