import Foundation
import Testing

@testable import LeadScreen

/// Each renderer against a golden file in `Fixtures/invoice/golden/`.
/// `LEADSCREEN_RECORD=1 swift test --filter InvoiceRendererTests` rewrites them.
@Suite struct InvoiceRendererTests {
  static let cases: [(InvoiceFormat, Bool, String)] = [
    (.text, false, "invoice.txt"), (.text, true, "invoice-by-source.txt"),
    (.csv, true, "invoice-by-source.csv"), (.json, false, "invoice.json"),
    (.json, true, "invoice-by-source.json"), (.md, true, "invoice-by-source.md"),
    (.html, true, "invoice-by-source.html"),
  ]

  @Test(arguments: cases)
  func matchesItsGoldenFile(format: InvoiceFormat, bySource: Bool, golden: String) throws {
    let actual = try Self.invoice().rendered(as: format, bySource: bySource)
    try GoldenFile(name: golden).check(actual)
  }

  @Test func htmlIsSelfContained() throws {
    let html = try Self.invoice().html(bySource: true)
    for external in ["src=", "href=", "<link", "<script", "url(", "@import"] {
      #expect(!html.contains(external), "HTML refers to something outside: \(external)")
    }
    #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
    #expect(html.contains("pubé &quot;3&quot;"))
    #expect(!html.contains("pubé \"3\""))
  }

  @Test func jsonAmountsAddUpPerCurrency() throws {
    let text = try Self.invoice().json(bySource: true)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let campaigns = try #require(document["campaigns"] as? [[String: Any]])
    let totals = try #require(document["totals"] as? [[String: Any]])
    #expect(campaigns.count == 4)
    #expect(document["period"] as? String == "2026-11-21")
    for total in totals {
      let currency = try #require(total["currency"] as? String)
      let due = campaigns.filter { $0["currency"] as? String == currency }
        .compactMap { ($0["amount_due"] as? NSNumber)?.decimalValue }.reduce(0, +)
      #expect((total["amount_due"] as? NSNumber)?.decimalValue == due)
    }
  }

  @Test func csvCampaignRowsAddUpToTheTotalRows() throws {
    let text = try Self.invoice().csv(bySource: true)
    var outcomes: [String: Decimal] = [:]
    var totals: [String: Decimal] = [:]
    let rows = text.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    for row in rows where !row.joined().contains("\"") {
      let amount = try #require(Decimal(string: String(row[12])))
      switch row[0] {
      case "campaign": outcomes[String(row[5]), default: 0] += amount
      case "total": totals[String(row[5])] = amount
      default: break
      }
    }
    #expect(!totals.isEmpty)
    for (currency, amount) in totals where currency != "JPY" {
      #expect(outcomes[currency] == amount)
    }
  }

  static func invoice() throws -> Invoice {
    var builder = InvoiceBuilder(terms: InvoiceFixtures.terms, period: "2026-11-21")
    for verdict in try InvoiceFixtures.fixtureVerdicts() { builder.add(verdict) }
    return builder.build()
  }
}

/// A golden file: compared line by line, rewritten when `LEADSCREEN_RECORD=1`. Read from
/// the source folder (not the copied resources) so a re-record is seen at once.
struct GoldenFile {
  let name: String

  var sourceURL: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/invoice/golden/\(name)")
  }

  func check(_ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["LEADSCREEN_RECORD"] == "1" {
      try FileManager.default.createDirectory(
        at: sourceURL.deletingLastPathComponent(), withIntermediateDirectories: true)
      try actual.write(to: sourceURL, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: sourceURL, encoding: .utf8) else {
      Issue.record(
        "no golden file \(name): run with LEADSCREEN_RECORD=1 to write it",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let diff = LineDiff.render(expected: expected, actual: actual)
      Issue.record(
        "\(name) differs (- golden, + actual; LEADSCREEN_RECORD=1 re-records):\n\(diff)",
        sourceLocation: sourceLocation)
    }
  }
}

/// A line diff from the longest common subsequence, with two lines of context.
enum LineDiff {
  static func render(expected: String, actual: String, context: Int = 2) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var lines: [(Character, Substring, Int)] = []  // mark, text, golden line number
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        lines.append((" ", old[i], i + 1))
        i += 1
        j += 1
      } else if i < old.count, j == new.count || lcs[i + 1][j] >= lcs[i][j + 1] {
        lines.append(("-", old[i], i + 1))
        i += 1
      } else {
        lines.append(("+", new[j], i + 1))
        j += 1
      }
    }
    let changed = lines.indices.filter { lines[$0].0 != " " }
    var out = ""
    var last = -1
    for index in lines.indices
    where changed.contains(where: { abs($0 - index) <= context }) {
      if index != last + 1 { out += "@@ golden line \(lines[index].2)\n" }
      out += "\(lines[index].0) \(lines[index].1)\n"
      last = index
    }
    return out
  }
}

@Suite struct InvoiceLineDiffTests {
  @Test func showsChangedLinesWithContext() {
    let diff = LineDiff.render(
      expected: "a\nb\nc\nd\ne\nf\ng", actual: "a\nb\nc\nD\ne\nf\ng\nh", context: 1)
    #expect(diff == "@@ golden line 3\n  c\n- d\n+ D\n  e\n@@ golden line 7\n  g\n+ h\n")
  }
}
