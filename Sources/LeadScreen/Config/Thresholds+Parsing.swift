import Yams

extension Thresholds {
  static let keys = [
    "burst", "fast_submit_seconds", "click_lookback_hours", "reorder_seconds", "max_line_bytes",
    "model_threshold", "regex",
  ]

  /// Overrides the defaults with the keys present in `root`.
  mutating func read(_ root: Node, _ reader: ConfigReader) throws(ConfigError) {
    let place = " in thresholds"
    let unbounded = 0...Double.greatestFiniteMagnitude
    let many = Int(Int32.max)
    for entry in try reader.entries(
      reader.mapping(root, "the thresholds file"), allowed: Self.keys, place: "at the top level")
    {
      let value = entry.value
      switch entry.key {
      case "burst":
        try readBursts(value, reader)
      case "fast_submit_seconds":
        fastSubmitSeconds = try reader.number(value, entry.key, in: unbounded, place: place)
      case "click_lookback_hours":
        clickLookbackHours = try reader.integer(value, entry.key, in: 0...87_600, place: place)
      case "reorder_seconds":
        reorderSeconds = try reader.integer(value, entry.key, in: 0...86_400, place: place)
      case "max_line_bytes":
        maxLineBytes = try reader.integer(value, entry.key, in: 1_024...many, place: place)
      case "model_threshold":
        modelThreshold = try reader.number(value, entry.key, in: 0...1, place: place)
      case "regex":
        try readRegexLimits(value, reader)
      default:
        break
      }
    }
  }

  /// `burst: {ip: {...}, subnet: {...}}`.
  private mutating func readBursts(_ node: Node, _ reader: ConfigReader) throws(ConfigError) {
    if ConfigReader.isNull(node) { return }
    for entry in try reader.entries(
      reader.mapping(node, "burst"), allowed: ["ip", "subnet"], place: "in burst")
    {
      if entry.key == "ip" {
        ipBurst = try Self.burst(entry.value, base: ipBurst, name: "burst.ip", reader)
      } else {
        subnetBurst = try Self.burst(entry.value, base: subnetBurst, name: "burst.subnet", reader)
      }
    }
  }

  /// One burst limit; missing keys keep `base`'s values.
  private static func burst(
    _ node: Node, base: Burst, name: String, _ reader: ConfigReader
  ) throws(ConfigError) -> Burst {
    var burst = base
    if ConfigReader.isNull(node) { return burst }
    let place = " in \(name)"
    for entry in try reader.entries(
      reader.mapping(node, name), allowed: ["window_seconds", "max_clicks"], place: "in \(name)")
    {
      if entry.key == "window_seconds" {
        burst.windowSeconds = try reader.integer(
          entry.value, entry.key, in: 1...604_800, place: place)
      } else {
        burst.maxClicks = try reader.integer(
          entry.value, entry.key, in: 1...Int(Int32.max), place: place)
      }
    }
    return burst
  }

  /// `regex: {match_limit: N, depth_limit: N}`, each within PCRE2's 32-bit range.
  private mutating func readRegexLimits(_ node: Node, _ reader: ConfigReader) throws(ConfigError) {
    if ConfigReader.isNull(node) { return }
    let range = 1...Int(UInt32.max)
    for entry in try reader.entries(
      reader.mapping(node, "regex"), allowed: ["match_limit", "depth_limit"], place: "in regex")
    {
      let value = try reader.integer(entry.value, entry.key, in: range, place: " in regex")
      if entry.key == "match_limit" { matchLimit = value } else { depthLimit = value }
    }
  }
}
