/// The scorer of a ``LeadQualityModel``: features, standardized, weighed,
/// through the logistic function. Contributions are weight × standardized
/// value per feature: first those that describe the record, largest magnitude
/// first, then those that only restate its type (see
/// ``LeadFeatures/describes(_:type:)``). With the intercept they sum to the logit.
public struct LogisticScorer: Scorer {
  public let model: LeadQualityModel
  public let features: LeadFeatures
  /// For each model feature, its position in ``LeadFeatures/names``.
  private let positions: [Int]
  /// For each model feature, whether it describes a lead, and a call
  /// (``LeadFeatures/describes(_:type:)``), decided once.
  private let describesLead: [Bool]
  private let describesCall: [Bool]
  /// For each model feature, its rank among the feature names (the tie-break of
  /// contributions of equal size), so the sort compares no strings.
  private let nameRank: [Int]

  /// A scorer for `model`, whose feature names must be known (``LeadQualityModel/load(path:)``
  /// checks that).
  public init(model: LeadQualityModel, features: LeadFeatures) {
    self.model = model
    self.features = features
    positions = model.features.map { LeadFeatures.index[$0]! }
    describesLead = model.features.map { LeadFeatures.describes($0, type: .lead) }
    describesCall = model.features.map { LeadFeatures.describes($0, type: .call) }
    var rank = [Int](repeating: 0, count: model.features.count)
    for (place, index) in model.features.indices.sorted(by: {
      model.features[$0] < model.features[$1]
    }).enumerated() {
      rank[index] = place
    }
    nameRank = rank
  }

  public func score(_ context: FeatureContext) -> ModelOutput {
    let values = features.vector(context)
    var terms = [Double](repeating: 0, count: positions.count)
    var logit = model.intercept
    for (j, position) in positions.enumerated() {
      let z = (values[position] - model.mean[j]) / model.std[j]
      terms[j] = model.weights[j] * z
      logit += terms[j]
    }
    // Features that describe this record first, largest first; then those that
    // only restate its type (the same for every lead, or every call). Sorted as
    // indices: moving (String, Double) pairs costs a retain and release each.
    let describes = context.record.type == .call ? describesCall : describesLead
    func before(_ a: Int, _ b: Int) -> Bool {
      if describes[a] != describes[b] { return describes[a] }
      let x = abs(terms[a])
      let y = abs(terms[b])
      return x != y ? x > y : nameRank[a] < nameRank[b]
    }
    // An insertion sort: a few dozen features, and every comparison is of numbers.
    var order = Array(positions.indices)
    for next in order.indices.dropFirst() {
      let item = order[next]
      var place = next
      while place > 0, before(item, order[place - 1]) {
        order[place] = order[place - 1]
        place -= 1
      }
      order[place] = item
    }
    return ModelOutput(
      score: LogisticRegression.sigmoid(logit),
      contributions: order.map { (model.features[$0], terms[$0]) },
      threshold: model.threshold, intercept: model.intercept)
  }

  /// The logit of a record (what ``score(_:)`` passes through the sigmoid).
  public func logit(_ context: FeatureContext) -> Double {
    let values = features.vector(context)
    var logit = model.intercept
    for (j, position) in positions.enumerated() {
      logit += model.weights[j] * (values[position] - model.mean[j]) / model.std[j]
    }
    return logit
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
