import Foundation
import Testing

@testable import LeadScreen

@Suite struct InvoiceVerdictReaderTests {
  @Test(arguments: ["0", "75.00", "0.10", "0.125", "-1.5", "1e2", "2.5E-3", "1500", "0.000001"])
  func parsesJSONNumbersExactly(text: String) throws {
    let parsed = try #require(DecimalText.parse(Array(text.utf8)))
    #expect(parsed == Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
  }

  @Test(arguments: ["", "-", "01", "1.", ".5", "1e", "abc", "1.2.3", "12345678901234567890", "+1"])
  func rejectsWhatIsNotAJSONNumber(text: String) {
    #expect(DecimalText.parse(Array(text.utf8)) == nil)
  }

  @Test func tenDimesAreExactlyOneDollar() throws {
    let dime = try #require(DecimalText.parse(Array("0.10".utf8)))
    var sum = Decimal(0)
    var double = 0.0
    for _ in 0..<10 {
      sum += dime
      double += 0.1
    }
    #expect(sum == 1)
    #expect(double != 1)  // what a Double on the way would have done
  }

  @Test func parsesAFullVerdictAndSkipsWhatItDoesNotUse() throws {
    let line = """
      {"id":"L\\u00e9","type":"call","campaign":"c1","source":null,"ts":"2026-11-21T14:03:07Z",\
      "decision":"disputed","score":0.91,"reasons":["bot_ua","rule:x\\"y"],"price":0,\
      "explain":[{"reason":"bot_ua","detail":{"deep":[1,2,{"a":null}]}}],"ok":true}
      """
    let verdict = try parse(line)
    #expect(verdict.id == "Lé")
    #expect(verdict.type == .call)
    #expect(verdict.source == nil)
    #expect(verdict.decision == .disputed)
    #expect(verdict.reasons == ["bot_ua", "rule:x\"y"])
    #expect(verdict.price == 0)
    #expect(verdict.utcHour == 14)
  }

  @Test(arguments: [
    (#"{"id":"a","type":"lead","campaign":"c","price":1}"#, "missing decision"),
    (#"{"id":"a","type":"lead","campaign":"c","decision":"maybe","price":1}"#, "unknown decision"),
    (#"{"id":"a","type":"lead","campaign":"c","decision":"accepted","price":"1"}"#, "number"),
    (#"{"id":"a","type":"lead","campaign":"c","decision":"accepted","price":1.}"#, "not a decimal"),
    (#"{"id":"a","type":"lead","campaign":"c","decision":"accepted","price":-1}"#, "negative"),
    (#"{"id":"a","type":"lead","campaign":"c","decision":"accepted","price":1} x"#, "after"),
    (#"{"id":"a","type":"lead","campaign":"c","decision":"accepted","price":1"#, "unterminated"),
    (#"{"id":"a","type":"visit","campaign":"c","decision":"accepted","price":1}"#, "unknown type"),
  ])
  func reportsWhatIsWrongWithALine(line: String, message: String) {
    #expect {
      _ = try parse(line)
    } throws: { error in
      (error as? VerdictLineError)?.message.contains(message) == true
    }
  }

  @Test(arguments: [
    ("2026-11-21T09:10:00-06:00", 15), ("2026-11-21T23:30:00+05:30", 18),
    ("2026-11-21T00:10:00.5+01:00", 23), ("2026-11-21T07:00:00Z", 7), ("1732000000", nil),
  ])
  func hourOfDayIsUTC(ts: String, hour: Int?) {
    let verdict = VerdictLine(
      id: "x", type: .lead, campaign: "c", ts: ts, decision: .accepted, price: 0)
    #expect(verdict.utcHour == hour)
  }

  @Test func reportsAMalformedLineWithItsNumberAndGoesOn() throws {
    let text = """
      {"id":"a","type":"lead","campaign":"c","decision":"accepted","price":2}

      {"id":"b","type":"lead","campaign":"c","decision":"accepted"}
      not json at all
      {"id":"c","type":"lead","campaign":"c","decision":"accepted","price":3}
      """
    let outcomes = try readVerdicts(text, chunkSize: 1 << 16)
    #expect(outcomes.compactMap(\.verdict).map(\.id) == ["a", "c"])
    #expect(outcomes.compactMap(\.verdict).map(\.line) == [1, 5])
    #expect(outcomes.compactMap(\.error).map(\.line) == [3, 4])
    #expect(outcomes.compactMap(\.error).allSatisfy { $0.input == "test" })
  }

  @Test(arguments: [1, 2, 7, 64, 4096])
  func chunkBoundariesDoNotChangeWhatIsRead(chunkSize: Int) throws {
    for file in ["verdicts.ndjson", "verdicts.csv"] {
      let text = try String(contentsOf: fixture(file), encoding: .utf8)
      #expect(
        try readVerdicts(text, chunkSize: chunkSize) == readVerdicts(text, chunkSize: 1 << 20))
    }
  }

  @Test func csvAndNDJSONGiveTheSameVerdicts() throws {
    let json = try readVerdicts(String(contentsOf: fixture("verdicts.ndjson"), encoding: .utf8))
    let csv = try readVerdicts(String(contentsOf: fixture("verdicts.csv"), encoding: .utf8))
    #expect(json.count == 16)
    #expect(csv.compactMap(\.error).isEmpty)
    // CSV has a header line and one verdict spanning two lines (a quoted newline).
    #expect(csv.compactMap(\.verdict).map(\.line) == [2, 3] + Array(5...18))
    var unnumbered = csv.compactMap(\.verdict)
    for index in unnumbered.indices { unnumbered[index].line = json[index].verdict?.line ?? 0 }
    #expect(unnumbered == json.compactMap(\.verdict))
  }

  @Test func csvWithoutARequiredColumnIsOneMalformedLine() throws {
    let outcomes = try readVerdicts(
      "id,type,campaign,decision\na,lead,c,accepted\nb,lead,c,accepted\n")
    #expect(outcomes.count == 1)
    #expect(outcomes.first?.error?.line == 1)
    #expect(outcomes.first?.error?.message.contains("\"price\"") == true)
  }

  @Test func anOverlongLineIsReportedAndSkipped() throws {
    let long = #"{"id":""# + String(repeating: "x", count: 5_000) + #""}"#
    let text =
      long + "\n" + #"{"id":"b","type":"lead","campaign":"c","decision":"disputed","price":0}"#
    let outcomes = try readVerdicts(text, maxLineBytes: 1_000, chunkSize: 100)
    #expect(outcomes.first?.error?.line == 1)
    #expect(outcomes.first?.error?.message.contains("longer than 1000 bytes") == true)
    #expect(outcomes.dropFirst().compactMap(\.verdict).map(\.line) == [2])
  }

  @Test func opensRealFilesAndNamesAMissingOne() throws {
    let input = try VerdictInput(path: fixture("verdicts.ndjson").path)
    var reader = input.verdicts()
    var count = 0
    while case .verdict = try reader.next() { count += 1 }
    #expect(count == 16)
    #expect(throws: VerdictInputError.self) { try VerdictInput(path: "/nonexistent/verdicts") }
  }
}

/// Outcome helpers for the tests.
extension VerdictReadOutcome {
  var verdict: VerdictLine? {
    if case .verdict(let verdict) = self { return verdict }
    return nil
  }

  var error: VerdictLineError? {
    if case .malformed(let error) = self { return error }
    return nil
  }
}

func fixture(_ name: String) -> URL {
  Bundle.module.url(forResource: "Fixtures/invoice/\(name)", withExtension: nil)!
}

private func parse(_ line: String) throws -> VerdictLine {
  var text = line
  return try text.withUTF8 { bytes in
    try VerdictLine.parseJSON(UnsafeRawBufferPointer(bytes), line: 1)
  }
}

func readVerdicts(_ text: String, maxLineBytes: Int = 1 << 20, chunkSize: Int = 1 << 16) throws
  -> [VerdictReadOutcome]
{
  var reader = VerdictReader(
    name: "test", bytes: Array(text.utf8), maxLineBytes: maxLineBytes, chunkSize: chunkSize)
  var outcomes: [VerdictReadOutcome] = []
  while true {
    let outcome = try reader.next()
    if outcome == .end { return outcomes }
    outcomes.append(outcome)
  }
}

/// What `score` writes, read back: the invoice relies on the writer's exact shape.
@Suite struct InvoiceVerdictRoundTripTests {
  static let verdicts: [Verdict] = [
    Verdict(
      type: .lead, id: "L1", campaign: "hvac-austin", source: "pub \"7\", north",
      time: .init(seconds: 0),
      line: 1, decision: .accepted, score: 0.125, findings: [],
      flags: [Finding(.rule("watch"), rule: "user-rules.yaml:3", pattern: "x|y")],
      price: Decimal(string: "75.10")!, currency: "USD", contributions: [("ua_len", -1.5)]),
    Verdict(
      type: .call, id: "C1", campaign: "hvac-austin", source: nil, time: .init(seconds: 60),
      line: 2, decision: .disputed, score: 0.91,
      findings: [
        Finding(.botUA, rule: "rules/bots/generic.txt:14", pattern: "(?i)bot\\d"),
        Finding(.shortCall, detail: "12 s < 120 s\nsecond line"),
      ],
      flags: [], price: 0, currency: "USD", contributions: []),
  ]

  @Test(arguments: VerdictFormat.allCases, [false, true])
  func readsWhatTheVerdictWriterWrites(format: VerdictFormat, explain: Bool) throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("invoice-roundtrip-\(format)-\(explain)-\(getpid()).txt").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    var writer = VerdictWriter(sink: try OutputSink(path: path), format: format, explain: explain)
    for verdict in Self.verdicts { try writer.write(verdict) }
    try writer.flush()
    var reader = try VerdictInput(path: path).verdicts()
    var read: [VerdictLine] = []
    while true {
      let outcome = try reader.next()
      if outcome == .end { break }
      read.append(try #require(outcome.verdict, "\(outcome)"))
    }
    #expect(read.map(\.id) == Self.verdicts.map(\.id))
    #expect(read.map(\.type) == Self.verdicts.map(\.type))
    #expect(read.map(\.campaign) == Self.verdicts.map(\.campaign))
    #expect(read.map(\.source) == Self.verdicts.map(\.source))
    #expect(read.map(\.decision) == Self.verdicts.map(\.decision))
    #expect(read.map(\.reasons) == Self.verdicts.map { $0.findings.map(\.reason.code) })
    #expect(read.map(\.price) == Self.verdicts.map(\.price))
  }
}

/// Verdict lines longer than the writer's first scratch memory (1 KB) are written whole:
/// the writer builds such a line again in more room, and the lines after it are the
/// same as before it.
@Suite struct VerdictLineLengthTests {
  @Test(arguments: [false, true])
  func longLinesAreWrittenWhole(explain: Bool) throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("verdict-long-\(explain)-\(getpid()).ndjson").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    var writer = VerdictWriter(sink: try OutputSink(path: path), format: .ndjson, explain: explain)
    let short = InvoiceVerdictRoundTripTests.verdicts[1]
    var written: [Verdict] = []
    for length in [10, 900, 1_100, 5_000, 40_000, 12] {
      // Quotes, backslashes, control bytes and non-ASCII: escaped, so longer still.
      let pieces = ["a", "\"", "\\", "\n", "\u{1}", "é", "😀", "/"]
      let id = String((0..<length).map { pieces[$0 % pieces.count] }.joined().prefix(length))
      var verdict = short
      verdict.id = id
      written.append(verdict)
      written.append(short)
    }
    for verdict in written { try writer.write(verdict) }
    try writer.flush()
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == written.count)
    for (index, line) in lines.enumerated() {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["id"] as? String == written[index].id)
      #expect(object["type"] as? String == "call")
      #expect((object["reasons"] as? [String])?.count == written[index].findings.count)
      if index % 2 == 1 { #expect(line == lines[1]) }
    }
  }
}
