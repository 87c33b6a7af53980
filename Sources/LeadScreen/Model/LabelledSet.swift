/// The leads and calls of a labelled run: their features (in
/// ``LeadFeatures/names`` order), labels, and what scoring decided.
public struct LabelledSet: Sendable {
  public var matrix = DesignMatrix(columns: LeadFeatures.names.count)
  /// 0 good, 1 fraud.
  public var labels: [Double] = []
  public var ids: [String] = []
  public var types: [RecordType] = []
  /// The scorer's probability when the records were evaluated.
  public var scores: [Double] = []
  /// Whether the verdict disputed the record (for any reason).
  public var disputed: [Bool] = []
  /// Leads and calls without a `label`, left out.
  public var unlabelled = 0

  public init() {}

  public var count: Int { labels.count }

  /// Adds one evaluated lead or call (ignored without a label).
  public mutating func add(_ context: FeatureContext, verdict: Verdict, features: LeadFeatures) {
    guard let label = context.record.label else {
      unlabelled += 1
      return
    }
    matrix.append(row: features.vector(context))
    labels.append(label == 0 ? 0 : 1)
    ids.append(context.record.id)
    types.append(context.record.type)
    scores.append(verdict.score)
    disputed.append(verdict.decision == .disputed)
  }

  /// The records at `indices`, in that order.
  public func subset(_ indices: [Int]) -> LabelledSet {
    var result = LabelledSet()
    result.matrix = matrix.rows(indices)
    result.labels = indices.map { labels[$0] }
    result.ids = indices.map { ids[$0] }
    result.types = indices.map { types[$0] }
    result.scores = indices.map { scores[$0] }
    result.disputed = indices.map { disputed[$0] }
    return result
  }
}
