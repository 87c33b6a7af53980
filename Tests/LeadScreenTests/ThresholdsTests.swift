import Foundation
import Testing

@testable import LeadScreen

@Suite struct ThresholdsTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func defaults() {
    let defaults = Thresholds()
    #expect(defaults.ipBurst == Thresholds.Burst(windowSeconds: 600, maxClicks: 10))
    #expect(defaults.subnetBurst == Thresholds.Burst(windowSeconds: 600, maxClicks: 40))
    #expect(defaults.fastSubmitSeconds == 5)
    #expect(defaults.clickLookbackHours == 24)
    #expect(defaults.reorderSeconds == 30)
    #expect(defaults.maxLineBytes == 1_048_576)
    #expect(defaults.modelThreshold == 0.5)
    #expect(defaults.matchLimit == 1_000_000)
    #expect(defaults.depthLimit == 10_000)
  }

  /// The shipped file spells out every default, so it must read back as them.
  @Test func shippedFileStatesTheDefaults() throws {
    let path = Self.root.appendingPathComponent("rules/thresholds.yaml").path
    #expect(try Thresholds.load(path: path) == Thresholds())
  }

  @Test(arguments: ["", "# all defaults\n", "burst:\n", "burst: {ip: ~}\nregex:\n"])
  func emptyMeansDefaults(_ yaml: String) throws {
    #expect(try Thresholds.parse(yaml: yaml, file: "t.yaml") == Thresholds())
  }

  @Test func overridesKeepTheOtherDefaults() throws {
    let yaml = """
      burst:
        ip: {max_clicks: 3}
        subnet:
          window_seconds: 60
      fast_submit_seconds: 2.5
      max_line_bytes: 65_536
      model_threshold: 0.7
      regex: {depth_limit: 500}
      """
    let thresholds = try Thresholds.parse(yaml: yaml, file: "t.yaml")
    var expected = Thresholds()
    expected.ipBurst.maxClicks = 3
    expected.subnetBurst.windowSeconds = 60
    expected.fastSubmitSeconds = 2.5
    expected.maxLineBytes = 65_536
    expected.modelThreshold = 0.7
    expected.depthLimit = 500
    #expect(thresholds == expected)
    #expect(thresholds.ipBurst.windowSeconds == 600)
    #expect(thresholds.matchLimit == 1_000_000)
  }

  static let broken: [BrokenConfig] = [
    .init(
      name: "unknown top-level key", yaml: "fast_submit_seconds: 5\nfast_submit: 3\n",
      line: 2, column: 1,
      message:
        "unknown key `fast_submit` at the top level (expected one of: burst, fast_submit_seconds, "),
    .init(
      name: "unknown burst kind", yaml: "burst:\n  ip: {max_clicks: 3}\n  asn: {max_clicks: 9}\n",
      line: 3, column: 3, message: "unknown key `asn` in burst (expected one of: ip, subnet)"),
    .init(
      name: "unknown key in a burst", yaml: "burst:\n  ip: {max_click: 3}\n",
      line: 2, column: 8,
      message: "unknown key `max_click` in burst.ip (expected one of: window_seconds, max_clicks)"),
    .init(
      name: "zero window", yaml: "burst:\n  subnet:\n    window_seconds: 0\n",
      line: 3, column: 21, message: "window_seconds must be between 1 and 604800 in burst.subnet"),
    .init(
      name: "fractional click count", yaml: "burst:\n  ip: {max_clicks: 2.5}\n",
      line: 2, column: 20, message: "max_clicks must be a whole number in burst.ip (found `2.5`)"),
    .init(
      name: "seconds in words", yaml: "fast_submit_seconds: soon\n",
      line: 1, column: 22, message: "fast_submit_seconds must be a number like 0.5 in thresholds"),
    .init(
      name: "threshold over 1", yaml: "model_threshold: 2\n",
      line: 1, column: 18, message: "model_threshold must be at least 0 and at most 1"),
    .init(
      name: "zero match limit", yaml: "regex: {match_limit: 0}\n",
      line: 1, column: 22, message: "match_limit must be between 1 and 4294967295 in regex"),
    .init(
      name: "burst as a number", yaml: "burst: 10\n",
      line: 1, column: 8, message: "burst must be a mapping"),
    .init(
      name: "a list at the top", yaml: "- burst\n",
      line: 1, column: 1, message: "the thresholds file must be a mapping"),
    .init(
      name: "duplicate key",
      yaml: "reorder_seconds: 30\nmodel_threshold: 0.5\nreorder_seconds: 10\n",
      line: 3, column: 1, message: "duplicate key `reorder_seconds` (first at line 1)"),
    .init(
      name: "bad indentation", yaml: "burst:\n  ip: {max_clicks: 3}\n subnet: {max_clicks: 9}\n",
      line: 3, column: 2, message: "YAML syntax error"),
  ]

  @Test(arguments: broken) func errorIsLocated(_ broken: BrokenConfig) {
    #expect {
      try Thresholds.parse(yaml: broken.yaml, file: "rules/thresholds.yaml")
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      #expect(error.line == broken.line, "\(error)")
      #expect(error.column == broken.column, "\(error)")
      #expect(error.message.contains(broken.message), "\(error)")
      #expect(
        error.description.hasPrefix("rules/thresholds.yaml:\(broken.line):\(broken.column): "))
      return true
    }
  }

  @Test func missingFileIsAnError() {
    #expect(throws: ConfigError.self) { try Thresholds.load(path: "/nonexistent/thresholds.yaml") }
  }
}
