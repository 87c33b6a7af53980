import Foundation
import LeadScreen
import Testing

@Suite struct GeneratorRealismTests {
  static let run: GeneratorFixture.Run = {
    do {
      return try GeneratorFixture.run {
        $0.clicks = 30_000
        $0.seed = 21
        $0.days = 2
        $0.labels = true
      }
    } catch {
      fatalError("\(error)")
    }
  }()

  nonisolated(unsafe) static let records: [[String: Any]] = run.lines.compactMap(
    GeneratorFixture.record)

  static func localHour(_ record: [String: Any]) -> Int? {
    guard let ms = GeneratorFixture.milliseconds(record["ts"]) else { return nil }
    let zone =
      record["campaign"] as? String == "legal-injury-ca"
      ? "America/Los_Angeles"
      : record["campaign"] as? String == "roofing-denver" ? "America/Denver" : "America/Chicago"
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone)!
    return calendar.component(.hour, from: Date(timeIntervalSince1970: Double(ms) / 1000))
  }

  @Test func moreHumanTrafficAtTwoPMThanAtFourAM() {
    let legit = Self.records.filter { $0["type"] as? String == "click" && $0["label"] as? Int == 0 }
    let hours = legit.compactMap(Self.localHour)
    let afternoon = hours.count { $0 == 14 }
    let night = hours.count { $0 == 4 }
    #expect(afternoon > 5 * night, "14h: \(afternoon), 4h: \(night)")
  }

  @Test func softRingSubmitsAtNightFromOnePublisher() {
    let ring = Self.records.filter {
      $0["type"] as? String == "lead" && $0["fraud_kind"] as? String == "soft_ring"
    }
    #expect(ring.count > 10)
    #expect(Set(ring.compactMap { $0["source"] as? String }).count == 1)
    for lead in ring {
      #expect((1...4).contains(Self.localHour(lead) ?? -1))
      #expect(lead["label"] as? Int == 1)
    }
  }

  @Test func aboutFifteenPercentOfClicksAreIPv6() {
    let ips = Self.records.compactMap {
      $0["type"] as? String == "click" ? $0["ip"] as? String : nil
    }
    let share = Double(ips.count { $0.contains(":") }) / Double(ips.count)
    #expect(share > 0.08 && share < 0.22, "IPv6 share \(share)")
  }

  @Test func phonesComeInManySpellings() {
    let shapes = Self.records.compactMap { $0["phone"] as? String }.map { phone in
      String(phone.map { $0.isNumber ? "9" : $0 })
    }
    let distinct = Set(shapes)
    #expect(distinct.contains("(999) 999-9999"))
    #expect(distinct.contains("999.999.9999"))
    #expect(distinct.contains("+9 999 999 9999"))  // +1 512 555 0123
    #expect(distinct.contains("9999999999"))
    #expect(distinct.contains("9-999-999-9999"))  // 1-512-555-0123
  }

  @Test func everyRecordIsLabelled() {
    for record in Self.records {
      #expect(record["label"] as? Int == 0 || record["label"] as? Int == 1)
      #expect(record["fraud_kind"] is String)
    }
    let labels = Self.records.compactMap { $0["label"] as? Int }
    #expect(labels.contains(0) && labels.contains(1))
  }

  @Test func botClicksUseAutomatedAgentsAndHumansUseBrowsers() {
    let clicks = Self.records.filter { $0["type"] as? String == "click" }
    let bots = clicks.filter { $0["fraud_kind"] as? String == "bot" }.compactMap {
      $0["ua"] as? String
    }
    #expect(bots.contains(""))
    #expect(bots.contains { $0.contains("HeadlessChrome") })
    #expect(bots.contains { $0.hasPrefix("curl/") || $0.hasPrefix("python-requests/") })
    let humans = clicks.filter { $0["fraud_kind"] as? String == "legit" }.compactMap {
      $0["ua"] as? String
    }
    #expect(humans.count { $0.hasPrefix("Mozilla/5.0") } > humans.count * 95 / 100)
    #expect(!humans.contains { $0.contains("Headless") || $0.contains("bot/") || $0.isEmpty })
    #expect(Set(humans).count > 200)
  }

  @Test func csvHasOneHeaderAndEqualRows() throws {
    let run = try GeneratorFixture.run {
      $0.clicks = 3000
      $0.format = .csv
    }
    let lines = run.lines
    let header = String(decoding: lines[0], as: UTF8.self)
    #expect(header.hasPrefix("type,id,ts,campaign,source,click_id,ip,ua"))
    #expect(header.contains("caller,duration,tracking_number"))
    #expect(lines.count == run.summary.lines)
  }
}
