import Foundation
import Testing

/// The generator's truth against `leadscreen score`, both the real binary: the
/// generator states the rules a second time, independently (it never calls the
/// rule code), so agreement here checks both. The model is off (`--model none`):
/// these are the rule-defined reasons.
@Suite(.serialized) struct GeneratorAgreementTests {
  /// A verdict or a truth entry: its decision and reasons.
  struct Outcome: Equatable {
    var decision: String
    var reasons: Set<String>
  }

  static func objects(_ path: URL) throws -> [[String: Any]] {
    try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  /// Verdicts (or truth) by "type/id".
  static func outcomes(_ objects: [[String: Any]]) -> [String: Outcome] {
    var result: [String: Outcome] = [:]
    for object in objects {
      guard let type = object["type"] as? String, type != "click", let id = object["id"] as? String
      else { continue }
      let reasons = Set((object["reasons"] as? [String] ?? []).filter { $0 != "model_score" })
      result["\(type)/\(id)"] = Outcome(
        decision: object["decision"] as? String ?? "", reasons: reasons)
    }
    return result
  }

  static func generate(_ arguments: [String], in dir: URL) throws {
    let result = try Harness.run(
      ["generate", "--campaigns-out", dir.appendingPathComponent("campaigns.yaml").path]
        + arguments)
    #expect(result.status == 0, "\(result.stderr)")
  }

  static func score(_ input: String, in dir: URL, out: String) throws -> ProcessResult {
    try Harness.run([
      "score", "--model", "none", "--campaigns", dir.appendingPathComponent("campaigns.yaml").path,
      "--rejects", dir.appendingPathComponent("rejects-\(out)").path,
      "--output", dir.appendingPathComponent(out).path, dir.appendingPathComponent(input).path,
    ])
  }

  @Test(arguments: [(seed: 20_261_123, start: "2026-03-09"), (seed: 77, start: "2026-07-04")])
  func truthAndVerdictsAgreeOnEveryRuleReason(seed: Int, start: String) throws {
    let dir = try Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.generate(
      [
        "--clicks", "80000", "--seed", "\(seed)", "--start", start, "--malformed", "40",
        "--truth", dir.appendingPathComponent("truth.ndjson").path,
        "--malformed-out", dir.appendingPathComponent("malformed.ndjson").path,
        "--out", dir.appendingPathComponent("day.ndjson").path,
      ], in: dir)
    let run = try Self.score("day.ndjson", in: dir, out: "verdicts.ndjson")
    #expect(run.status == 65, "only the malformed lines are rejected: \(run.stderr)")

    // Exactly the malformed lines are rejected, with their line numbers.
    let malformed = try Self.objects(dir.appendingPathComponent("malformed.ndjson"))
      .compactMap { $0["malformed_line"] as? Int }
    let rejected = try Self.objects(dir.appendingPathComponent("rejects-verdicts.ndjson"))
      .compactMap { $0["line"] as? Int }
    #expect(malformed.count == 40)
    #expect(rejected.sorted() == malformed.sorted())

    let truthObjects = try Self.objects(dir.appendingPathComponent("truth.ndjson"))
    let truth = Self.outcomes(truthObjects)
    let verdicts = Self.outcomes(try Self.objects(dir.appendingPathComponent("verdicts.ndjson")))
    #expect(truth.count > 2_000)
    #expect(Set(truth.keys) == Set(verdicts.keys), "one verdict per lead and call")

    var truePositives: [String: Int] = [:]
    var falseNegatives: [String: Int] = [:]
    var falsePositives: [String: Int] = [:]
    var good = 0
    var goodDisputed = 0
    for (key, expected) in truth {
      guard let actual = verdicts[key] else { continue }
      for reason in expected.reasons {
        if actual.reasons.contains(reason) {
          truePositives[reason, default: 0] += 1
        } else {
          falseNegatives[reason, default: 0] += 1
        }
      }
      for reason in actual.reasons.subtracting(expected.reasons) {
        falsePositives[reason, default: 0] += 1
      }
      if expected.decision == "accepted" {
        good += 1
        if actual.decision == "disputed" { goodDisputed += 1 }
      }
    }
    let reasons = Set(truePositives.keys).union(falseNegatives.keys).union(falsePositives.keys)
    // Every rule-defined reason the generator mixes in appears.
    for reason in [
      "bot_ua", "datacenter_ip", "ip_burst", "fast_submit", "incomplete_form", "invalid_email",
      "invalid_phone", "fake_name", "disposable_email", "out_of_area", "short_call", "duplicate",
    ] {
      #expect((truePositives[reason] ?? 0) + (falseNegatives[reason] ?? 0) > 0, "\(reason)")
    }
    for reason in reasons.sorted() {
      let tp = Double(truePositives[reason] ?? 0)
      let fn = Double(falseNegatives[reason] ?? 0)
      let fp = Double(falsePositives[reason] ?? 0)
      if tp + fn >= 50 {
        #expect(tp / (tp + fn) >= 0.97, "recall of \(reason): \(tp) of \(tp + fn)")
        #expect(tp / (tp + fp) >= 0.98, "precision of \(reason): \(tp) of \(tp + fp)")
      } else {
        // Too few to measure a rate: allow one miss and one false finding.
        #expect(fn <= 1 && fp <= 1, "\(reason): \(fn) missed, \(fp) false of \(tp + fn)")
      }
    }
    #expect(good > 1_000)
    #expect(Double(goodDisputed) <= 0.01 * Double(good), "\(goodDisputed) of \(good) good disputed")
  }

  @Test func theSameDayAsCSVGetsTheSameVerdicts() throws {
    let dir = try Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let common = ["--clicks", "30000", "--seed", "5150"]
    try Self.generate(
      common + ["--out", dir.appendingPathComponent("day.ndjson").path], in: dir)
    try Self.generate(
      common + ["--format", "csv", "--out", dir.appendingPathComponent("day.csv").path], in: dir)
    let json = try Self.score("day.ndjson", in: dir, out: "from-json.ndjson")
    let csv = try Self.score("day.csv", in: dir, out: "from-csv.ndjson")
    #expect(json.status == 0, "\(json.stderr)")
    #expect(csv.status == 0, "\(csv.stderr)")
    let fromJSON = try Self.objects(dir.appendingPathComponent("from-json.ndjson"))
    let fromCSV = try Self.objects(dir.appendingPathComponent("from-csv.ndjson"))
    #expect(fromJSON.count > 500)
    #expect(Self.outcomes(fromJSON) == Self.outcomes(fromCSV))
    // Byte for byte: same records, same order, same fields.
    #expect(
      try Data(contentsOf: dir.appendingPathComponent("from-json.ndjson"))
        == Data(contentsOf: dir.appendingPathComponent("from-csv.ndjson")))
  }
}
