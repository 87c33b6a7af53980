import Foundation
import LeadScreen
import Testing

/// One field of a record, as text, for comparisons.
struct ReadField: Equatable, CustomStringConvertible {
  var name: String
  var value: String
  var kind: RawValueKind

  var description: String { "\(name)=\(value)(\(kind))" }
}

/// What the reader returned for one step.
enum ReadItem: Equatable {
  case record(line: Int, fields: [ReadField])
  case rejected(Rejection)

  var fields: [ReadField]? {
    if case .record(_, let fields) = self { fields } else { nil }
  }
}

/// Everything a reader returned for a whole input, with its counters.
struct ReadResult: Equatable {
  var items: [ReadItem] = []
  var linesRead = 0
  var headerLines = 0
  var blankLines = 0

  var records: [[ReadField]] { items.compactMap(\.fields) }
  var rejections: [Rejection] {
    items.compactMap { if case .rejected(let rejection) = $0 { rejection } else { nil } }
  }
}

/// Reads all of `source` with a fresh reader.
func readAll(
  _ source: any ByteSource, format: InputFormat? = nil, maxLineLength: Int = 1 << 20,
  readerChunk: Int = 1 << 20
) throws -> ReadResult {
  var reader = RecordReader(
    source: source, format: format, maxLineLength: maxLineLength, chunkSize: readerChunk)
  var record = RawRecord()
  var result = ReadResult()
  loop: while true {
    switch try reader.next(into: &record) {
    case .end: break loop
    case .rejected(let rejection): result.items.append(.rejected(rejection))
    case .record:
      let fields = record.fields.indices.map {
        ReadField(
          name: record.name(at: $0), value: record.value(at: $0), kind: record.fields[$0].kind)
      }
      result.items.append(.record(line: record.line, fields: fields))
    }
  }
  result.linesRead = reader.linesRead
  result.headerLines = reader.headerLines
  result.blankLines = reader.blankLines
  return result
}

/// Reads all of `text` from memory.
func readAll(
  _ text: String, format: InputFormat? = nil, maxLineLength: Int = 1 << 20, sourceChunk: Int = .max,
  readerChunk: Int = 1 << 20
) throws -> ReadResult {
  try readAll(
    MemoryByteSource(Array(text.utf8), chunkSize: sourceChunk), format: format,
    maxLineLength: maxLineLength, readerChunk: readerChunk)
}

/// Chunk-boundary tests: the same input, cut every possible way, reads the same.
@Suite struct InputChunkBoundaryTests {
  static let ndjson = [
    #"{"type":"click","id":"C1","ua":"Mozilla/5.0 \"quoted\" \\ back\/slash","city":"Zürich","#
      + #""emoji":"\ud83d\ude00 ok 😀","n":-12.5e3,"ok":true,"no":false,"none":null,"#
      + #""tags":["a",{"b":[1,2.5,null]}],"meta":{"k":"v","q":"\u00e9"}}"# + "\r\n",
    "\n",
    "  \t \r\n",
    #"{"type":"lead","id":"L1","name":"Łukasz 李","esc":"tab\tnl\nuni\u00e9\u4e2d","zero":0}"#
      + "\n",
    #"  { "type" : "call" , "id" : "K1" , "duration" : 130 , "dup" : 1 , "dup" : 2 }  "# + "\r\n",
    #"{"type":"click","id":"C2","ip":"2001:db8::1","ua":"\u0041\u00DF\u6771\uD801\uDC37"}"#,
  ].joined()

  static let csv = [
    "type,id,address,note\r\n",
    "lead,L1,\"12 Main St, Apt 4\",\"said \"\"hi\"\"\r\nthen left\"\r\n",
    "lead,L2,,plain \"inch\" mark\r\n",
    "\r\n",
    "call,K1,\"multi\nline\nfield\",ünï😀\n",
    "lead,L3\n",
    "click,C9,\"\",\"\"",
  ].joined()

  static let mixed = ndjson + "\n" + csv + "\n" + #"{"type":"lead","id":"L9"}"# + "\n"

  static let chunkSizes = [1, 2, 3, 7, 64, 4096]

  @Test(arguments: chunkSizes)
  func ndjsonSameInEveryChunking(chunk: Int) throws {
    let whole = try readAll(Self.ndjson)
    #expect(whole.records.count == 4)
    #expect(try readAll(Self.ndjson, sourceChunk: chunk) == whole)
    #expect(try readAll(Self.ndjson, readerChunk: chunk) == whole)
  }

  @Test(arguments: chunkSizes)
  func csvSameInEveryChunking(chunk: Int) throws {
    let whole = try readAll(Self.csv)
    #expect(whole.records.count == 5)
    #expect(try readAll(Self.csv, sourceChunk: chunk) == whole)
    #expect(try readAll(Self.csv, readerChunk: chunk) == whole)
  }

  @Test(arguments: chunkSizes)
  func mixedSameInEveryChunking(chunk: Int) throws {
    let whole = try readAll(Self.mixed)
    #expect(whole.records.count == 10)
    #expect(whole.rejections.isEmpty)
    #expect(try readAll(Self.mixed, sourceChunk: chunk, readerChunk: chunk + 5) == whole)
  }

  @Test(arguments: chunkSizes)
  func tooLongLineSkippedInEveryChunking(chunk: Int) throws {
    let input =
      "{\"id\":\"1\"}\n{\"id\":\"" + String(repeating: "x", count: 300) + "\"}\r\n{\"id\":\"3\"}"
    let result = try readAll(input, maxLineLength: 40, sourceChunk: chunk, readerChunk: chunk)
    #expect(result.items.count == 3)
    #expect(result.rejections.map(\.line) == [2])
    #expect(result.rejections.first?.reason == "line too long (more than 40 bytes)")
    #expect(
      result.items.last
        == .record(line: 3, fields: [ReadField(name: "id", value: "3", kind: .string)]))
    #expect(result.linesRead == 3)
  }

  /// The NDJSON records agree with Foundation's JSONSerialization, line by line.
  @Test func ndjsonMatchesFoundationOracle() throws {
    let result = try readAll(Self.ndjson)
    // Split on the byte: "\r\n" is one Character, so String.split would not cut it.
    let lines = Array(Self.ndjson.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
    var expectedLines: [Int] = []
    var oracle: [[String: Any]] = []
    for (index, line) in lines.enumerated()
    where !line.allSatisfy({ [0x20, 0x09, 0x0D].contains($0) }) {
      expectedLines.append(index + 1)
      let object = try JSONSerialization.jsonObject(with: Data(line))
      oracle.append(try #require(object as? [String: Any]))
    }
    #expect(result.items.count == oracle.count)
    for (item, (expected, line)) in zip(result.items, zip(oracle, expectedLines)) {
      guard case .record(let gotLine, let fields) = item else {
        Issue.record("expected a record, got \(item)")
        continue
      }
      #expect(gotLine == line)
      // Duplicate keys: JSONSerialization keeps one value; we keep every one.
      #expect(Set(fields.map(\.name)) == Set(expected.keys))
      for field in fields where fields.filter({ $0.name == field.name }).count == 1 {
        try expectSame(field, expected[field.name])
      }
    }
  }

  private func expectSame(_ field: ReadField, _ expected: Any?) throws {
    switch field.kind {
    case .string:
      #expect(field.value == expected as? String, "\(field.name)")
    case .number:
      let number = try #require(expected as? NSNumber)
      #expect(Double(field.value) == number.doubleValue, "\(field.name)")
    case .bool:
      #expect(field.value == ((expected as? Bool) == true ? "true" : "false"), "\(field.name)")
    case .null:
      #expect(expected is NSNull && field.value.isEmpty, "\(field.name)")
    case .array, .object:
      let ours = try JSONSerialization.jsonObject(with: Data(field.value.utf8))
      let theirs = try #require(expected)
      #expect(NSArray(object: ours).isEqual(NSArray(object: theirs)), "\(field.name)")
    }
  }
}
