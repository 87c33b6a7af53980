/// What the scorer sees of a record: the record, what the rules found, its
/// click and the click state around it. Built by the ``Evaluator``.
public struct FeatureContext: Sendable {
  /// The record and its campaign are held by reference: the evaluator hands over the
  /// boxes it has (a copy of a ``Record`` retains each of its strings).
  private var recordBox: RecordBox
  private var campaignBox: CampaignBox?

  public var record: Record {
    get { recordBox.record }
    set { recordBox = RecordBox(newValue) }
  }
  /// Findings of the rules so far (everything but `model_score`).
  public var findings: [Finding]
  /// The record's click, when it is known to this run.
  public var click: ClickFacts?
  /// The record's campaign, when it is in the campaigns file.
  public var campaign: Campaign? {
    get { campaignBox?.campaign }
    // The scorer reads the campaign's settings, never its compiled service area: none is
    // compiled for a campaign set here.
    set { campaignBox = newValue.map { CampaignBox($0, area: nil) } }
  }
  /// The lead's ZIP in the geo table, when valid and known.
  public var zip: ZipInfo?
  /// The caller's or lead phone's area code state, when known.
  public var phoneState: String?
  /// Clicks from the record's IP in the burst window ending at its time.
  public var ipClicksInWindow: Int
  /// Whether an earlier lead or call of the campaign had the same phone or email.
  public var seenBefore: Bool

  public init(record: Record, findings: [Finding]) {
    recordBox = RecordBox(record)
    self.findings = findings
    self.ipClicksInWindow = 0
    self.seenBefore = false
  }

  /// Every field at once.
  init(
    record: RecordBox, findings: [Finding], click: ClickFacts?, campaign: CampaignBox?,
    zip: ZipInfo?, phoneState: String?, ipClicksInWindow: Int, seenBefore: Bool
  ) {
    recordBox = record
    self.findings = findings
    self.click = click
    campaignBox = campaign
    self.zip = zip
    self.phoneState = phoneState
    self.ipClicksInWindow = ipClicksInWindow
    self.seenBefore = seenBefore
  }
}

/// The model's judgement of one record.
public struct ModelOutput: Sendable {
  /// Fraud probability in [0, 1].
  public var score: Double
  /// Per-feature contributions to the logit (weight × standardized value),
  /// largest magnitude first; with the intercept they sum to the logit.
  public var contributions: [(feature: String, value: Double)]
  /// The threshold at or over which the record is disputed with `model_score`
  /// (unless the campaign sets its own).
  public var threshold: Double
  /// The model's intercept: with the contributions it sums to the logit,
  /// log(score / (1 − score)) (0 for ``NoModel``).
  public var intercept: Double

  public init(
    score: Double, contributions: [(feature: String, value: Double)], threshold: Double,
    intercept: Double = 0
  ) {
    self.score = score
    self.contributions = contributions
    self.threshold = threshold
    self.intercept = intercept
  }
}

/// The scoring stage: a record in context in, a probability out.
public protocol Scorer: Sendable {
  func score(_ context: FeatureContext) -> ModelOutput
  /// ``score(_:)``, with the contributions only when `explained` (else they may be
  /// left empty: the same score, without the work of explaining it).
  func score(_ context: FeatureContext, explained: Bool) -> ModelOutput
}

extension Scorer {
  public func score(_ context: FeatureContext, explained: Bool) -> ModelOutput {
    score(context)
  }
}

/// The scorer used when no model is loaded: every record scores 0, nothing is
/// disputed by the model.
public struct NoModel: Scorer {
  public init() {}

  public func score(_ context: FeatureContext) -> ModelOutput {
    ModelOutput(score: 0, contributions: [], threshold: 1.01)
  }
}
