/// The scorer of a ``LeadQualityModel``: features, standardized, weighed,
/// through the logistic function. Contributions are weight × standardized
/// value per feature: first those that describe the record, largest magnitude
/// first, then those that only restate its type (see
/// ``LeadFeatures/describes(_:type:)``). With the intercept they sum to the logit.
///
/// A class: the evaluator holds it as `any Scorer`, and a struct this size was copied
/// out of the existential's box for every lead scored (its arrays retained and
/// released each time, 0.5% of the evaluating thread's time with two threads).
public final class LogisticScorer: Scorer {
  public let model: LeadQualityModel
  public let features: LeadFeatures
  /// For each model feature, its position in ``LeadFeatures/names``.
  private let positions: [Int]
  /// For each model feature, the top bit of its sort key for a lead, and for a call:
  /// set when it does not describe that type (``LeadFeatures/describes(_:type:)``).
  private let restatesLead: [UInt64]
  private let restatesCall: [UInt64]
  /// For each model feature, its rank among the feature names (the tie-break of
  /// contributions of equal size), so the sort compares no strings; and the feature
  /// of each rank.
  private let nameRank: [UInt64]
  private let byRank: [Int32]

  /// A contribution's place in the order: smaller first.
  private struct SortKey {
    var high: UInt64
    var rank: UInt64

    @inline(__always)
    static func < (a: SortKey, b: SortKey) -> Bool {
      a.high != b.high ? a.high < b.high : a.rank < b.rank
    }
  }

  /// A scorer for `model`, whose feature names must be known (``LeadQualityModel/load(path:)``
  /// checks that).
  public init(model: LeadQualityModel, features: LeadFeatures) {
    self.model = model
    self.features = features
    positions = model.features.map { LeadFeatures.index[$0]! }
    restatesLead = model.features.map { LeadFeatures.describes($0, type: .lead) ? 0 : 1 << 63 }
    restatesCall = model.features.map { LeadFeatures.describes($0, type: .call) ? 0 : 1 << 63 }
    let sorted = model.features.indices.sorted { model.features[$0] < model.features[$1] }
    var rank = [UInt64](repeating: 0, count: model.features.count)
    for (place, index) in sorted.enumerated() {
      rank[index] = UInt64(place)
    }
    nameRank = rank
    byRank = sorted.map { Int32($0) }
  }

  public func score(_ context: FeatureContext) -> ModelOutput {
    score(context, explained: true)
  }

  /// The term of feature `j` (weight × standardized value), as ``score(_:)`` adds it up.
  @inline(__always)
  private func term(_ j: Int, _ values: UnsafeMutableBufferPointer<Double>) -> Double {
    model.weights[j] * ((values[positions[j]] - model.mean[j]) / model.std[j])
  }

  /// Calls `body` with the features of `context`, computed on the stack (not in an
  /// array allocated per record).
  @inline(__always)
  private func withFeatures<Result>(
    _ context: FeatureContext, _ body: (UnsafeMutableBufferPointer<Double>) -> Result
  ) -> Result {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: LeadFeatures.names.count) {
      features.compute(context, into: $0)
      return body($0)
    }
  }

  public func score(_ context: FeatureContext, explained: Bool) -> ModelOutput {
    guard explained else {
      // The score alone: no contributions kept.
      return ModelOutput(
        score: LogisticRegression.sigmoid(logit(context)), contributions: [],
        threshold: model.threshold, intercept: model.intercept)
    }
    return withFeatures(context) { explainedScore(context, $0) }
  }

  /// ``score(_:explained:)`` with the contributions, from the computed features.
  private func explainedScore(
    _ context: FeatureContext, _ values: UnsafeMutableBufferPointer<Double>
  ) -> ModelOutput {
    var terms = [Double](repeating: 0, count: positions.count)
    var logit = model.intercept
    for j in positions.indices {
      terms[j] = term(j, values)
      logit += terms[j]
    }
    // Features that describe this record first, largest first, then those that
    // only restate its type; ties by name. As one sort key of two words per
    // feature (no closure, no string compared): whether it restates the type, then
    // the complement of |term|'s bits (non-negative doubles order as their bits),
    // then the name's rank.
    let restates = context.record.type == .call ? restatesCall : restatesLead
    var keys = [SortKey](repeating: SortKey(high: 0, rank: 0), count: terms.count)
    for j in terms.indices {
      let magnitude = UInt64(Int64.max) &- abs(terms[j]).bitPattern
      keys[j] = SortKey(high: restates[j] | magnitude, rank: nameRank[j])
    }
    keys.withUnsafeMutableBufferPointer { keys in
      // An insertion sort: a few dozen keys.
      for next in keys.indices.dropFirst() {
        let item = keys[next]
        var place = next
        while place > 0, item < keys[place - 1] {
          keys[place] = keys[place - 1]
          place -= 1
        }
        keys[place] = item
      }
    }
    return ModelOutput(
      score: LogisticRegression.sigmoid(logit),
      contributions: keys.map {
        let j = Int(byRank[Int($0.rank)])
        return (model.features[j], terms[j])
      },
      threshold: model.threshold, intercept: model.intercept)
  }

  /// The logit of a record (what ``score(_:)`` passes through the sigmoid).
  public func logit(_ context: FeatureContext) -> Double {
    withFeatures(context) { values in
      var logit = model.intercept
      for j in positions.indices { logit += term(j, values) }
      return logit
    }
  }
}

extension LogisticScorer {
  /// The scorer `score --model FILE` uses: the model file, validated, and the
  /// free-mail list (`freeMailFile`, when given and present; else no domain is
  /// free-mail). Errors name the file, for exit status 78.
  public static func load(modelPath: String, freeMailFile: String?) throws(ConfigError)
    -> LogisticScorer
  {
    let model = try LeadQualityModel.load(path: modelPath)
    var domains: Set<String> = []
    if let freeMailFile, FileSystem.exists(freeMailFile) {
      domains = try LeadFeatures.loadFreeMailDomains(path: freeMailFile)
    }
    return LogisticScorer(model: model, features: LeadFeatures(freeMailDomains: domains))
  }
}
