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
