import LeadScreen
import Testing

/// The CSV side of the reader: RFC 4180 quoting, headers, and bad rows.
@Suite struct CSVReaderTests {
  private func field(_ name: String, _ value: String) -> ReadField {
    ReadField(name: name, value: value, kind: .string)
  }

  @Test func quotedFieldsCommasAndDoubledQuotes() throws {
    let input = #"""
      type,id,address,note
      lead,L1,"12 Main St, Apt 4","she said ""hi"""
      lead,L2,"""quoted""",""

      """#
    let result = try readAll(input)
    #expect(
      result.items == [
        .record(
          line: 2,
          fields: [
            field("type", "lead"), field("id", "L1"), field("address", "12 Main St, Apt 4"),
            field("note", "she said \"hi\""),
          ]),
        .record(
          line: 3,
          fields: [field("type", "lead"), field("id", "L2"), field("address", "\"quoted\"")]),
      ])
    #expect(result.headerLines == 1)
  }

  @Test func newlineInsideQuotesKeepsTheStartLine() throws {
    let input = "type,id,address\r\nlead,L1,\"line one\r\nline two\nline three\"\r\nlead,L2,x\r\n"
    let result = try readAll(input)
    #expect(
      result.items == [
        .record(
          line: 2,
          fields: [
            field("type", "lead"), field("id", "L1"),
            field("address", "line one\r\nline two\nline three"),
          ]),
        .record(
          line: 5, fields: [field("type", "lead"), field("id", "L2"), field("address", "x")]),
      ])
    #expect(result.linesRead == 5)
  }

  @Test func crlfIsNotPartOfTheLastCell() throws {
    let result = try readAll("type,id\r\nclick,C1\r\n")
    #expect(result.records == [[field("type", "click"), field("id", "C1")]])
  }

  @Test func emptyCellsAreMissingFieldsAndShortRowsToo() throws {
    let result = try readAll("type,id,ip,ua\nclick,C1,,Mozilla\nclick,C2\n")
    #expect(
      result.records == [
        [field("type", "click"), field("id", "C1"), field("ua", "Mozilla")],
        [field("type", "click"), field("id", "C2")],
      ])
  }

  @Test func extraCellsRejectTheRow() throws {
    let result = try readAll("type,id\nclick,C1,surprise\nclick,C2\n")
    #expect(
      result.items == [
        .rejected(
          Rejection(line: 2, reason: "row has 3 cells, header has 2", text: "click,C1,surprise")),
        .record(line: 3, fields: [field("type", "click"), field("id", "C2")]),
      ])
  }

  @Test func headerNamesAreTrimmedAndCellsAreNot() throws {
    let result = try readAll(" type , id ,\tua\nclick,C1, Mozilla \n")
    #expect(
      result.records == [[field("type", "click"), field("id", "C1"), field("ua", " Mozilla ")]])
  }

  @Test func aNewHeaderReplacesTheOld() throws {
    let input = "type,id,ip\nclick,C1,1.2.3.4\ntype,id,caller,duration\ncall,K1,5125550100,130\n"
    let result = try readAll(input)
    #expect(result.headerLines == 2)
    #expect(
      result.items == [
        .record(
          line: 2, fields: [field("type", "click"), field("id", "C1"), field("ip", "1.2.3.4")]),
        .record(
          line: 4,
          fields: [
            field("type", "call"), field("id", "K1"), field("caller", "5125550100"),
            field("duration", "130"),
          ]),
      ])
  }

  @Test func aRowOfNamesWithoutTypeAndIDIsData() throws {
    let result = try readAll("type,id,note\nlead,L1,abc\nlead,name,note\n")
    #expect(result.headerLines == 1)
    #expect(
      result.records.last == [field("type", "lead"), field("id", "name"), field("note", "note")])
  }

  @Test func quotesInsideAnUnquotedFieldAreLiteral() throws {
    let input = "type,id,note\nlead,L1,5\" pipe \"x\"\nlead,L2, \"padded\" \nlead,L3,\"a\"b c\n"
    let result = try readAll(input)
    #expect(
      result.records == [
        [field("type", "lead"), field("id", "L1"), field("note", "5\" pipe \"x\"")],
        [field("type", "lead"), field("id", "L2"), field("note", "padded")],
        [field("type", "lead"), field("id", "L3"), field("note", "ab c")],
      ])
  }

  @Test func unterminatedQuoteCostsOnlyItsLine() throws {
    let input = "type,id,note\nlead,L1,\"never closed\nlead,L2,fine\n"
    let result = try readAll(input)
    #expect(
      result.items == [
        .rejected(
          Rejection(line: 2, reason: "unterminated quoted field", text: "lead,L1,\"never closed")),
        .record(
          line: 3, fields: [field("type", "lead"), field("id", "L2"), field("note", "fine")]),
      ])
    #expect(result.linesRead == 3)
  }

  @Test func unterminatedQuoteLongerThanTheLimit() throws {
    let input = "type,id,note\nlead,L1,\"open\n" + String(repeating: "lead,Lx,y\n", count: 10)
    let result = try readAll(input, maxLineLength: 40)
    #expect(
      result.rejections.first
        == Rejection(
          line: 2, reason: "unterminated quoted field (record longer than 40 bytes)",
          text: "lead,L1,\"open"))
    #expect(result.records.count == 10)
    #expect(result.linesRead == 12)
  }

  @Test func rowBeforeAHeader() throws {
    let result = try readAll("click,C1,1.2.3.4\ntype,id\nclick,C2\n")
    #expect(
      result.items == [
        .rejected(
          Rejection(line: 1, reason: "CSV row before a header row", text: "click,C1,1.2.3.4")),
        .record(line: 3, fields: [field("type", "click"), field("id", "C2")]),
      ])
  }

  @Test func explicitCSVTakesTheFirstRowAsHeaderWhateverItSays() throws {
    let result = try readAll("{odd},2nd\n{\"x\":1},y\n", format: .csv)
    #expect(result.records == [[field("{odd}", "{\"x\":1}"), field("2nd", "y")]])
  }

  @Test func byteOrderMarkBeforeTheHeaderIsIgnored() throws {
    let result = try readAll("\u{FEFF}type,id\r\nclick,C1\r\n")
    #expect(result.headerLines == 1)
    #expect(result.records == [[field("type", "click"), field("id", "C1")]])
  }

  @Test func chunkBoundaryInputReadsAsIntended() throws {
    let result = try readAll(InputChunkBoundaryTests.csv)
    #expect(
      result.items == [
        .record(
          line: 2,
          fields: [
            field("type", "lead"), field("id", "L1"), field("address", "12 Main St, Apt 4"),
            field("note", "said \"hi\"\r\nthen left"),
          ]),
        .record(
          line: 4,
          fields: [field("type", "lead"), field("id", "L2"), field("note", "plain \"inch\" mark")]),
        .record(
          line: 6,
          fields: [
            field("type", "call"), field("id", "K1"), field("address", "multi\nline\nfield"),
            field("note", "ünï😀"),
          ]),
        .record(line: 9, fields: [field("type", "lead"), field("id", "L3")]),
        .record(line: 10, fields: [field("type", "click"), field("id", "C9")]),
      ])
    #expect(result.linesRead == 10)
    #expect(result.blankLines == 1)
  }
}
