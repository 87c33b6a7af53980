/// Everything loaded from a rules folder, validated, ready to share across threads.
public final class RuleSet: Sendable {
  public let directory: String
  public let bots: BotClassifier
  public let datacenter: IPRangeSet
  public let disposable: DisposableDomains
  public let fakeNames: FakeNames
  public let geo: GeoTable
  public let thresholds: Thresholds
  public let userRules: [UserRule]

  /// Loads `directory` (normally `rules/`):
  /// `bots/*.txt`, `datacenter/*.txt` (plus `datacenterFiles`), `disposable-domains.txt`,
  /// `fake-names.txt`, `geo/`, `thresholds.yaml` and `user-rules.yaml` (or `userRulesFile`).
  public init(
    directory: String, datacenterFiles: [String] = [], userRulesFile: String? = nil
  ) throws(ConfigError) {
    self.directory = directory
    let path = { (name: String) in
      directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
    do {
      bots = try BotClassifier(directory: path("bots"))
      var ranges = FileSystem.files(in: path("datacenter"), withExtension: "txt")
      ranges += datacenterFiles
      datacenter = try IPRangeSet(files: ranges)
      disposable = try DisposableDomains(file: path("disposable-domains.txt"))
      fakeNames = try FakeNames(file: path("fake-names.txt"))
      geo = try GeoTable(directory: path("geo"))
    } catch {
      throw ConfigError(
        file: error.file, line: error.line, column: error.column, message: error.message)
    }
    let thresholdsFile = path("thresholds.yaml")
    thresholds =
      FileSystem.exists(thresholdsFile) ? try Thresholds.load(path: thresholdsFile) : Thresholds()
    let rulesFile = userRulesFile ?? path("user-rules.yaml")
    userRules =
      (userRulesFile != nil || FileSystem.exists(rulesFile))
      ? try UserRules.load(path: rulesFile) : []
  }
}
