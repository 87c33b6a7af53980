/// Counts at a threshold: a record is predicted fraud when its score is at or
/// over the threshold.
public struct ConfusionMatrix: Sendable, Equatable {
  public var threshold: Double
  public var truePositives = 0
  public var falsePositives = 0
  public var trueNegatives = 0
  public var falseNegatives = 0

  public init(scores: [Double], labels: [Double], threshold: Double) {
    precondition(scores.count == labels.count)
    self.threshold = threshold
    for (score, label) in zip(scores, labels) {
      switch (score >= threshold, label == 1) {
      case (true, true): truePositives += 1
      case (true, false): falsePositives += 1
      case (false, false): trueNegatives += 1
      case (false, true): falseNegatives += 1
      }
    }
  }

  /// Of the records called fraud, the share that are (1 when none is called).
  public var precision: Double {
    let called = truePositives + falsePositives
    return called == 0 ? 1 : Double(truePositives) / Double(called)
  }

  /// Of the fraud, the share called fraud (recall, true-positive rate).
  public var recall: Double {
    let fraud = truePositives + falseNegatives
    return fraud == 0 ? 0 : Double(truePositives) / Double(fraud)
  }

  /// Of the good records, the share called fraud (false disputes).
  public var falsePositiveRate: Double {
    let good = falsePositives + trueNegatives
    return good == 0 ? 0 : Double(falsePositives) / Double(good)
  }
}

/// Choosing the decision threshold on held-out scores.
public enum ThresholdSelection {
  /// The lowest threshold whose false-positive rate on label-0 records is at
  /// most `target`: just over the (k+1)-th highest good score, k = ⌊target · n₀⌋,
  /// halfway to the next higher score seen (so it is not tuned to one record).
  public static func forFalsePositiveRate(_ target: Double, scores: [Double], labels: [Double])
    -> Double
  {
    let good = zip(scores, labels).filter { $0.1 != 1 }.map(\.0).sorted(by: >)
    let allowed = Int((target * Double(good.count)).rounded(.down))
    guard allowed < good.count else { return good.last.map { min($0, 0) } ?? 0.5 }
    let bound = good[allowed]
    let above = scores.filter { $0 > bound }.min()
    if let above { return bound + (above - bound) / 2 }
    return bound.nextUp
  }

  /// The lowest threshold at which precision is at least `target`, scanning the
  /// distinct scores from the highest down; the highest score when none reaches it.
  public static func forPrecision(_ target: Double, scores: [Double], labels: [Double]) -> Double {
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var truePositives = 0
    var called = 0
    var best = order.first.map { scores[$0] } ?? 0.5
    var start = 0
    while start < order.count {
      var end = start
      while end < order.count, scores[order[end]] == scores[order[start]] {
        if labels[order[end]] == 1 { truePositives += 1 }
        called += 1
        end += 1
      }
      if Double(truePositives) >= target * Double(called) { best = scores[order[start]] }
      start = end
    }
    return best
  }
}
