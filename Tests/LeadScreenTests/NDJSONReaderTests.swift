import LeadScreen
import Testing

/// The NDJSON side of the reader: values, escapes, and every way a line is not JSON.
@Suite struct NDJSONReaderTests {
  private func fields(_ line: String) throws -> [ReadField] {
    let result = try readAll(line, format: .ndjson)
    return try #require(result.records.first, "\(result.items)")
  }

  private func rejection(_ line: String) throws -> String {
    let result = try readAll(line, format: .ndjson)
    return try #require(result.rejections.first, "\(result.items)").reason
  }

  @Test func valueKinds() throws {
    let got = try fields(
      #"{"s":"x","n":-0.5E+2,"t":true,"f":false,"z":null,"a":[1, "]", {"k":[]}],"o":{"x":{}}}"#)
    #expect(
      got == [
        ReadField(name: "s", value: "x", kind: .string),
        ReadField(name: "n", value: "-0.5E+2", kind: .number),
        ReadField(name: "t", value: "true", kind: .bool),
        ReadField(name: "f", value: "false", kind: .bool),
        ReadField(name: "z", value: "", kind: .null),
        ReadField(name: "a", value: #"[1, "]", {"k":[]}]"#, kind: .array),
        ReadField(name: "o", value: #"{"x":{}}"#, kind: .object),
      ])
  }

  struct Escape: Sendable, CustomStringConvertible {
    var json: String
    var decoded: String
    var description: String { json }
  }

  static let escapes: [Escape] = [
    Escape(json: #"a\"b"#, decoded: "a\"b"),
    Escape(json: #"back\\slash"#, decoded: "back\\slash"),
    Escape(json: #"\/"#, decoded: "/"),
    Escape(json: #"\b\f\n\r\t"#, decoded: "\u{8}\u{C}\n\r\t"),
    Escape(json: #"\u00e9\u00E9"#, decoded: "éé"),
    Escape(json: #"\u4e2d文"#, decoded: "中文"),
    Escape(json: #"\ud83d\ude00"#, decoded: "😀"),
    Escape(json: #"x\u0000y"#, decoded: "x\u{0}y"),
    Escape(json: "raw ünï 😀", decoded: "raw ünï 😀"),
  ]

  @Test(arguments: escapes)
  func stringEscapesDecode(_ escape: Escape) throws {
    let got = try fields(#"{"k\u0031":""# + escape.json + #""}"#)
    #expect(got == [ReadField(name: "k1", value: escape.decoded, kind: .string)])
  }

  @Test func duplicateKeysAreAllKept() throws {
    let got = try fields(#"{"id":"1","id":"2"}"#)
    #expect(got.map(\.value) == ["1", "2"])
  }

  @Test func emptyObjectIsARecordWithoutFields() throws {
    let result = try readAll("{}\n { } \n")
    #expect(result.items == [.record(line: 1, fields: []), .record(line: 2, fields: [])])
  }

  struct Broken: Sendable, CustomStringConvertible {
    var line: String
    var reason: String
    var description: String { line }
  }

  static let broken: [Broken] = [
    Broken(line: #"{"id":"abc"#, reason: "broken JSON: unterminated string at byte 7"),
    Broken(line: #"{"id" "x"}"#, reason: "broken JSON: expected ':' at byte 7"),
    Broken(line: #"{"id":"x" "y":1}"#, reason: "broken JSON: expected ',' or '}' at byte 11"),
    Broken(line: #"{"id":"x","#, reason: "broken JSON: expected a string key at end of line"),
    Broken(line: #"{id:1}"#, reason: "broken JSON: expected a string key at byte 2"),
    Broken(line: #"{"a":}"#, reason: "broken JSON: expected a value at byte 6"),
    Broken(line: #"{"a":tru}"#, reason: "broken JSON: expected a value at byte 6"),
    Broken(line: #"{"a":01}"#, reason: "broken JSON: invalid number at byte 6"),
    Broken(line: #"{"a":1.}"#, reason: "broken JSON: invalid number at byte 6"),
    Broken(line: #"{"a":-}"#, reason: "broken JSON: invalid number at byte 6"),
    Broken(line: #"{"a":1e+}"#, reason: "broken JSON: invalid number at byte 6"),
    Broken(line: #"{"a":12abc}"#, reason: "broken JSON: invalid number at byte 6"),
    Broken(line: #"{"a":"\q"}"#, reason: #"broken JSON: invalid escape '\q' at byte 7"#),
    Broken(line: #"{"a":"\u12G4"}"#, reason: #"broken JSON: invalid \u escape at byte 7"#),
    Broken(
      line: #"{"a":"\ud83d"}"#, reason: #"broken JSON: unpaired surrogate in \u escape at byte 7"#),
    Broken(
      line: #"{"a":"\ude00x"}"#, reason: #"broken JSON: unpaired surrogate in \u escape at byte 7"#),
    Broken(
      line: "{\"a\":\"tab\there\"}", reason: "broken JSON: control character in string at byte 10"),
    Broken(line: #"{"a":[1,2}"#, reason: "broken JSON: expected ',' or ']' at byte 10"),
    Broken(line: #"{"a":{"b" 1}}"#, reason: "broken JSON: expected ':' at byte 11"),
    Broken(line: #"{"a":1}}"#, reason: "broken JSON: unexpected text after the object at byte 8"),
    Broken(
      line: #"{"a":1} {"b":2}"#, reason: "broken JSON: unexpected text after the object at byte 9"),
    Broken(
      line: "{\"a\":" + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}",
      reason: "broken JSON: nesting deeper than 64 levels at byte 69"),
    Broken(line: #"[1,2]"#, reason: "not a JSON object"),
    Broken(line: #""just a string""#, reason: "not a JSON object"),
    Broken(line: "42", reason: "not a JSON object"),
    Broken(line: "null", reason: "not a JSON object"),
    Broken(line: "type,id", reason: "not a JSON object"),
  ]

  @Test(arguments: broken)
  func brokenLinesNameTheProblem(_ broken: Broken) throws {
    #expect(try rejection(broken.line) == broken.reason)
  }

  @Test func nestingUpToTheLimitIsAccepted() throws {
    let depth = 63  // plus the line's own object: 64 levels
    let value = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let got = try fields("{\"a\":" + value + "}")
    #expect(got == [ReadField(name: "a", value: value, kind: .array)])
  }

  @Test func rejectedLineKeepsItsTextAndNumberAndReadingGoesOn() throws {
    let input = "{\"id\":\"1\"}\n{\"id\":\n{\"id\":\"3\"}\n"
    let result = try readAll(input)
    #expect(result.items.count == 3)
    #expect(
      result.items[1]
        == .rejected(
          Rejection(
            line: 2, reason: "broken JSON: expected a value at end of line", text: "{\"id\":")))
    #expect(
      result.items[2]
        == .record(line: 3, fields: [ReadField(name: "id", value: "3", kind: .string)]))
  }

  @Test func byteOrderMarkIsIgnored() throws {
    let got = try fields("\u{FEFF}{\"id\":\"1\"}")
    #expect(got == [ReadField(name: "id", value: "1", kind: .string)])
  }
}
