/// How `train` fits a model.
public struct TrainingOptions: Sendable {
  public enum ClassWeight: String, Sendable, CaseIterable {
    /// Each class weighs n / (2 · its count), as scikit-learn's `"balanced"`.
    case balanced
    case none
  }

  /// How the decision threshold is chosen on the held-out records.
  public enum ThresholdRule: Sendable, Equatable {
    /// The lowest threshold disputing at most this share of good records.
    case falsePositiveRate(Double)
    /// The lowest threshold whose precision reaches this.
    case precision(Double)
  }

  /// Inverse L2 strength (scikit-learn's `C`).
  public var c: Double = 1
  public var classWeight: ClassWeight = .balanced
  /// Share of records held out (chosen by a hash of the id and the seed).
  public var holdout: Double = 0.2
  public var seed: UInt64 = 0
  public var threshold: ThresholdRule = .falsePositiveRate(0.01)
  public var tolerance: Double = 1e-10

  public init() {}
}

/// Training: split, standardize, fit, pick the threshold, measure.
public enum ModelTrainer {
  /// What a training run produced.
  public struct Outcome: Sendable {
    public var model: LeadQualityModel
    public var report: LogisticRegression.FitReport
  }

  /// Whether the record `id` is held out: FNV-1a of the id's bytes mixed with
  /// the seed, compared with `fraction` (stable across runs and machines).
  public static func isHeldOut(id: String, fraction: Double, seed: UInt64) -> Bool {
    guard fraction > 0 else { return false }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9e37_79b9_7f4a_7c15)
    for byte in id.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    // Final avalanche (splitmix64) so nearby ids spread evenly.
    hash ^= hash >> 30
    hash = hash &* 0xbf58_476d_1ce4_e5b9
    hash ^= hash >> 27
    hash = hash &* 0x94d0_49bb_1331_11eb
    hash ^= hash >> 31
    return Double(hash >> 11) / Double(UInt64(1) << 53) < fraction
  }

  /// Per-record weights for `labels` under `rule`.
  public static func weights(labels: [Double], rule: TrainingOptions.ClassWeight) -> [Double] {
    guard rule == .balanced else { return [Double](repeating: 1, count: labels.count) }
    let positives = labels.reduce(0, +)
    let negatives = Double(labels.count) - positives
    let n = Double(labels.count)
    let positiveWeight = positives > 0 ? n / (2 * positives) : 1
    let negativeWeight = negatives > 0 ? n / (2 * negatives) : 1
    return labels.map { $0 == 1 ? positiveWeight : negativeWeight }
  }

  /// Fits a model to `set` (minus the held-out records), picks the threshold
  /// on the held-out records (on the training ones when none is held out), and
  /// records held-out metrics in the metadata.
  public static func train(
    _ set: LabelledSet, options: TrainingOptions, trainingData: String, command: String,
    created: String
  ) throws(LogisticRegression.FitError) -> Outcome {
    var trainRows: [Int] = []
    var holdoutRows: [Int] = []
    for (i, id) in set.ids.enumerated() {
      if isHeldOut(id: id, fraction: options.holdout, seed: options.seed) {
        holdoutRows.append(i)
      } else {
        trainRows.append(i)
      }
    }
    let train = set.subset(trainRows)
    guard train.labels.contains(1), train.labels.contains(0) else {
      throw .shape("the training records need both labels (0 and 1)")
    }
    let standardization = Standardization(fitting: train.matrix)
    let (fit, report) = try LogisticRegression.fit(
      standardization.apply(to: train.matrix), labels: train.labels,
      weights: weights(labels: train.labels, rule: options.classWeight),
      options: LogisticRegression.Options(c: options.c, tolerance: options.tolerance))
    let judged = holdoutRows.isEmpty ? train : set.subset(holdoutRows)
    let scores = fit.logits(standardization.apply(to: judged.matrix)).map(
      LogisticRegression.sigmoid)
    let threshold: Double
    switch options.threshold {
    case .falsePositiveRate(let target):
      threshold = ThresholdSelection.forFalsePositiveRate(
        target, scores: scores, labels: judged.labels)
    case .precision(let target):
      threshold = ThresholdSelection.forPrecision(target, scores: scores, labels: judged.labels)
    }
    let metadata = ModelMetadata(
      trainingData: trainingData, created: created, command: command, c: options.c,
      classWeight: options.classWeight.rawValue, trainRows: trainRows.count,
      holdoutRows: holdoutRows.count, iterations: report.iterations,
      heldOut: holdoutRows.isEmpty
        ? nil : HeldOutMetrics(scores: scores, labels: judged.labels, threshold: threshold))
    let model = LeadQualityModel(
      features: LeadFeatures.names, standardization: standardization, fit: fit,
      threshold: min(max(threshold, 0), 1), metadata: metadata)
    return Outcome(model: model, report: report)
  }
}
