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
    // Three loads side by side, each independent: the geo tables (the longest, so their
    // thread starts first), the pattern files (PCRE2 compiles) and YAML settings on
    // another, the IP ranges and domains on this one. The first error in the order
    // below (the order they were loaded in one after the other) is the one reported.
    let (botsDirectory, fakeNamesFile) = (path("bots"), path("fake-names.txt"))
    let thresholdsFile = path("thresholds.yaml")
    let rulesFile = userRulesFile ?? path("user-rules.yaml")
    let geoDirectory = path("geo")
    let (geoTable, (patterns, lists)) = Parallel.both(
      { @Sendable in
        Result { () throws(RuleFileError) in try GeoTable(directory: geoDirectory) }
      },
      {
        Parallel.both(
          { @Sendable in
            (
              bots: Result { () throws(RuleFileError) in
                try BotClassifier(directory: botsDirectory)
              },
              fakeNames: Result { () throws(RuleFileError) in try FakeNames(file: fakeNamesFile) },
              thresholds: Result { () throws(ConfigError) in
                FileSystem.exists(thresholdsFile)
                  ? try Thresholds.load(path: thresholdsFile) : Thresholds()
              },
              userRules: Result { () throws(ConfigError) in
                (userRulesFile != nil || FileSystem.exists(rulesFile))
                  ? try UserRules.load(path: rulesFile) : []
              }
            )
          },
          {
            let ranges =
              FileSystem.files(in: path("datacenter"), withExtension: "txt") + datacenterFiles
            return (
              datacenter: Result { () throws(RuleFileError) in try IPRangeSet(files: ranges) },
              disposable: Result { () throws(RuleFileError) in
                try DisposableDomains(file: path("disposable-domains.txt"))
              }
            )
          })
      })
    do throws(RuleFileError) {
      bots = try patterns.bots.get()
      datacenter = try lists.datacenter.get()
      disposable = try lists.disposable.get()
      fakeNames = try patterns.fakeNames.get()
      geo = try geoTable.get()
    } catch {
      throw ConfigError(
        file: error.file, line: error.line, column: error.column, message: error.message)
    }
    thresholds = try patterns.thresholds.get()
    userRules = try patterns.userRules.get()
  }
}
