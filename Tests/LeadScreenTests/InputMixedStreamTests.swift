import LeadScreen
import Testing

/// Whole streams: NDJSON and CSV mixed, blank lines, rejects, and the counters
/// and line numbers across all of it.
@Suite struct InputMixedStreamTests {
  private func field(_ name: String, _ value: String) -> ReadField {
    ReadField(name: name, value: value, kind: .string)
  }

  /// `cat clicks.ndjson calls.csv leads.csv | leadscreen score`
  static let stream = [
    #"{"type":"click","id":"C1"}"#,  // 1
    "",  // 2 blank
    #"{"type":"click","id":"C2""#,  // 3 broken JSON
    "type,id,caller,duration",  // 4 header
    "call,K1,5125550100,130",  // 5
    "   ",  // 6 blank
    "call,K2,\"512 555\n0101\",90",  // 7-8
    "type,id,email",  // 9 header
    "lead,L1,a@b.example",  // 10
    #"{"type":"lead","id":"L2"}"#,  // 11
    "lead,L3,x@y.example,extra",  // 12 too many cells
    "lead,L4,\u{FF}bad",  // 13 invalid UTF-8 (patched below)
    "lead,L5,",  // 14
  ].joined(separator: "\n")

  private static var streamBytes: [UInt8] {
    // Line 13 gets a lone 0xFF byte in place of the "\u{FF}" (which Swift would encode validly).
    var bytes: [UInt8] = []
    for scalar in stream.unicodeScalars {
      if scalar == "\u{FF}" { bytes.append(0xFF) } else { bytes += Array(String(scalar).utf8) }
    }
    return bytes
  }

  @Test(arguments: [1, 2, 7, 64, 4096])
  func everyLineEndsAsARecordARejectAHeaderOrABlank(chunk: Int) throws {
    let result = try readAll(
      MemoryByteSource(Self.streamBytes, chunkSize: chunk), readerChunk: chunk)
    #expect(
      result.items == [
        .record(line: 1, fields: [field("type", "click"), field("id", "C1")]),
        .rejected(
          Rejection(
            line: 3, reason: "broken JSON: expected ',' or '}' at end of line",
            text: #"{"type":"click","id":"C2""#)),
        .record(
          line: 5,
          fields: [
            field("type", "call"), field("id", "K1"), field("caller", "5125550100"),
            field("duration", "130"),
          ]),
        .record(
          line: 7,
          fields: [
            field("type", "call"), field("id", "K2"), field("caller", "512 555\n0101"),
            field("duration", "90"),
          ]),
        .record(
          line: 10,
          fields: [field("type", "lead"), field("id", "L1"), field("email", "a@b.example")]),
        .record(line: 11, fields: [field("type", "lead"), field("id", "L2")]),
        .rejected(
          Rejection(
            line: 12, reason: "row has 4 cells, header has 3", text: "lead,L3,x@y.example,extra")),
        .rejected(
          Rejection(line: 13, reason: "invalid UTF-8 at byte 9", text: "lead,L4,\u{FFFD}bad")),
        .record(line: 14, fields: [field("type", "lead"), field("id", "L5")]),
      ])
    #expect(result.linesRead == 14)
    #expect(result.headerLines == 2)
    #expect(result.blankLines == 2)
    // Nothing lost: physical lines = record lines + rejected lines + headers + blanks.
    let multiLineRecords = 1
    #expect(
      result.items.count + multiLineRecords + result.headerLines + result.blankLines
        == result.linesRead)
  }

  @Test func explicitNDJSONRejectsCSVLines() throws {
    let result = try readAll("type,id\n{\"id\":\"1\"}\n", format: .ndjson)
    #expect(result.rejections.map(\.reason) == ["not a JSON object"])
    #expect(result.records.count == 1)
  }

  @Test func explicitCSVReadsBraceLinesAsCSV() throws {
    let result = try readAll("type,id\nclick,{x}\n", format: .csv)
    #expect(result.records == [[field("type", "click"), field("id", "{x}")]])
  }

  @Test(arguments: [
    ([0xC3, 0x28] as [UInt8], 1),  // bad continuation: the sequence starts at its lead byte
    ([0xC0, 0xAF], 1),  // overlong
    ([0xED, 0xA0, 0x80], 1),  // surrogate
    ([0xF4, 0x90, 0x80, 0x80], 1),  // past U+10FFFF
    // A sequence cut short after a run of ASCII (the 8-byte fast path).
    ([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xE2, 0x82], 10),
  ])
  func invalidUTF8IsRejectedWithItsPosition(bad: [UInt8], position: Int) throws {
    let line = Array(#"{"a":""#.utf8) + bad + Array(#""}"#.utf8)
    let result = try readAll(MemoryByteSource(line + [0x0A] + Array(#"{"a":"ok"}"#.utf8)))
    #expect(result.rejections.map(\.reason) == ["invalid UTF-8 at byte \(6 + position)"])
    #expect(result.records == [[field("a", "ok")]])
  }

  @Test func validMultibyteUTF8IsAccepted() throws {
    let text = "é中😀\u{10FFFF}\u{E000}"
    let result = try readAll("{\"a\":\"\(text)\"}")
    #expect(result.records == [[field("a", text)]])
  }

  @Test func rejectionTextIsTheFirstKilobyte() throws {
    let long = "{\"a\":" + String(repeating: "x", count: 3000)
    let result = try readAll(long + "\n")
    let rejection = try #require(result.rejections.first)
    #expect(rejection.text == String(long.prefix(1024)))
    #expect(rejection.reason == "broken JSON: expected a value at byte 6")
  }

  @Test func tooLongLineIsSkippedAndTheNextOneRead() throws {
    let input = "{\"a\":\"" + String(repeating: "y", count: 5000) + "\"}\n{\"a\":\"next\"}\n"
    let result = try readAll(input, maxLineLength: 1000, sourceChunk: 300, readerChunk: 256)
    #expect(
      result.rejections.map(\.reason) == ["line too long (more than 1000 bytes)"])
    #expect(result.rejections.first?.text.count == 1024)
    #expect(result.items.last == .record(line: 2, fields: [field("a", "next")]))
  }

  @Test func aLineOfExactlyTheLimitIsAccepted() throws {
    let line = "{\"a\":\"" + String(repeating: "z", count: 32) + "\"}"  // 40 bytes
    let result = try readAll(line + "\r\n" + line, maxLineLength: 40, readerChunk: 8)
    #expect(result.records.count == 2)
    #expect(try readAll(line + "x\n", maxLineLength: 40).rejections.count == 1)
  }

  @Test func emptyInputHasNoRecords() throws {
    let result = try readAll("")
    #expect(result.items.isEmpty && result.linesRead == 0)
    #expect(try readAll("\n\n \n").blankLines == 3)
  }

  @Test func recordIsReusedWithoutLeftovers() throws {
    var reader = RecordReader(
      source: MemoryByteSource("{\"a\":\"long value\",\"b\":1}\n{\"c\":\"2\"}\n"))
    var record = RawRecord()
    #expect(try reader.next(into: &record) == .record)
    #expect(record.fields.count == 2)
    #expect(try reader.next(into: &record) == .record)
    #expect(record.fields.count == 1 && record.name(at: 0) == "c" && record.value(at: 0) == "2")
    #expect(record.line == 2)
    #expect(try reader.next(into: &record) == .end)
    #expect(try reader.next(into: &record) == .end)
  }
}
