#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a line is not a JSON object, as the reason a ``Rejection`` carries.
struct JSONSyntaxError: Error {
  var reason: String
}

/// Takes the members of a JSON object as ``JSONObjectParser`` finds them.
protocol JSONMemberSink {
  /// One member: its decoded name and value (see ``JSONObjectParser``), valid only
  /// during the call. Returns false to stop parsing the line here.
  mutating func member(
    name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, kind: RawValueKind
  ) -> Bool
}

/// A byte-level parser for one NDJSON line: a JSON object whose members it hands
/// to a ``JSONMemberSink`` in input order.
///
/// Strings are decoded (escapes resolved, `\u` surrogate pairs joined into
/// UTF-8); numbers are checked against the JSON grammar and kept as their
/// literal text; nested arrays and objects are checked and kept as raw JSON
/// text; `null` is an empty value. Duplicate keys are all kept. The bytes must
/// already be valid UTF-8.
///
/// Nothing is copied for a value or name without escapes: the sink sees the
/// input's own bytes. Strings with escapes are decoded into a scratch buffer the
/// size of the line (decoding never makes JSON longer), allocated only for a
/// line that has a backslash.
struct JSONObjectParser {
  /// Arrays and objects nested deeper than this are rejected (the line's object is level 1).
  static let maxDepth = 64

  let bytes: UnsafePointer<UInt8>
  let count: Int
  var index: Int
  /// Where strings with escapes are decoded (nil when the line has no backslash).
  let scratch: UnsafeMutablePointer<UInt8>?
  /// Bytes written to `scratch`.
  var written = 0
  /// For a line with neither backslash nor control byte, where its quotes are (see
  /// ``parseIndexed(_:count:quotes:into:)``); strings then end at the next one.
  var quotes: UnsafePointer<UInt64>? = nil

  /// A parser of `count` bytes at `bytes`, starting at offset `start`. Byte
  /// positions in messages are 1-based offsets from `bytes`.
  init(
    _ bytes: UnsafePointer<UInt8>, count: Int, start: Int, scratch: UnsafeMutablePointer<UInt8>?
  ) {
    self.bytes = bytes
    self.count = count
    self.index = start
    self.scratch = scratch
  }

  /// Parses `count` bytes at `bytes` from offset `start` as one object, appending its
  /// members to `record`.
  static func parse(
    _ bytes: UnsafePointer<UInt8>, count: Int, start: Int, into record: inout RawRecord
  ) throws(JSONSyntaxError) {
    var sink = RawRecordSink(record: record)
    record = RawRecord()  // one owner while it is filled: no copy
    defer { record = sink.record }
    _ = try parse(bytes, count: count, start: start, into: &sink)
  }

  /// Parses `count` bytes at `bytes` from offset `start` as one object, handing its
  /// members to `sink`. Returns false when the sink stopped it (the rest of the line
  /// is then not checked).
  static func parse<Sink: JSONMemberSink>(
    _ bytes: UnsafePointer<UInt8>, count: Int, start: Int, into sink: inout Sink
  ) throws(JSONSyntaxError) -> Bool {
    guard hasBackslash(bytes + start, count: count - start) else {
      return try parseUnescaped(bytes, count: count, start: start, into: &sink)
    }
    let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
    defer { scratch.deallocate() }
    var parser = JSONObjectParser(bytes, count: count, start: start, scratch: scratch)
    return try parser.parseMembers(into: &sink)
  }

  /// ``parse(_:count:start:into:)`` of a line with no backslash: nothing to decode, so
  /// every name and value the sink sees is the input's own bytes, valid as long as
  /// the input is.
  static func parseUnescaped<Sink: JSONMemberSink>(
    _ bytes: UnsafePointer<UInt8>, count: Int, start: Int, into sink: inout Sink
  ) throws(JSONSyntaxError) -> Bool {
    var parser = JSONObjectParser(bytes, count: count, start: start, scratch: nil)
    return try parser.parseMembers(into: &sink)
  }

  /// ``parse(_:count:start:into:)`` of a line with neither backslash nor control byte
  /// whose quotes ``leadscreen_json_index`` found: each string ends at the next
  /// quote, found in the index (no byte of it is looked at again). Names and values
  /// are the input's own bytes.
  static func parseIndexed<Sink: JSONMemberSink>(
    _ bytes: UnsafePointer<UInt8>, count: Int, quotes: UnsafePointer<UInt64>,
    into sink: inout Sink
  ) throws(JSONSyntaxError) -> Bool {
    var parser = JSONObjectParser(bytes, count: count, start: 0, scratch: nil)
    parser.quotes = quotes
    return try parser.parseMembers(into: &sink)
  }

  /// Whether the `count` bytes at `bytes` have a backslash (JSON's only escape).
  @inline(__always)
  static func hasBackslash(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
    memchr(bytes, Int32(UInt8(ascii: "\\")), count) != nil
  }

  private mutating func parseMembers<Sink: JSONMemberSink>(into sink: inout Sink)
    throws(JSONSyntaxError) -> Bool
  {
    skipSpace()
    guard peek == UInt8(ascii: "{") else { throw JSONSyntaxError(reason: "not a JSON object") }
    index += 1
    skipSpace()
    if peek == UInt8(ascii: "}") {
      index += 1
    } else {
      while true {
        guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key") }
        let name = try string(decode: true)
        skipSpace()
        guard peek == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        skipSpace()
        // Strings, most values, inline; the rest through `value()`.
        let value: UnsafeRawBufferPointer
        let kind: RawValueKind
        if peek == UInt8(ascii: "\"") {
          value = try string(decode: true)
          kind = .string
        } else {
          (value, kind) = try self.value()
        }
        guard sink.member(name: name, value: value, kind: kind) else { return false }
        skipSpace()
        let next = peek
        if next == UInt8(ascii: ",") {
          index += 1
          skipSpace()
        } else if next == UInt8(ascii: "}") {
          index += 1
          break
        } else {
          throw fail("expected ',' or '}'")
        }
      }
    }
    skipSpace()
    if index < count { throw fail("unexpected text after the object") }
    return true
  }

  /// Parses one member value: its decoded or raw text, and its kind.
  private mutating func value() throws(JSONSyntaxError) -> (UnsafeRawBufferPointer, RawValueKind) {
    let start = index
    let kind: RawValueKind
    switch peek {
    case UInt8(ascii: "\""):
      return (try string(decode: true), .string)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      try number()
      kind = .number
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      try literal()
      kind = .bool
    case UInt8(ascii: "n"):
      try literal()
      return (UnsafeRawBufferPointer(start: bytes + index, count: 0), .null)
    case UInt8(ascii: "["):
      try container(depth: 2)
      kind = .array
    case UInt8(ascii: "{"):
      try container(depth: 2)
      kind = .object
    default:
      throw fail("expected a value")
    }
    return (UnsafeRawBufferPointer(start: bytes + start, count: index - start), kind)
  }

  /// Checks the array or object at `index` (nesting level `depth`) and moves past it.
  private mutating func container(depth: Int) throws(JSONSyntaxError) {
    guard depth <= Self.maxDepth else {
      throw fail("nesting deeper than \(Self.maxDepth) levels")
    }
    let isObject = peek == UInt8(ascii: "{")
    let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
    index += 1
    skipSpace()
    if peek == close {
      index += 1
      return
    }
    while true {
      if isObject {
        guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key") }
        _ = try string(decode: false)
        skipSpace()
        guard peek == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        skipSpace()
      }
      try skipValue(depth: depth)
      skipSpace()
      let next = peek
      if next == UInt8(ascii: ",") {
        index += 1
        skipSpace()
      } else if next == close {
        index += 1
        return
      } else {
        throw fail(isObject ? "expected ',' or '}'" : "expected ',' or ']'")
      }
    }
  }

  /// Checks any value inside a container at level `depth` and moves past it.
  private mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
    switch peek {
    case UInt8(ascii: "\""): _ = try string(decode: false)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): try literal()
    case UInt8(ascii: "["), UInt8(ascii: "{"): try container(depth: depth + 1)
    default: throw fail("expected a value")
    }
  }

  /// The byte at `index`, or 0 past the end (0 is never a valid byte outside strings).
  @inline(__always) var peek: UInt8 { index < count ? bytes[index] : 0 }

  @inline(__always) mutating func skipSpace() {
    while index < count {
      let byte = bytes[index]
      // Everything but white space is above 0x20: one comparison in the usual case
      // (compact JSON), where four took a quarter of the parse.
      guard byte <= 0x20, byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else {
        return
      }
      index += 1
    }
  }

  /// Copies input bytes `start..<end` to `scratch`.
  @inline(__always)
  mutating func copy(from start: Int, to end: Int) {
    (scratch! + written).update(from: bytes + start, count: end - start)
    written += end - start
  }

  /// Writes one byte to `scratch`.
  @inline(__always)
  mutating func put(_ byte: UInt8) {
    scratch![written] = byte
    written += 1
  }

  /// An error at the current position.
  func fail(_ message: String) -> JSONSyntaxError { fail(message, at: index) }

  /// An error at `offset`: "broken JSON: MESSAGE at byte N" (N is 1-based).
  func fail(_ message: String, at offset: Int) -> JSONSyntaxError {
    if offset >= count { return JSONSyntaxError(reason: "broken JSON: \(message) at end of line") }
    return JSONSyntaxError(reason: "broken JSON: \(message) at byte \(offset + 1)")
  }
}
