import ArgumentParser
import LeadScreen

/// Where the configuration comes from: shared by score, check, train and evaluate.
struct ConfigOptions: ParsableArguments {
  @Option(help: "The campaigns file (YAML).")
  var campaigns: String = "examples/campaigns.yaml"

  @Option(help: "The rules folder.")
  var rules: String = "rules"

  @Option(help: "Extra data-center CIDR list (one range a line); repeat for several.")
  var datacenter: [String] = []

  @Option(help: "User rules file (YAML), instead of RULES/user-rules.yaml.")
  var userRules: String?

  /// Loads and validates the rules folder and the campaigns file.
  func load() throws(ConfigError) -> (RuleSet, CampaignBook) {
    let (ruleSet, book, _) = try load(model: "none")
    return (ruleSet, book)
  }

  /// Loads and validates the rules folder, the campaigns file and the model
  /// (``loadScorer(model:)``): the campaigns file and the model on a thread of their own
  /// while the rules folder loads (its tables keep both cores busy until the last of them
  /// is done; the campaigns and the model came after it). Errors are reported in that
  /// order: the rules', the campaigns', the model's.
  func load(model: String?) throws(ConfigError) -> (RuleSet, CampaignBook, any Scorer) {
    let (campaignsFile, freeMail) = (campaigns, freeMailFile)
    let modelFile = modelPath(model)
    let (others, ruleSetResult) = Parallel.both(
      { @Sendable in
        (
          book: Result { () throws(ConfigError) in try CampaignBook.load(path: campaignsFile) },
          scorer: Result { () throws(ConfigError) in
            try Self.scorer(modelFile: modelFile, freeMailFile: freeMail)
          }
        )
      },
      {
        Result { () throws(ConfigError) in
          try RuleSet(directory: rules, datacenterFiles: datacenter, userRulesFile: userRules)
        }
      })
    let ruleSet = try ruleSetResult.get()
    let book = try others.book.get()
    if let problem = CampaignGeoCheck.problems(in: book, geo: ruleSet.geo).first { throw problem }
    return (ruleSet, book, try others.scorer.get())
  }

  /// The model `score` and `check` use: `path`, or the shipped model when
  /// `path` is nil and it exists; `"none"` for no model.
  func modelPath(_ path: String?) -> String? {
    if let path { return path == "none" ? nil : path }
    return FileSystem.exists(Self.shippedModel) ? Self.shippedModel : nil
  }

  /// The scorer for `path` (see ``modelPath(_:)``): the model file validated
  /// against the code's features, with the rules folder's free-mail list.
  func loadScorer(model path: String?) throws(ConfigError) -> any Scorer {
    try Self.scorer(modelFile: modelPath(path), freeMailFile: freeMailFile)
  }

  /// The scorer of `modelFile` (nil: no model).
  private static func scorer(modelFile: String?, freeMailFile: String) throws(ConfigError)
    -> any Scorer
  {
    guard let modelFile else { return NoModel() }
    return try LogisticScorer.load(modelPath: modelFile, freeMailFile: freeMailFile)
  }

  /// The rules folder's free-mail list (a model feature), which may be absent.
  var freeMailFile: String {
    (rules.hasSuffix("/") ? rules : rules + "/") + "free-mail-domains.txt"
  }

  static let shippedModel = "models/lead-quality.json"
}
