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
