import Foundation
import Testing

@testable import LeadScreen

/// ``Evaluator/prepare(_:)`` works out a lead's or call's record-only checks ahead, on the
/// reading thread when `score` runs two — but only while the evaluating thread is behind,
/// so which records come prepared depends on timing. A record's verdict must not.
@Suite struct PreparedChecksTests {
  /// The verdicts (with explanations) of a generated day's records, each prepared by a
  /// second evaluator when `prepares` says so.
  static func verdicts(
    of lines: [ArraySlice<UInt8>], in dir: URL, name: String, prepares: (Int) -> Bool
  ) throws -> (bytes: [UInt8], prepared: Int) {
    let scorer = LogisticScorer(
      model: try LeadQualityModel.load(path: Harness.path("models/lead-quality.json")),
      features: LeadFeatures())
    var pipeline = ScorePipeline(
      evaluator: Evaluator(rules: Harness.rules, campaigns: Harness.campaigns, scorer: scorer),
      emit: .all)
    var preparer = pipeline.recordPreparer()
    let path = dir.appendingPathComponent(name).path
    var writer = VerdictWriter(sink: try OutputSink(path: path), format: .ndjson, explain: true)
    var failure: OutputError?
    func write(_ verdict: Verdict) {
      do throws(OutputError) { try writer.write(verdict) } catch { failure = error }
    }
    let normalizer = Normalizer()
    var raw = RawRecord()
    var prepared = 0
    for (index, line) in lines.enumerated() {
      let rejection = line.withUnsafeBufferPointer { bytes in
        RecordReader.parseJSONLine(
          bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: bytes.count, start: 0,
          line: index + 1, into: &raw)
      }
      guard rejection == nil, case .success(var record) = normalizer.normalize(raw) else {
        continue
      }
      if record.type != .click && prepares(index) {
        preparer.prepare(&record)
        #expect(record.prepared != nil)
        prepared += 1
      }
      pipeline.submit(record, write: write)
    }
    pipeline.finish(write: write)
    if let failure { throw failure }
    try writer.flush()
    return (Array(try Data(contentsOf: URL(fileURLWithPath: path))), prepared)
  }

  @Test func preparedOrNotARecordGetsTheSameVerdict() throws {
    let run = try GeneratorFixture.run {
      $0.clicks = 6_000
      $0.seed = 31
    }
    let dir = try Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // The shipped user rules (flags) fire on some leads: a consent of "no", a free-thing
    // keyword. (Generated leads give no keyword and consent as true.)
    var leads = 0
    let lines = run.lines.map { line -> ArraySlice<UInt8> in
      guard line.starts(with: Array(#"{"type":"lead""#.utf8)) else { return line }
      leads += 1
      var text = String(decoding: line, as: UTF8.self)
      if leads % 3 == 0 {
        text = text.replacingOccurrences(of: #""consent":true"#, with: #""consent":"no""#)
      }
      if leads % 4 == 0 { text = "{\"keyword\":\"free quote\"," + text.dropFirst() }
      return ArraySlice(text.utf8)
    }
    let none = try Self.verdicts(of: lines, in: dir, name: "none.ndjson") { _ in false }
    let all = try Self.verdicts(of: lines, in: dir, name: "all.ndjson") { _ in true }
    var random = SplitMix(seed: 3)
    let some = try Self.verdicts(of: lines, in: dir, name: "some.ndjson") { _ in
      random.next() % 2 == 0
    }
    #expect(none.prepared == 0)
    #expect(all.prepared > 150, "leads and calls of the day")
    #expect(some.prepared > 0 && some.prepared < all.prepared)
    let text = String(decoding: none.bytes, as: UTF8.self)
    // The day has disputes of several kinds for the prepared checks to get right.
    for reason in [
      "\"bot_ua\"", "\"duplicate\"", "\"out_of_area\"", "\"model_score\"", "\"rule:no_consent\"",
      "\"rule:non_buyer_keyword\"",
    ] {
      #expect(text.contains(reason), "\(reason)")
    }
    for other in [all, some] {
      let expected = text.split(separator: "\n")
      let actual = String(decoding: other.bytes, as: UTF8.self).split(separator: "\n")
      #expect(actual.count == expected.count)
      // The first verdict that differs, if any (not the whole day in the message).
      let differing = zip(expected, actual).first { $0 != $1 }
      #expect(differing == nil, "\(String(describing: differing))")
    }
  }
}
