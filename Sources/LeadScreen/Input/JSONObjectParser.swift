/// Why a line is not a JSON object, as the reason a ``Rejection`` carries.
struct JSONSyntaxError: Error {
  var reason: String
}

/// A byte-level parser for one NDJSON line: a JSON object whose members it
/// appends to a ``RawRecord``.
///
/// Strings are decoded (escapes resolved, `\u` surrogate pairs joined into
/// UTF-8); numbers are checked against the JSON grammar and kept as their
/// literal text; nested arrays and objects are checked and kept as raw JSON
/// text. Duplicate keys are all kept. The bytes must already be valid UTF-8.
///
/// Decoded names and values go straight to the record's bytes (room for the rest
/// of the line is made first: decoding never makes JSON longer).
struct JSONObjectParser {
  /// Arrays and objects nested deeper than this are rejected (the line's object is level 1).
  static let maxDepth = 64

  let bytes: UnsafePointer<UInt8>
  let count: Int
  var index: Int
  /// Where decoded bytes go: the record's buffer (the parser lives only inside
  /// ``parse(_:count:start:into:)``'s access to it).
  let output: UnsafeMutablePointer<UInt8>
  /// Bytes written to `output`.
  var written = 0

  /// A parser of `count` bytes at `bytes`, starting at offset `start`, writing to
  /// `output`. Byte positions in messages are 1-based offsets from `bytes`.
  private init(
    _ bytes: UnsafePointer<UInt8>, count: Int, start: Int, output: UnsafeMutablePointer<UInt8>
  ) {
    self.bytes = bytes
    self.count = count
    self.index = start
    self.output = output
  }

  /// Parses `count` bytes at `bytes` from offset `start` as one object, appending its
  /// members to `record`.
  static func parse(
    _ bytes: UnsafePointer<UInt8>, count: Int, start: Int, into record: inout RawRecord
  ) throws(JSONSyntaxError) {
    let base = record.byteCount
    try record.appendBytes(room: count - start) { (output, fields) throws(JSONSyntaxError) in
      var parser = JSONObjectParser(bytes, count: count, start: start, output: output)
      try parser.parseMembers(base: base, into: &fields)
      return parser.written
    }
  }

  private mutating func parseMembers(base: Int, into fields: inout [RawRecord.Field])
    throws(JSONSyntaxError)
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
        let nameStart = base + written
        try string(emit: true)
        let valueStart = base + written
        skipSpace()
        guard peek == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        skipSpace()
        let kind = try value()
        fields.append(
          RawRecord.Field(
            name: nameStart..<valueStart, value: valueStart..<base + written, kind: kind))
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
  }

  /// Parses one member value, writing its decoded or raw text to `output`.
  private mutating func value() throws(JSONSyntaxError) -> RawValueKind {
    let start = index
    switch peek {
    case UInt8(ascii: "\""):
      try string(emit: true)
      return .string
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      try number()
      copy(from: start, to: index)
      return .number
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      try literal()
      copy(from: start, to: index)
      return .bool
    case UInt8(ascii: "n"):
      try literal()
      return .null
    case UInt8(ascii: "["):
      try container(depth: 2)
      copy(from: start, to: index)
      return .array
    case UInt8(ascii: "{"):
      try container(depth: 2)
      copy(from: start, to: index)
      return .object
    default:
      throw fail("expected a value")
    }
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
        try string(emit: false)
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
    case UInt8(ascii: "\""): try string(emit: false)
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
      guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
      index += 1
    }
  }

  /// Copies input bytes `start..<end` to `output`.
  @inline(__always)
  mutating func copy(from start: Int, to end: Int) {
    (output + written).update(from: bytes + start, count: end - start)
    written += end - start
  }

  /// Writes one byte to `output`.
  @inline(__always)
  mutating func put(_ byte: UInt8) {
    output[written] = byte
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
