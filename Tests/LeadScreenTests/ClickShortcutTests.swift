import Testing

@testable import LeadScreen

/// The score command's click shortcut (``ClickShortcut``) against the way it
/// replaces: parse the line into a record, then ``Normalizer/withClick(_:_:)`` and
/// ``ClickPreparer/prepare(_:)``. A line it takes must give the same click; a line it
/// leaves must be one the long way rejects or does not take the short way, or one
/// with a backslash (it leaves those).
@Suite struct ClickShortcutTests {
  /// What the long way makes of a line.
  private enum LongWay: Equatable {
    case rejected(String)
    case record
    case click(time: Int64, key: FlatKey, ip: IPAddress?, bot: Int32, datacenter: Int32)
  }

  private static func click(_ click: CompactClick) -> LongWay {
    .click(
      time: click.time.milliseconds, key: click.key, ip: click.ip, bot: click.bot,
      datacenter: click.datacenter)
  }

  private static func preparer() -> ClickPreparer {
    ScorePipeline(evaluator: Evaluator(rules: Harness.rules, campaigns: Harness.campaigns))
      .clickPreparer()
  }

  /// Checks one line both ways; returns whether the shortcut took it.
  @discardableResult
  private static func check(
    _ line: [UInt8], shortcut: inout ClickShortcut, preparer: inout ClickPreparer
  ) -> Bool {
    var raw = RawRecord()
    let long: LongWay = line.withUnsafeBufferPointer { bytes in
      let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
      if let rejection = RecordReader.parseJSONLine(
        base, count: bytes.count, start: 0, line: 7, into: &raw)
      {
        return .rejected(rejection.reason)
      }
      guard let click = Normalizer().withClick(raw, { preparer.prepare($0) }) ?? nil else {
        return .record
      }
      return Self.click(click)
    }
    var shortRaw = RawRecord()
    let short = line.withUnsafeBufferPointer { bytes in
      RecordReader.parseJSONLine(
        bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: bytes.count, start: 0,
        line: 7, into: &shortRaw, shortcut: &shortcut)
    }
    let text = String(decoding: line, as: UTF8.self)
    switch short {
    case nil:
      #expect(Self.click(shortcut.click) == long, "\(text)")
      #expect(shortRaw.fields.isEmpty)
      return true
    case .rejected(let rejection)?:
      #expect(long == .rejected(rejection.reason), "\(text)")
    case .record?:
      // Left: the long way must agree that it is no short-way click, unless the line
      // has escapes (the shortcut leaves those for the record's decoded text), a
      // control byte (white space the index does not place) or is too long to index.
      if !line.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
        line.count <= RecordReader.indexedLineBytes
      {
        #expect(long == .record, "\(text)")
      }
      #expect(shortRaw.fields == raw.fields && shortRaw.content == raw.content, "\(text)")
    case .end?:
      Issue.record("a line parsed to .end: \(text)")
    }
    return false
  }

  @Test func takesPlainClicksAndLeavesEverythingElse() {
    var shortcut = ClickShortcut(preparer: Self.preparer())
    var preparer = Self.preparer()
    let plain = Stream.click("C1", at: 10)
    #expect(Self.check(Array(plain.utf8), shortcut: &shortcut, preparer: &preparer))
    let cases: [(String, Bool)] = [
      // Order, white space, numbers, unknown and nested fields, duplicates: taken.
      (#"{"ts":"2026-11-20T12:00:01Z","id":"C2","campaign":"hvac-austin","type":"click"}"#, true),
      (
        #" { "type" : "click" , "id" : 12345 , "ts" : 1795154403 , "campaign" : "hvac-austin" } "#,
        true
      ),
      (
        #"{"type":"click","id":"C3","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","x":{"a":[1,2,{"b":null}]},"ip":null}"#,
        true
      ),
      (
        #"{"type":"click","id":"C4","id":"C5","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","ua":"curl/8.5.0","consent":true}"#,
        true
      ),
      (
        #"{"type":"click","id":"C6","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","ip":"2001:db8::1","ua":"  Wget/1.21  "}"#,
        true
      ),
      // Not clicks the short way takes: other types, fields it leaves, bad values.
      (Stream.lead("L1", at: 10), false),
      (Stream.call("K1", at: 10), false),
      (
        #"{"type":"click","id":"C7","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","duration":30}"#,
        false
      ),
      (#"{"type":"click","id":"","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin"}"#, false),
      (#"{"type":"click","id":"C8","ts":"yesterday","campaign":"hvac-austin"}"#, false),
      (
        #"{"type":"click","id":"C9","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","ip":"300.1.1.1"}"#,
        false
      ),
      (#"{"type":"click","id":"C10","ts":"2026-11-20T12:00:01Z"}"#, false),
      (
        #"{"type":"click","id":"C11","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","ua":true}"#,
        false
      ),
      (
        #"{"type":"click","id":"C12","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","source":[1]}"#,
        false
      ),
      // Escapes: left to the record, which decodes them.
      (
        #"{"type":"click","id":"C\u0031","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin"}"#,
        false
      ),
      (
        #"{"type":"click","id":"C13","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","ua":"a\"b"}"#,
        false
      ),
      // Broken JSON, also after a sink would have stopped (the record rejects it).
      (#"{"type":"click","id":"C14","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin""#, false),
      (
        #"{"type":"click","id":"C15","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin"} x"#,
        false
      ),
      (#"{"type":"lead","id":"L2",}"#, false),
      (
        #"{"type":"click","id":"C16","ts":"2026-11-20T12:00:01Z","campaign":"hvac-austin","n":01}"#,
        false
      ),
      ("[1,2]", false), ("", false),
      // White space the index leaves to the long way, a line longer than it indexes.
      (
        "{\"type\":\"click\",\t\"id\":\"C17\",\"ts\":\"2026-11-20T12:00:01Z\",\"campaign\":\"hvac-austin\"}",
        false
      ),
      (Stream.click("C18", at: 10, ua: String(repeating: "Mozilla/5.0 ", count: 400)), false),
      (Stream.click("C19", at: 10, ua: String(repeating: "x", count: 3_900)), true),
      // Non-ASCII text: checked as UTF-8, then taken.
      (Stream.click("C20", at: 10, ua: "Mozilla/5.0 (Linux; Android 14; Pixel 8 — ü)"), true),
    ]
    for (line, taken) in cases {
      #expect(
        Self.check(Array(line.utf8), shortcut: &shortcut, preparer: &preparer) == taken, "\(line)")
    }
  }

  @Test func rejectsInvalidUTF8AsTheLongWayDoes() {
    var shortcut = ClickShortcut(preparer: Self.preparer())
    var preparer = Self.preparer()
    let prefix = Array(#"{"type":"click","id":"C1","ts":"2026-11-20T12:00:01Z","ua":"a"#.utf8)
    let suffix = Array(#"b","campaign":"hvac-austin"}"#.utf8)
    for bad: [UInt8] in [[0xC3, 0x28], [0xED, 0xA0, 0x80], [0xFF], [0xE2, 0x82]] {
      let line = prefix + bad + suffix
      #expect(!Self.check(line, shortcut: &shortcut, preparer: &preparer))
    }
  }

  /// A generated stream with malformed lines, and every click line of it with one
  /// byte replaced, inserted or removed: both ways agree on each.
  @Test func agreesWithTheLongWayOnGeneratedAndMutatedLines() throws {
    let run = try GeneratorFixture.run {
      $0.clicks = 1_500
      $0.malformed = 150
      $0.seed = 11
    }
    var shortcut = ClickShortcut(preparer: Self.preparer())
    var preparer = Self.preparer()
    var taken = 0
    for line in run.lines where Self.check(Array(line), shortcut: &shortcut, preparer: &preparer) {
      taken += 1
    }
    #expect(taken > 1_000)
    var random = SplitMix(seed: 5)
    let alphabet = Array("{}[]\":,\\ 0123456789.-eE+truefalsnlckidyp".utf8) + [0x09, 0x01, 0x7F]
    var mutatedTaken = 0
    for line in run.lines where line.starts(with: Array(#"{"type":"click""#.utf8)) {
      for _ in 0..<3 {
        let bytes = random.mutatedOnce(Array(line), from: alphabet)
        if Self.check(bytes, shortcut: &shortcut, preparer: &preparer) { mutatedTaken += 1 }
      }
    }
    // Most mutations land in long strings (user agent, URL) and leave a valid click.
    #expect(mutatedTaken > 1_500)
  }

  /// The mask of fields a click only checks the kind of is the list it stands for, and
  /// leaves out every field whose value a click keeps or refuses.
  @Test func checkedOnlyMaskNamesTheCheckedFields() {
    let checked: [FieldName] = [
      .source, .keyword, .url, .referrer, .clickID, .firstName, .lastName, .email, .phone, .zip,
      .state, .address, .caller, .trackingNumber, .fraudKind,
    ]
    #expect(ClickFields.checkedOnly == checked.reduce(0) { $0 | 1 << $1.rawValue })
    let rest = FieldName.allCases.filter { !checked.contains($0) }
    #expect(
      Set(rest) == [
        .type, .id, .ts, .campaign, .ip, .ua, .consent, .duration, .clickTS, .clickReasons, .label,
      ])
  }
}
