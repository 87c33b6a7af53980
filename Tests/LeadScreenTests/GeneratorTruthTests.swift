import Foundation
import LeadScreen
import Testing

@Suite struct GeneratorTruthTests {
  static let run: GeneratorFixture.Run = {
    do {
      return try GeneratorFixture.run {
        $0.clicks = 40_000
        $0.seed = 7
        $0.malformed = 26
      }
    } catch {
      fatalError("\(error)")
    }
  }()

  @Test func everyTruthLineNamesOneRecordOfTheStream() throws {
    let lines = Self.run.lines
    var seen = Set<String>()
    var records = 0
    for entry in Self.run.truthEntries where entry["malformed_line"] == nil {
      let number = try #require(entry["line"] as? Int)
      let record = try #require(GeneratorFixture.record(lines[number - 1]))
      #expect(record["id"] as? String == entry["id"] as? String)
      #expect(record["type"] as? String == entry["type"] as? String)
      #expect(record["campaign"] as? String == entry["campaign"] as? String)
      let id = try #require(entry["id"] as? String)
      #expect(seen.insert(id).inserted)
      let reasons = try #require(entry["reasons"] as? [String])
      #expect(reasons == reasons.sorted())
      #expect((entry["decision"] as? String) == (reasons.isEmpty ? "accepted" : "disputed"))
      records += 1
    }
    #expect(records == Self.run.summary.leads + Self.run.summary.calls)
  }

  @Test func malformedLineNumbersPointAtBrokenLinesAndNowhereElse() throws {
    let lines = Self.run.lines
    let broken = Set(Self.run.truthEntries.compactMap { $0["malformed_line"] as? Int })
    #expect(broken.count == 26)
    for (offset, line) in lines.enumerated() {
      let record = GeneratorFixture.record(line)
      let valid =
        record.map { r in
          ["click", "lead", "call"].contains(r["type"] as? String ?? "")
            && (r["id"] as? String)?.first.map { $0 != "M" } == true
            && GeneratorFixture.milliseconds(r["ts"]) != nil
        } ?? false
      #expect(valid == !broken.contains(offset + 1), "line \(offset + 1)")
    }
  }

  @Test func idsAreUniquePerType() {
    var ids = Set<String>()
    var duplicates = 0
    for line in Self.run.lines {
      guard let r = GeneratorFixture.record(line), let id = r["id"] as? String,
        let type = r["type"] as? String, !id.hasPrefix("M")
      else { continue }
      if !ids.insert(type + id).inserted { duplicates += 1 }
    }
    #expect(duplicates == 0)
    #expect(ids.count == Self.run.summary.clicks + Self.run.summary.leads + Self.run.summary.calls)
  }

  @Test func kindsAppearNearTheirConfiguredRates() {
    let entries = Self.run.truthEntries.filter { $0["type"] as? String == "lead" }
    let count = { (kind: String) in entries.count { $0["fraud_kind"] as? String == kind } }
    let leads = Double(entries.count)
    #expect(leads > 800)
    // Shares of ordinary leads, scaled by publisher quality: within a wide band.
    for (kind, rate) in [("incomplete_form", 0.03), ("out_of_area", 0.03), ("invalid_email", 0.02)]
    {
      let share = Double(count(kind)) / leads
      #expect(share > rate * 0.3 && share < rate * 2.5, "\(kind): \(share)")
    }
    #expect(count("soft_ring") > 10)
    #expect(count("duplicate") > 10)
    #expect(count("form_bot") > 0)
    let legitDisputed = entries.filter {
      $0["fraud_kind"] as? String == "legit" && !(($0["reasons"] as? [String]) ?? []).isEmpty
    }
    #expect(Double(legitDisputed.count) < leads * 0.01)
  }

  @Test func softRingBreaksNoRuleAndIsMarkedForTheModel() {
    let ring = Self.run.truthEntries.filter { $0["fraud_kind"] as? String == "soft_ring" }
    #expect(!ring.isEmpty)
    for entry in ring {
      #expect(entry["decision"] as? String == "accepted")
      #expect(entry["model_expected"] as? Bool == true)
    }
  }

  @Test func cleanTrafficIsAllAccepted() throws {
    let clean = try GeneratorFixture.run {
      $0.clicks = 20_000
      $0.seed = 11
      $0.mix.fraudScale = 0
    }
    let entries = clean.truthEntries
    #expect(entries.count > 500)
    for entry in entries {
      #expect(entry["decision"] as? String == "accepted", "\(entry)")
      #expect(entry["fraud_kind"] as? String == "legit")
    }
  }
}
