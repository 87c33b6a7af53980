import Foundation
import Testing

@testable import LeadScreen

@Suite struct ModelFileTests {
  @Test func roundTripsThroughItsJSON() throws {
    let model = ModelScorerTests.model(weightSeed: 5)
    let decoded = try LeadQualityModel.decode(model.encoded(), file: "m.json")
    #expect(decoded == model)
  }

  @Test func loadsFromAFile() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("model-\(UInt32.random(in: 0...UInt32.max)).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let model = ModelScorerTests.model(weightSeed: 6)
    try model.encoded().write(to: URL(fileURLWithPath: path))
    #expect(try LeadQualityModel.load(path: path) == model)
  }

  @Test func anUnknownFeatureIsAConfigErrorNamingItsLine() throws {
    var model = ModelScorerTests.model(weightSeed: 7)
    model.features[3] = "moon_phase"
    let text = String(decoding: model.encoded(), as: UTF8.self)
    let error = try #require(throws: ConfigError.self) {
      try LeadQualityModel.decode(Data(text.utf8), file: "models/x.json")
    }
    #expect(error.file == "models/x.json")
    #expect(error.message.contains("unknown feature \"moon_phase\""))
    let line = try #require(error.line)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[line - 1].contains("moon_phase"))
  }

  @Test(arguments: ["mean", "std", "weights"])
  func lengthsMustMatchTheFeatures(key: String) throws {
    var model = ModelScorerTests.model(weightSeed: 8)
    switch key {
    case "mean": model.mean.removeLast()
    case "std": model.std.removeLast()
    default: model.weights.removeLast()
    }
    let error = try #require(throws: ConfigError.self) {
      try LeadQualityModel.decode(model.encoded(), file: "m.json")
    }
    #expect(error.message.hasPrefix(key))
  }

  @Test func aModelMayUseASubsetOfTheFeatures() throws {
    var model = ModelScorerTests.model(weightSeed: 9)
    model.features = ["night", "click_bot"]
    model.mean = [0, 0]
    model.std = [1, 1]
    model.weights = [1, 3]
    model.intercept = -1
    let scorer = LogisticScorer(
      model: try LeadQualityModel.decode(model.encoded(), file: "m.json"),
      features: LeadFeatures())
    var record = ModelScorerTests.lead()
    record.time = Timestamp(seconds: 1_768_501_800)  // 18:30 UTC: not night
    let output = scorer.score(FeatureContext(record: record, findings: [Finding(.botUA)]))
    #expect(output.contributions.map(\.feature) == ["click_bot", "night"])
    #expect(abs(output.score - LogisticRegression.sigmoid(2)) < 1e-15)
  }

  @Test func malformedJSONIsAConfigError() {
    #expect(throws: ConfigError.self) {
      try LeadQualityModel.decode(Data("{\"format\": 1,".utf8), file: "m.json")
    }
  }
}
