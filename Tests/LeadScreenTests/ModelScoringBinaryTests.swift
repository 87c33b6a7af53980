import Foundation
import Testing

/// The shipped model through the real binary: scores, `model_score`,
/// `--explain` contributions that add up to the logit, and `check`.
@Suite struct ModelScoringBinaryTests {
  static let stream = [
    Stream.click("C1", at: 0),
    Stream.click("C2", at: 5, ip: "34.120.10.9", ua: "python-requests/2.31.0"),
    Stream.lead(
      "L1", at: 140, click: "C1",
      fields: ["phone": "512-389-7720", "email": "tom.baker@yahoo.com", "first_name": "Tom"]),
    Stream.lead("L2", at: 7, click: "C2"),
  ]

  static func objects(_ result: ProcessResult) throws -> [[String: Any]] {
    try result.lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func theShippedModelScoresEveryVerdictAndExplainsItsSum() throws {
    let result = try Harness.run(
      ["score", "--quiet", "--explain", "--model", "models/lead-quality.json"],
      input: Self.stream.joined(separator: "\n"))
    #expect(result.status == 0, "\(result.stderr)")
    let verdicts = try Self.objects(result)
    #expect(verdicts.count == 2)
    let good = try #require(verdicts.first { $0["id"] as? String == "L1" })
    let bot = try #require(verdicts.first { $0["id"] as? String == "L2" })
    let goodScore = try #require(good["score"] as? Double)
    let botScore = try #require(bot["score"] as? Double)
    #expect(goodScore < botScore)
    #expect(good["decision"] as? String == "accepted")
    #expect((bot["reasons"] as? [String])?.contains("model_score") == true)
    for verdict in verdicts {
      let contributions = try #require(verdict["contributions"] as? [String: Double])
      let intercept = try #require(verdict["intercept"] as? Double)
      let logit = try #require(verdict["logit"] as? Double)
      #expect(contributions.count == 9, "8 named features and the rest summed")
      #expect(contributions.keys.contains { $0.hasPrefix("(") && $0.hasSuffix("other features)") })
      // Printed in millionths: they add up exactly to the printed logit.
      let sum = contributions.values.reduce(intercept) { $0 + ($1 * 1e6).rounded() / 1e6 }
      #expect(abs(sum - logit) < 1e-9)
      // And the logit is the score's: score = 1 / (1 + e^-logit), printed to 4 places.
      let score = try #require(verdict["score"] as? Double)
      #expect(abs(1 / (1 + exp(-logit)) - score) <= 0.00005 + 1e-12)
    }
  }

  @Test func withoutAModelEveryScoreIsZero() throws {
    let result = try Harness.run(
      ["score", "--quiet", "--model", "none"], input: Self.stream.joined(separator: "\n"))
    let verdicts = try Self.objects(result)
    #expect(verdicts.allSatisfy { ($0["score"] as? Double) == 0 })
    #expect(verdicts.allSatisfy { !(($0["reasons"] as? [String]) ?? []).contains("model_score") })
  }

  @Test func checkAndScoreRefuseAModelWithAnUnknownFeature() throws {
    let dir = try Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let shipped = try String(
      contentsOfFile: Harness.path("models/lead-quality.json"), encoding: .utf8)
    let broken = shipped.replacingOccurrences(of: "\"click_bot\"", with: "\"click_bott\"")
    #expect(broken != shipped)
    let path = dir.appendingPathComponent("model.json").path
    try broken.write(toFile: path, atomically: true, encoding: .utf8)
    let check = try Harness.run(["check", "--model", path])
    #expect(check.status == 78)
    #expect(check.stderr.contains(path) && check.stderr.contains("click_bott"))
    let score = try Harness.run(["score", "--model", path], input: Self.stream[0])
    #expect(score.status == 78)
    #expect(score.stdout.isEmpty)
    let good = try Harness.run(["check", "--model", "models/lead-quality.json"])
    #expect(good.status == 0, "\(good.stderr)")
  }
}
