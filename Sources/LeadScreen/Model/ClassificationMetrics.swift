#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ranking and probability metrics of a binary classifier. Labels are 0
/// (good) or 1 (fraud); scores are higher for fraud.
public enum ClassificationMetrics {
  /// ROC AUC, exactly: the Mann–Whitney U statistic with average ranks for
  /// tied scores, over positives × negatives (a tie counts one half). `nil`
  /// when one class is absent.
  public static func rocAUC(scores: [Double], labels: [Double]) -> Double? {
    precondition(scores.count == labels.count)
    let positives = labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count, scores[order[end]] == scores[order[start]] { end += 1 }
      // Ranks start + 1 ... end share their average.
      let rank = Double(start + 1 + end) / 2
      for i in start..<end where labels[order[i]] == 1 { rankSum += rank }
      start = end
    }
    let p = Double(positives)
    let u = rankSum - p * (p + 1) / 2
    return u / (p * Double(negatives))
  }

  /// Average precision as scikit-learn's `average_precision_score`:
  /// Σₙ (Rₙ − Rₙ₋₁) · Pₙ over the distinct score thresholds, highest first, no
  /// interpolation. `nil` when there is no positive.
  public static func averagePrecision(scores: [Double], labels: [Double]) -> Double? {
    precondition(scores.count == labels.count)
    let positives = labels.reduce(0.0) { $0 + ($1 == 1 ? 1 : 0) }
    guard positives > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var truePositives = 0.0
    var seen = 0.0
    var recall = 0.0
    var total = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end < order.count, scores[order[end]] == scores[order[start]] {
        if labels[order[end]] == 1 { truePositives += 1 }
        seen += 1
        end += 1
      }
      let newRecall = truePositives / positives
      total += (newRecall - recall) * (truePositives / seen)
      recall = newRecall
      start = end
    }
    return total
  }

  /// Mean log loss −[y log p + (1 − y) log(1 − p)], with p clipped to
  /// [1e-15, 1 − 1e-15].
  public static func logLoss(probabilities: [Double], labels: [Double]) -> Double {
    precondition(probabilities.count == labels.count)
    guard !labels.isEmpty else { return 0 }
    var sum = 0.0
    for (p, y) in zip(probabilities, labels) {
      let q = min(max(p, 1e-15), 1 - 1e-15)
      sum -= y == 1 ? log(q) : log(1 - q)
    }
    return sum / Double(labels.count)
  }
}
