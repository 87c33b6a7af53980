@testable import LeadScreen

/// Builds NDJSON record lines for tests, and scores them through the real
/// reader, normalizer and pipeline.
enum Stream {
  static let chrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    + "Chrome/131.0.0.0 Safari/537.36"

  /// An RFC 3339 time `seconds` after 2026-11-20T12:00:00Z.
  static func time(_ seconds: Int) -> String {
    Timestamp(milliseconds: (1_763_640_000 + Int64(seconds)) * 1000).rfc3339
  }

  static func click(
    _ id: String, at seconds: Int, ip: String = "73.12.40.7", ua: String? = chrome,
    campaign: String = "hvac-austin", extra: String = ""
  ) -> String {
    let uaField = ua.map { ",\"ua\":\"\($0)\"" } ?? ""
    return
      "{\"type\":\"click\",\"id\":\"\(id)\",\"ts\":\"\(time(seconds))\",\"campaign\":\"\(campaign)\","
      + "\"source\":\"pub01\",\"ip\":\"\(ip)\"\(uaField)\(extra)}"
  }

  /// A good hvac-austin lead unless fields are overridden (`nil` drops a field).
  static func lead(
    _ id: String, at seconds: Int, click: String? = nil, campaign: String = "hvac-austin",
    fields overrides: [String: String?] = [:]
  ) -> String {
    var fields: [(String, String?)] = [
      ("first_name", "Maria"), ("last_name", "Gonzalez"), ("email", "maria.gonzalez@gmail.com"),
      ("phone", "(512) 442-7310"), ("zip", "78704"),
    ]
    for (name, value) in overrides {
      if let index = fields.firstIndex(where: { $0.0 == name }) {
        fields[index].1 = value
      } else {
        fields.append((name, value))
      }
    }
    var text =
      "{\"type\":\"lead\",\"id\":\"\(id)\",\"ts\":\"\(time(seconds))\",\"campaign\":\"\(campaign)\","
      + "\"source\":\"pub01\""
    if let click { text += ",\"click_id\":\"\(click)\"" }
    for (name, value) in fields {
      if let value { text += ",\"\(name)\":\"\(value)\"" }
    }
    return text + "}"
  }

  static func call(
    _ id: String, at seconds: Int, caller: String = "512-389-2041", duration: Double = 240,
    click: String? = nil, campaign: String = "hvac-austin"
  ) -> String {
    let clickField = click.map { ",\"click_id\":\"\($0)\"" } ?? ""
    return
      "{\"type\":\"call\",\"id\":\"\(id)\",\"ts\":\"\(time(seconds))\",\"campaign\":\"\(campaign)\","
      + "\"source\":\"pub01\",\"caller\":\"\(caller)\",\"duration\":\(duration)\(clickField)}"
  }

  /// Scores `lines` with the shipped rules and example campaigns (or `rules`).
  static func score(
    _ lines: [String], rules: RuleSet = Harness.rules, emit: EmitMode = .all
  ) throws -> [Verdict] {
    var pipeline = ScorePipeline(
      evaluator: Evaluator(rules: rules, campaigns: Harness.campaigns), emit: emit)
    var reader = RecordReader(
      source: MemoryByteSource(Array((lines.joined(separator: "\n") + "\n").utf8)))
    var raw = RawRecord()
    var verdicts: [Verdict] = []
    let normalizer = Normalizer()
    while true {
      let outcome = try reader.next(into: &raw)
      if outcome == .end { break }
      guard outcome == .record else { continue }
      let record = try normalizer.normalize(raw).get()
      pipeline.submit(record) { verdicts.append($0) }
    }
    pipeline.finish { verdicts.append($0) }
    return verdicts
  }

  /// The reason codes of the verdict for `id`.
  static func reasons(_ verdicts: [Verdict], _ id: String) -> [String] {
    verdicts.first { $0.id == id }?.findings.map(\.reason.code) ?? ["<no verdict for \(id)>"]
  }
}
