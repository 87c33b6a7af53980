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
    let ruleSet = try RuleSet(
      directory: rules, datacenterFiles: datacenter, userRulesFile: userRules)
    let book = try CampaignBook.load(path: campaigns)
    if let problem = CampaignGeoCheck.problems(in: book, geo: ruleSet.geo).first { throw problem }
    return (ruleSet, book)
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
    guard let path = modelPath(path) else { return NoModel() }
    return try LogisticScorer.load(modelPath: path, freeMailFile: freeMailFile)
  }

  /// The rules folder's free-mail list (a model feature), which may be absent.
  var freeMailFile: String {
    (rules.hasSuffix("/") ? rules : rules + "/") + "free-mail-domains.txt"
  }

  static let shippedModel = "models/lead-quality.json"
}
