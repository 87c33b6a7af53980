/// Predicted against observed fraud rates in equal-width probability bins.
public struct CalibrationTable: Sendable, Equatable {
  public struct Bin: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var count: Int
    /// Mean predicted probability in the bin (0 when empty).
    public var meanPredicted: Double
    /// Share of label-1 records in the bin (0 when empty).
    public var observedRate: Double
  }

  public var bins: [Bin]

  /// `binCount` bins over [0, 1]; probability 1 goes in the last bin.
  public init(probabilities: [Double], labels: [Double], binCount: Int = 10) {
    precondition(probabilities.count == labels.count && binCount > 0)
    var counts = [Int](repeating: 0, count: binCount)
    var predicted = [Double](repeating: 0, count: binCount)
    var observed = [Double](repeating: 0, count: binCount)
    for (p, y) in zip(probabilities, labels) {
      let bin = min(max(Int(p * Double(binCount)), 0), binCount - 1)
      counts[bin] += 1
      predicted[bin] += p
      observed[bin] += y == 1 ? 1 : 0
    }
    bins = (0..<binCount).map { i in
      let n = Double(counts[i])
      return Bin(
        lower: Double(i) / Double(binCount), upper: Double(i + 1) / Double(binCount),
        count: counts[i], meanPredicted: n > 0 ? predicted[i] / n : 0,
        observedRate: n > 0 ? observed[i] / n : 0)
    }
  }
}
