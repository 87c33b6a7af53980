import Foundation
import LeadScreen
import Testing

/// Recomputes the time-based reasons of the truth with a separate, plain sliding
/// window over the parsed stream (Foundation JSON and dates, string IP keys).
@Suite struct GeneratorBurstTests {
  struct Parsed {
    var line: Int
    var type: String
    var id: String
    var ms: Int64
    var ip: String?
    var clickID: String?
  }

  static func parse(_ run: GeneratorFixture.Run) -> [Parsed] {
    run.lines.enumerated().compactMap { offset, line in
      guard let r = GeneratorFixture.record(line), let type = r["type"] as? String,
        let id = r["id"] as? String, let ms = GeneratorFixture.milliseconds(r["ts"])
      else { return nil }
      return Parsed(
        line: offset + 1, type: type, id: id, ms: ms, ip: r["ip"] as? String,
        clickID: r["click_id"] as? String)
    }
  }

  static func subnet(_ ip: String) -> String {
    ip.contains(":")
      ? ip.split(separator: ":").prefix(4).joined(separator: ":")
      : ip.split(separator: ".").prefix(3).joined(separator: ".")
  }

  @Test(arguments: [UInt64(3), 5, 8])
  func burstAndFastSubmitMatchAnIndependentWindow(seed: UInt64) throws {
    let run = try GeneratorFixture.run {
      $0.clicks = 30_000
      $0.seed = seed
      $0.mix.fraudScale = 2
    }
    let records = Self.parse(run).sorted { $0.ms != $1.ms ? $0.ms < $1.ms : $0.line < $1.line }
    var times: [String: [Int64]] = [:]
    var clickBurst: [String: Bool] = [:]
    var clickTime: [String: Int64] = [:]
    var expected: [String: (burst: Bool, fast: Bool)] = [:]
    func count(_ key: String, _ t: Int64) -> Int {
      times[key, default: []].count { $0 >= t - 600_000 && $0 <= t }
    }
    var flaggedClicks = 0
    for r in records {
      if r.type == "click" {
        let ip = try #require(r.ip)
        times["ip " + ip, default: []].append(r.ms)
        times["net " + Self.subnet(ip), default: []].append(r.ms)
        let burst = count("ip " + ip, r.ms) > 10 || count("net " + Self.subnet(ip), r.ms) > 40
        clickBurst[r.id] = burst
        clickTime[r.id] = r.ms
        if burst { flaggedClicks += 1 }
      } else if let click = r.clickID, let t = clickTime[click] {
        expected[r.type + r.id] = (clickBurst[click]!, r.type == "lead" && r.ms - t < 5000)
      } else if let ip = r.ip {
        let burst = count("ip " + ip, r.ms) > 10 || count("net " + Self.subnet(ip), r.ms) > 40
        expected[r.type + r.id] = (burst, false)
      } else {
        expected[r.type + r.id] = (false, false)
      }
    }
    #expect(flaggedClicks > 100)
    var checked = 0
    var fast = 0
    for entry in run.truthEntries where entry["id"] != nil {
      let key = (entry["type"] as! String) + (entry["id"] as! String)
      let want = try #require(expected[key])
      let reasons = entry["reasons"] as! [String]
      #expect(reasons.contains("ip_burst") == want.burst, "\(key)")
      #expect(reasons.contains("fast_submit") == want.fast, "\(key)")
      if want.fast { fast += 1 }
      checked += 1
    }
    #expect(checked > 1000)
    #expect(fast > 10)
  }

  @Test func recordsAreOutOfOrderByAFewSecondsAtMost() throws {
    let run = try GeneratorFixture.run {
      $0.clicks = 20_000
      $0.seed = 9
    }
    var latest: Int64 = 0
    var worst: Int64 = 0
    for r in Self.parse(run) {
      worst = max(worst, latest - r.ms)
      latest = max(latest, r.ms)
    }
    #expect(worst > 1000)
    #expect(worst <= 10_000)
  }
}
