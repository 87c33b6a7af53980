import Foundation
import Testing

@testable import LeadScreen

@Suite struct ModelMetricsTests {
  /// Pairs (fraud, good) ordered correctly, ties counted one half.
  static func bruteForceAUC(_ scores: [Double], _ labels: [Double]) -> Double {
    var wins = 0.0
    var pairs = 0.0
    for i in scores.indices where labels[i] == 1 {
      for j in scores.indices where labels[j] == 0 {
        pairs += 1
        if scores[i] > scores[j] { wins += 1 } else if scores[i] == scores[j] { wins += 0.5 }
      }
    }
    return wins / pairs
  }

  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func rocAUCMatchesAPairCountWithTies(seed: UInt64) throws {
    var random = SplitMix(seed: seed)
    let n = 300 + Int(seed) * 37
    // Few distinct scores: many ties, within and across classes.
    let scores = (0..<n).map { _ in Double(random.next() % 12) / 4 }
    let labels = scores.map { random.uniform() < 0.2 + $0 / 6 ? 1.0 : 0.0 }
    let auc = try #require(ClassificationMetrics.rocAUC(scores: scores, labels: labels))
    #expect(abs(auc - Self.bruteForceAUC(scores, labels)) < 1e-12)
  }

  @Test func rocAUCIsUndefinedWithOneClass() {
    #expect(ClassificationMetrics.rocAUC(scores: [0.1, 0.2], labels: [0, 0]) == nil)
  }

  @Test func averagePrecisionOfASmallCaseByHand() throws {
    // Highest first: 0.9 fraud, 0.8 good, 0.7 fraud, 0.6 good, 0.5 fraud.
    // AP = 1/3·1 + 1/3·(2/3) + 1/3·(3/5).
    let scores = [0.5, 0.9, 0.6, 0.7, 0.8]
    let labels: [Double] = [1, 1, 0, 1, 0]
    let ap = try #require(ClassificationMetrics.averagePrecision(scores: scores, labels: labels))
    #expect(abs(ap - (1.0 + 2.0 / 3 + 3.0 / 5) / 3) < 1e-15)
  }

  @Test func averagePrecisionTreatsTiedScoresAsOneThreshold() throws {
    // One threshold holding 1 fraud and 1 good, then a fraud: 1/2·(1/2) + 1/2·(2/3).
    let ap = try #require(
      ClassificationMetrics.averagePrecision(scores: [0.9, 0.9, 0.1], labels: [1, 0, 1]))
    #expect(abs(ap - (0.25 + 1.0 / 3)) < 1e-15)
  }

  @Test func logLossOfKnownProbabilities() {
    let loss = ClassificationMetrics.logLoss(probabilities: [0.8, 0.3, 1], labels: [1, 0, 0])
    // p = 1 is clipped to 1 − 1e-15 (as scikit-learn does).
    let expected = -(log(0.8) + log(0.7) + log(1 - (1 - 1e-15))) / 3
    #expect(abs(loss - expected) < 1e-12)
  }

  @Test func confusionMatrixCountsAtTheThreshold() {
    let m = ConfusionMatrix(
      scores: [0.9, 0.5, 0.5, 0.2, 0.7], labels: [1, 1, 0, 1, 0], threshold: 0.5)
    #expect(m.truePositives == 2 && m.falsePositives == 2)
    #expect(m.trueNegatives == 0 && m.falseNegatives == 1)
    #expect(m.precision == 0.5 && abs(m.recall - 2.0 / 3) < 1e-15)
  }

  @Test(arguments: [0.0, 0.01, 0.05, 0.2])
  func falsePositiveRateThresholdIsTheLowestMeetingTheTarget(target: Double) {
    var random = SplitMix(seed: 99)
    let labels = (0..<2_000).map { _ in random.uniform() < 0.1 ? 1.0 : 0.0 }
    let scores = labels.map { min(max(random.normal() * 0.15 + 0.35 + 0.3 * $0, 0), 1) }
    let t = ThresholdSelection.forFalsePositiveRate(target, scores: scores, labels: labels)
    let at = ConfusionMatrix(scores: scores, labels: labels, threshold: t)
    #expect(at.falsePositiveRate <= target)
    // Any lower observed score as threshold would dispute too many good records.
    let lower = scores.filter { $0 < t }.max()!
    let below = ConfusionMatrix(scores: scores, labels: labels, threshold: lower)
    #expect(below.falsePositiveRate > target)
  }

  @Test func precisionThresholdIsTheLowestReachingTheTarget() {
    let scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    let labels: [Double] = [1, 1, 0, 1, 0, 0, 1]
    // Precision at 0.7: 3/4; at 0.6: 3/5; at 0.4: 4/7.
    #expect(ThresholdSelection.forPrecision(0.75, scores: scores, labels: labels) == 0.7)
    #expect(ThresholdSelection.forPrecision(0.57, scores: scores, labels: labels) == 0.4)
    #expect(ThresholdSelection.forPrecision(1, scores: scores, labels: labels) == 0.9)
  }

  @Test func calibrationBinsCountAndAverage() {
    let table = CalibrationTable(
      probabilities: [0.05, 0.08, 0.95, 1.0, 0.55], labels: [0, 1, 1, 1, 0])
    #expect(table.bins.count == 10)
    #expect(table.bins[0].count == 2 && abs(table.bins[0].meanPredicted - 0.065) < 1e-15)
    #expect(table.bins[0].observedRate == 0.5)
    #expect(table.bins[9].count == 2 && table.bins[9].observedRate == 1)
    #expect(table.bins[5].count == 1)
    #expect(table.bins.reduce(0) { $0 + $1.count } == 5)
  }
}
