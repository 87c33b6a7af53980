import Foundation

/// Paths and small file helpers for the rules tests: the package root comes from
/// this file's location, so the tests read the real shipped `rules/` directory.
enum RulesPaths {
  static let packageRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  static var rules: String { packageRoot + "/rules" }
  static var fixtures: String { packageRoot + "/Tests/LeadScreenTests/Fixtures" }
  /// The shared reference data (tests and benchmarks only; may be absent).
  static var sharedDatacenterIPs: String { packageRoot + "/../shared/data/datacenter-ips" }

  /// The non-empty lines of a text file.
  static func lines(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }

  /// A fresh temporary directory holding `files` (name -> contents).
  static func temporaryDirectory(_ files: [String: String]) throws -> String {
    let directory = Scratch.path("rules")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, contents) in files {
      try contents.write(
        to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return directory.path
  }
}
