/// The global tuning of the rules, from `rules/thresholds.yaml`. Every key is
/// optional (missing keys keep the defaults); unknown keys are errors.
///
/// ```yaml
/// burst:
///   ip: {window_seconds: 600, max_clicks: 10}
///   subnet: {window_seconds: 600, max_clicks: 40}
/// fast_submit_seconds: 5
/// click_lookback_hours: 24
/// reorder_seconds: 30
/// max_line_bytes: 1048576
/// model_threshold: 0.5
/// regex: {match_limit: 1000000, depth_limit: 10000}
/// ```
public struct Thresholds: Sendable, Equatable {
  /// At most `maxClicks` clicks in any `windowSeconds`; the ones past that are `ip_burst`.
  public struct Burst: Sendable, Equatable {
    public var windowSeconds: Int
    public var maxClicks: Int

    public init(windowSeconds: Int, maxClicks: Int) {
      self.windowSeconds = windowSeconds
      self.maxClicks = maxClicks
    }
  }

  /// Clicks from one exact IP; default 10 in 600 s.
  public var ipBurst = Burst(windowSeconds: 600, maxClicks: 10)
  /// Clicks from one /24 (IPv4) or /64 (IPv6); default 40 in 600 s.
  public var subnetBurst = Burst(windowSeconds: 600, maxClicks: 40)
  /// A lead sooner than this after its click is `fast_submit`; default 5.
  public var fastSubmitSeconds: Double = 5
  /// How long a click is remembered for its leads and calls; default 24.
  public var clickLookbackHours = 24
  /// How far out of time order records may arrive; default 30.
  public var reorderSeconds = 30
  /// Longer input lines are rejected; default 1 MiB.
  public var maxLineBytes = 1_048_576
  /// `model_score` threshold when the campaign gives none; default 0.5.
  public var modelThreshold: Double = 0.5
  /// PCRE2 match limit for user rules; default 1,000,000.
  public var matchLimit = 1_000_000
  /// PCRE2 depth limit for user rules; default 10,000.
  public var depthLimit = 10_000

  /// The defaults.
  public init() {}

  /// Reads `path`; missing keys keep their defaults.
  public static func load(path: String) throws(ConfigError) -> Thresholds {
    try parse(yaml: ConfigReader.readText(path: path), file: path)
  }

  /// Reads thresholds YAML; `file` names it in errors. An empty document is all defaults.
  public static func parse(yaml: String, file: String) throws(ConfigError) -> Thresholds {
    let reader = ConfigReader(file: file)
    var thresholds = Thresholds()
    guard let root = try reader.compose(yaml), !ConfigReader.isNull(root) else { return thresholds }
    try thresholds.read(root, reader)
    return thresholds
  }
}
