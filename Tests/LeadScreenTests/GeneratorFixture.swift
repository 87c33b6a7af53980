import Foundation
import LeadScreen

/// Shared helpers for the generator suites: the real rules folder, a generated
/// stream parsed back with Foundation (an independent reader, not our own).
enum GeneratorFixture {
  /// The package's `rules/` folder.
  static let rules = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("rules").path

  static let tables: GeneratorTables = {
    do {
      return try GeneratorTables(rulesDirectory: rules)
    } catch {
      fatalError("generator tables: \(error)")
    }
  }()

  /// A generated run: stream, truth and summary.
  struct Run {
    var stream: [UInt8]
    var truth: [UInt8]
    var summary: GeneratorSummary

    /// Stream lines (without the newline), as bytes.
    var lines: [ArraySlice<UInt8>] {
      stream.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        .map { $0 }
    }

    /// Truth entries as dictionaries.
    var truthEntries: [[String: Any]] {
      String(decoding: truth, as: UTF8.self).split(separator: "\n").map {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
      }
    }
  }

  /// Generates with `configure` applied to default options.
  static func run(_ configure: (inout GeneratorOptions) throws -> Void = { _ in }) throws -> Run {
    var options = GeneratorOptions()
    try configure(&options)
    let stream = GeneratorMemorySink()
    let truth = GeneratorMemorySink()
    let summary = try TrafficGenerator(options: options, tables: tables).run(
      stream: stream, truth: truth)
    return Run(stream: stream.bytes, truth: truth.bytes, summary: summary)
  }

  /// A parsed NDJSON record, or nil for a line that is not a JSON object.
  static func record(_ line: ArraySlice<UInt8>) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
  }

  nonisolated(unsafe) static let withFraction: ISO8601DateFormatter = {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }()
  nonisolated(unsafe) static let plain = ISO8601DateFormatter()

  /// Milliseconds since the epoch of a record's `ts` (RFC 3339 text or epoch seconds).
  static func milliseconds(_ ts: Any?) -> Int64? {
    if let n = ts as? NSNumber { return n.int64Value * 1000 }
    guard let text = ts as? String else { return nil }
    guard let date = withFraction.date(from: text) ?? plain.date(from: text) else { return nil }
    return Int64((date.timeIntervalSince1970 * 1000).rounded())
  }
}
