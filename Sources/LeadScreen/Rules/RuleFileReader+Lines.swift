#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension RuleFileReader {
  /// One rule line as bytes: valid only inside the call that hands it out.
  struct RawLine {
    /// 1-based line number.
    var number: Int
    /// The line without its line break and one trailing carriage return.
    var bytes: UnsafeRawBufferPointer
    /// Whether every byte is ASCII. Loaders work on the bytes of an ASCII line; for
    /// other lines they take the `Character` view, where a space, tab, `#` or separator
    /// followed by a combining mark is a different character (see ``text``).
    var isASCII: Bool

    /// The line as a `String` (for messages, kept text and non-ASCII lines).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes `range` of the line.
    subscript(range: Range<Int>) -> UnsafeRawBufferPointer {
      UnsafeRawBufferPointer(rebasing: bytes[range])
    }
  }

  /// The file's bytes as UTF-8 text: as read when valid, else repaired as
  /// `String(decoding:as:)` repairs them (each ill-formed sequence becomes U+FFFD), so
  /// offsets are those of the text a `String` of the file holds.
  static func text(of path: String) throws(RuleFileError) -> [UInt8] {
    let bytes = try bytes(of: path)
    let valid = bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return true }
      return UTF8Validation.firstInvalid(base, count: buffer.count) == nil
    }
    return valid ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
  }

  /// Calls `body` for every rule line of the file, in order: lines split at `\n`, each
  /// without one trailing `\r`, skipping blank lines (spaces and tabs only) and `#`
  /// comments. The file is read whole first, so an unreadable file fails before any line.
  static func forEachRuleLine(
    of path: String, _ body: (RawLine) throws(RuleFileError) -> Void
  ) throws(RuleFileError) {
    try forEachRuleLine(in: try text(of: path), body)
  }

  /// ``forEachRuleLine(of:_:)`` over a file's ``text(of:)``.
  static func forEachRuleLine(
    in text: [UInt8], _ body: (RawLine) throws(RuleFileError) -> Void
  ) throws(RuleFileError) {
    let failure = text.withUnsafeBytes { raw -> RuleFileError? in
      do throws(RuleFileError) {
        try forEachRuleLine(in: raw, body)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }

  /// ``forEachRuleLine(of:_:)`` over text already in memory.
  static func forEachRuleLine(
    in text: UnsafeRawBufferPointer, _ body: (RawLine) throws(RuleFileError) -> Void
  ) throws(RuleFileError) {
    guard let base = text.baseAddress else { return }
    let allASCII = UTF8Validation.isASCII(text)
    var start = 0
    var number = 0
    while start < text.count {
      let end =
        memchr(base + start, 0x0A, text.count - start).map { UnsafeRawPointer($0) - base }
        ?? text.count
      number += 1
      var lineEnd = end
      if lineEnd > start && text[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      let bytes = UnsafeRawBufferPointer(rebasing: text[start..<lineEnd])
      if isRuleLine(bytes) {
        try body(
          RawLine(number: number, bytes: bytes, isASCII: allASCII || UTF8Validation.isASCII(bytes)))
      }
      start = end + 1
    }
  }

  /// Not blank and not a comment: the first character that is not a space or tab is
  /// there and is not `#`.
  static func isRuleLine(_ line: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    while index < line.count && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
    guard index < line.count else { return false }
    guard line[index] == UInt8(ascii: "#") else { return true }
    // `#` and a combining mark after it are one character, which is not `#`.
    if index + 1 < line.count && line[index + 1] >= 0x80 {
      return !String(decoding: line, as: UTF8.self).drop { $0 == " " || $0 == "\t" }
        .hasPrefix("#")
    }
    return false
  }

  /// The bytes `line[range]` between leading and trailing spaces and tabs, as
  /// ``trimmingASCIISpaces`` (on characters) would leave them.
  static func trimmed(_ line: RawLine, _ range: Range<Int>) -> Range<Int> {
    guard !line.isASCII else {
      var start = range.lowerBound
      var end = range.upperBound
      while start < end && (line.bytes[start] == 0x20 || line.bytes[start] == 0x09) { start += 1 }
      while end > start && (line.bytes[end - 1] == 0x20 || line.bytes[end - 1] == 0x09) { end -= 1 }
      return start..<end
    }
    let text = String(decoding: line[range], as: UTF8.self)
    let start = text.prefix { $0 == " " || $0 == "\t" }.utf8.count
    let kept = text.trimmingASCIISpaces().utf8.count
    return range.lowerBound + start..<range.lowerBound + start + kept
  }

  /// Calls `body` with each piece of `line[range]` between `separator` bytes (an ASCII
  /// byte), as `split(separator:omittingEmptySubsequences:)` on its characters gives
  /// them, until `body` returns false; returns false when it did.
  @discardableResult
  static func forEachPiece(
    _ line: RawLine, _ range: Range<Int>, separator: UInt8, omittingEmpty: Bool,
    _ body: (Range<Int>) -> Bool
  ) -> Bool {
    guard !line.isASCII else {
      let bytes = line.bytes
      var start = range.lowerBound
      for index in range where bytes[index] == separator {
        if !omittingEmpty || index > start {
          guard body(start..<index) else { return false }
        }
        start = index + 1
      }
      if !omittingEmpty || range.upperBound > start { return body(start..<range.upperBound) }
      return true
    }
    let text = String(decoding: line[range], as: UTF8.self)
    let utf8 = text.utf8
    for piece in text.split(
      separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: omittingEmpty)
    {
      let start = range.lowerBound + utf8.distance(from: utf8.startIndex, to: piece.startIndex)
      guard body(start..<start + piece.utf8.count) else { return false }
    }
    return true
  }

  /// The pieces ``forEachPiece(_:_:separator:omittingEmpty:_:)`` gives.
  static func split(
    _ line: RawLine, _ range: Range<Int>, separator: UInt8, omittingEmpty: Bool
  ) -> [Range<Int>] {
    var pieces: [Range<Int>] = []
    forEachPiece(line, range, separator: separator, omittingEmpty: omittingEmpty) {
      pieces.append($0)
      return true
    }
    return pieces
  }
}
