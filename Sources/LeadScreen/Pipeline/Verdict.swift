import Foundation

/// Billable or not.
public enum Decision: String, Sendable {
  case accepted
  case disputed
}

/// The outcome for one record: what `score` writes.
public struct Verdict: Sendable {
  public var type: RecordType
  public var id: String
  public var campaign: String
  public var source: String?
  public var time: Timestamp
  public var line: Int
  public var decision: Decision
  /// The model's fraud probability in [0, 1].
  public var score: Double
  /// Why it is disputed, sorted by reason.
  public var findings: [Finding]
  /// User rules with action `flag` that matched: listed, not disputing.
  public var flags: [Finding]
  /// What it bills: the campaign's price when accepted, else 0.
  public var price: Decimal
  public var currency: String
  /// The model's feature contributions (weight × standardized value), largest first.
  public var contributions: [(feature: String, value: Double)]
  /// The model's intercept: with the contributions it sums to the logit.
  public var intercept: Double = 0

  /// log(score / (1 − score)) as the model computed it: intercept + Σ contributions.
  public var logit: Double { contributions.reduce(intercept) { $0 + $1.value } }

  public var reasons: [Reason] { findings.map(\.reason) }
}
