import Testing

@testable import LeadScreen

@Suite struct ModelTrainerTests {
  /// A labelled set whose fraud shows in two features.
  static func set(rows: Int, seed: UInt64) -> LabelledSet {
    var random = SplitMix(seed: seed)
    var set = LabelledSet()
    let n = LeadFeatures.names.count
    let night = LeadFeatures.index["night"]!
    let digits = LeadFeatures.index["mailbox_digit_fraction"]!
    for i in 0..<rows {
      let fraud = random.uniform() < 0.1
      var row = (0..<n).map { _ in random.normal() }
      row[night] = random.uniform() < (fraud ? 0.6 : 0.1) ? 1 : 0
      row[digits] = random.uniform() * (fraud ? 0.8 : 0.3)
      set.matrix.append(row: row)
      set.labels.append(fraud ? 1 : 0)
      set.ids.append("L\(i)")
      set.types.append(.lead)
      set.scores.append(0)
      set.disputed.append(false)
    }
    return set
  }

  @Test func trainsAModelThatSeparatesTheHeldOutRecords() throws {
    var options = TrainingOptions()
    options.threshold = .falsePositiveRate(0.05)
    let outcome = try ModelTrainer.train(
      Self.set(rows: 4_000, seed: 1), options: options, trainingData: "synthetic",
      command: "test", created: "now")
    #expect(outcome.report.converged)
    let model = outcome.model
    let held = try #require(model.metadata.heldOut)
    #expect(try #require(held.rocAUC) > 0.75)
    let good = held.falsePositives + held.trueNegatives
    #expect(Double(held.falsePositives) <= 0.05 * Double(good))
    #expect(model.metadata.trainRows + model.metadata.holdoutRows == 4_000)
    #expect(model.weights[LeadFeatures.index["night"]!] > 0)
    // Valid against the code's feature list.
    #expect(try LeadQualityModel.decode(model.encoded(), file: "m.json") == model)
  }

  @Test func theHeldOutSplitIsStableAndNearTheFraction() {
    let ids = (0..<20_000).map { "L\($0)" }
    let held = ids.filter { ModelTrainer.isHeldOut(id: $0, fraction: 0.2, seed: 3) }
    #expect(abs(Double(held.count) / 20_000 - 0.2) < 0.015)
    #expect(held == ids.filter { ModelTrainer.isHeldOut(id: $0, fraction: 0.2, seed: 3) })
    #expect(held != ids.filter { ModelTrainer.isHeldOut(id: $0, fraction: 0.2, seed: 4) })
  }

  @Test func balancedWeightsGiveEachClassHalf() {
    let labels: [Double] = [1, 0, 0, 0]
    let weights = ModelTrainer.weights(labels: labels, rule: .balanced)
    let third: Double = 2.0 / 3
    let expected: [Double] = [2, third, third, third]
    #expect(weights == expected)
    #expect(ModelTrainer.weights(labels: labels, rule: .none) == [1, 1, 1, 1])
  }
}
