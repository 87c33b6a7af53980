import CByteScan

/// Reads records from a byte source: NDJSON, CSV, or both mixed line by line.
///
/// Bytes arrive in large chunks into one reusable buffer; lines are parsed in place, so
/// once warm a record costs no allocation. The usual NDJSON line's end is found in the
/// pass that indexes its quotes (``leadscreen_json_index_line``); any other line's with
/// `memchr`.
/// A line ends at `\n`; a `\r` before it is dropped; the last line needs no
/// newline. A UTF-8 byte order mark at the start of a line is ignored.
///
/// With no `format`, each line decides: a line whose first non-blank byte is
/// `{` is NDJSON, any other is CSV — so `cat clicks.ndjson calls.csv` reads.
/// The first CSV row is the header when all its cells are field names (with
/// `format: .csv`, the first row is the header whatever it says); later, a row
/// of field names with both a `type` and an `id` cell is a new header (each
/// concatenated CSV file brings its own). Header rows and blank lines are
/// counted, not returned. Lines that cannot be read are returned as
/// ``ReadOutcome/rejected(_:)`` and reading goes on.
///
/// The reader owns its buffer: use one value, do not copy it.
public struct RecordReader {
  let source: any ByteSource
  let format: InputFormat?
  let maxLineLength: Int
  let window: ByteWindow
  var row = CSVRowParser()
  var header = CSVHeader()

  /// Physical lines consumed so far.
  public internal(set) var linesRead = 0
  /// CSV header rows seen (not records).
  public internal(set) var headerLines = 0
  /// Blank or whitespace-only lines skipped (not records).
  public internal(set) var blankLines = 0

  /// A reader of `source`. `format` nil detects it per line. A line (or a CSV
  /// record spanning lines) longer than `maxLineLength` bytes is rejected
  /// without being buffered. `chunkSize` is the size of each read.
  public init(
    source: any ByteSource, format: InputFormat? = nil, maxLineLength: Int = 1 << 20,
    chunkSize: Int = 1 << 17
  ) {
    precondition(maxLineLength > 0 && chunkSize > 0, "sizes must be positive")
    self.source = source
    self.format = format
    self.maxLineLength = maxLineLength
    let chunk = min(chunkSize, 1 << 26)
    if let mapped = source.takeMappedBytes(), mapped.count > 0 {
      window = ByteWindow(mapped: mapped, maxRecord: maxLineLength + 2, chunkSize: chunk)
    } else {
      window = ByteWindow(maxRecord: maxLineLength + 2, chunkSize: chunk)
    }
  }

  /// Whether the next ``next(into:)`` can return without reading from the source: a
  /// whole line is buffered, or the source has ended. (A reader on another thread
  /// hands over what it has before it may block.)
  public var hasBufferedLine: Bool {
    window.atEnd || window.hasNewline
  }

  /// Fills `record` (after `record.removeAll()`) with the next record, or
  /// reports a rejected line, or the end.
  public mutating func next(into record: inout RawRecord) throws(InputError) -> ReadOutcome {
    var none = NoShortcut()
    guard let outcome = try next(into: &record, shortcut: &none) else {
      preconditionFailure("NoShortcut takes no line")
    }
    return outcome
  }

  /// Like ``next(into:)``, but offers each valid NDJSON line to `shortcut` first:
  /// nil when it took the line (the line is read; `record` is empty).
  public mutating func next<Shortcut: JSONLineShortcut>(
    into record: inout RawRecord, shortcut: inout Shortcut
  ) throws(InputError) -> ReadOutcome? {
    record.removeAll()
    while true {
      switch indexedLine(into: &record, shortcut: &shortcut) {
      case .outcome(let outcome)?: return outcome
      case .taken?: return nil
      case .blank?, nil: break
      }
      let end: Int
      let next: Int
      switch try findLineEnd(from: 0) {
      case .none:
        return .end
      case .tooLong:
        let known = window.newline(from: 0) ?? window.available
        let rejection = reject(
          "line too long (more than \(maxLineLength) bytes)", line: linesRead + 1,
          end: min(trimmedEnd(known), 1024))
        try skipLine()
        return .rejected(rejection)
      case .line(let lineEnd, let lineNext):
        end = lineEnd
        next = lineNext
      }
      let outcome = try read(end: end, next: next, into: &record, shortcut: &shortcut)
      switch outcome {
      case .blank: continue
      case .outcome(let outcome): return outcome
      case .taken: return nil
      }
    }
  }

  /// The usual NDJSON line, `{` first, whole in the buffer and at most
  /// ``indexedLineBytes`` (and `maxLineLength`) long with no `\r` before its newline:
  /// its end found in the pass that indexes its quotes (``leadscreen_json_index_line``),
  /// not by a search of its own before it; then read as ``read(end:next:into:shortcut:)``
  /// reads it. Nil for any other line, left to that.
  @inline(__always)
  private mutating func indexedLine<Shortcut: JSONLineShortcut>(
    into record: inout RawRecord, shortcut: inout Shortcut
  ) -> LineOutcome? {
    let available = window.available
    guard format != .csv, available > 0 else { return nil }
    let line = UnsafePointer(window.pointer)
    guard line[0] == UInt8(ascii: "{") else { return nil }
    let limit = min(available, min(Self.indexedLineBytes, maxLineLength) + 1)
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.indexedLineBytes / 64 + 1)
    { quotes -> LineOutcome? in
      var length = 0
      let flags = leadscreen_json_index_line(line, limit, quotes.baseAddress!, &length)
      // (`length` is at least 1: the first byte is `{`.)
      guard length < limit, line[length - 1] != 0x0D else { return nil }
      let outcome = Self.parseJSONLine(
        line, count: length, start: 0, line: linesRead + 1,
        index: (flags, UnsafePointer(quotes.baseAddress!)), into: &record, shortcut: &shortcut)
      consume(length + 1, lines: 1)
      return outcome.map { .outcome($0) } ?? .taken
    }
  }

  /// What ``read(end:next:into:shortcut:)`` made of a line.
  private enum LineOutcome {
    /// Nothing to return: a blank line or a CSV header, skipped.
    case blank
    case outcome(ReadOutcome)
    case taken
  }

  /// Reads the physical line `0..<end` of the unconsumed bytes (the next line
  /// starts at `next`), skipping a blank one (and CSV headers).
  private mutating func read<Shortcut: JSONLineShortcut>(
    end: Int, next: Int, into record: inout RawRecord, shortcut: inout Shortcut
  ) throws(InputError) -> LineOutcome {
    let line = UnsafePointer(window.pointer)
    let (start, isJSON) = content(of: line, end: end)
    guard let isJSON else {
      consume(next, lines: 1)
      blankLines += 1
      return .blank
    }
    let number = linesRead + 1
    guard isJSON else {
      if let bad = UTF8Validation.firstInvalid(line + start, count: end - start) {
        let rejection = reject("invalid UTF-8 at byte \(start + bad + 1)", line: number, end: end)
        consume(next, lines: 1)
        return .outcome(.rejected(rejection))
      }
      let row = try readCSV(start: start, end: end, next: next, line: number, into: &record)
      return row.map { .outcome($0) } ?? .blank
    }
    let outcome = Self.parseJSONLine(
      line, count: end, start: start, line: number, into: &record, shortcut: &shortcut)
    consume(next, lines: 1)
    return outcome.map { .outcome($0) } ?? .taken
  }

  /// Where the text of the line `line[0..<end]` starts (after a UTF-8 byte order mark),
  /// and whether it is NDJSON (with no `format`, a line whose first non-blank byte is
  /// `{`); `isJSON` is nil for a blank line.
  @inline(__always)
  private func content(of line: UnsafePointer<UInt8>, end: Int) -> (start: Int, isJSON: Bool?) {
    let start = end >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF ? 3 : 0
    var first = start
    while first < end && isBlank(line[first]) { first += 1 }
    if first == end { return (start, nil) }
    return (start, format == .ndjson || (format == nil && line[first] == UInt8(ascii: "{")))
  }

  /// Like ``next(into:)``, but an NDJSON line is not checked or parsed here: its bytes
  /// (byte order mark included, line end not) are appended to `lines` and returned as
  /// ``FramedOutcome/json(bom:count:line:)``, for
  /// ``parseJSONLine(_:count:start:line:into:)`` on any thread, which gives what
  /// ``next(into:)`` would have. Anything else (CSV rows, whose header is this reader's
  /// state, blank and over-long lines) is read as ``next(into:)`` reads it.
  public mutating func nextFramed(into record: inout RawRecord, lines: inout [UInt8])
    throws(InputError) -> FramedOutcome
  {
    guard case .line(let end, let next) = try findLineEnd(from: 0) else {
      return FramedOutcome(try self.next(into: &record))
    }
    let line = UnsafePointer(window.pointer)
    let (start, isJSON) = content(of: line, end: end)
    guard isJSON == true else { return FramedOutcome(try self.next(into: &record)) }
    record.removeAll()
    lines.append(contentsOf: UnsafeBufferPointer(start: line, count: end))
    let number = linesRead + 1
    consume(next, lines: 1)
    return .json(bom: start, count: end, line: number)
  }

  /// Checks and parses one NDJSON line, `count` bytes at `line` whose object starts at
  /// `start` (after a byte order mark), into `record` (emptied first): what
  /// ``next(into:)`` does with a line it reads. Returns the rejection when the line is
  /// not valid UTF-8 or not a JSON object.
  public static func parseJSONLine(
    _ line: UnsafePointer<UInt8>, count: Int, start: Int, line number: Int,
    into record: inout RawRecord
  ) -> Rejection? {
    var none = NoShortcut()
    if case .rejected(let rejection) = parseJSONLine(
      line, count: count, start: start, line: number, into: &record, shortcut: &none)
    {
      return rejection
    }
    return nil
  }

  /// Like ``parseJSONLine(_:count:start:line:into:)``, but offers the line to `shortcut`
  /// once it is known to be valid UTF-8: nil when the shortcut took it (`record` is
  /// then empty), else `.record` or `.rejected`.
  ///
  /// A line of up to ``indexedLineBytes`` is indexed first (``leadscreen_json_index``,
  /// one pass): the index says whether the UTF-8 check is needed at all (not for
  /// ASCII), and, for a line with neither backslash nor control byte, where its quotes
  /// are, for the shortcut.
  public static func parseJSONLine<Shortcut: JSONLineShortcut>(
    _ line: UnsafePointer<UInt8>, count: Int, start: Int, line number: Int,
    into record: inout RawRecord, shortcut: inout Shortcut
  ) -> ReadOutcome? {
    parseJSONLine(
      line, count: count, start: start, line: number, index: nil, into: &record,
      shortcut: &shortcut)
  }

  /// ``parseJSONLine(_:count:start:line:into:shortcut:)`` with the line's index, when
  /// ``leadscreen_json_index_line`` made it (the line then has no byte order mark).
  @inline(__always)
  private static func parseJSONLine<Shortcut: JSONLineShortcut>(
    _ line: UnsafePointer<UInt8>, count: Int, start: Int, line number: Int,
    index: (flags: UInt32, quotes: UnsafePointer<UInt64>)?, into record: inout RawRecord,
    shortcut: inout Shortcut
  ) -> ReadOutcome? {
    record.removeAll()
    let (invalid, taken) = screen(
      line + start, count: count - start, index: index, shortcut: &shortcut)
    if let bad = invalid {
      return .rejected(
        rejection(
          "invalid UTF-8 at byte \(start + bad + 1)", line: number, text: line, count: count))
    }
    if taken { return nil }
    do {
      try JSONObjectParser.parse(line, count: count, start: start, into: &record)
    } catch {
      record.removeAll()
      return .rejected(rejection(error.reason, line: number, text: line, count: count))
    }
    record.line = number
    return .record
  }

  /// The UTF-8 check of a line's `count` bytes at `body` (the offset of the first
  /// invalid byte, if any) and, for a valid line, whether `shortcut` took it.
  private static func screen<Shortcut: JSONLineShortcut>(
    _ body: UnsafePointer<UInt8>, count: Int,
    index: (flags: UInt32, quotes: UnsafePointer<UInt64>)?, shortcut: inout Shortcut
  ) -> (invalid: Int?, taken: Bool) {
    if let index {
      return screen(
        body, count: count, flags: index.flags, quotes: index.quotes, shortcut: &shortcut)
    }
    guard count <= indexedLineBytes else {
      if let bad = UTF8Validation.firstInvalid(body, count: count) { return (bad, false) }
      return (nil, shortcut.take(body, count: count, quotes: nil))
    }
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: indexedLineBytes / 64) {
      quotes in
      let flags = leadscreen_json_index(body, count, quotes.baseAddress!)
      return screen(
        body, count: count, flags: flags, quotes: UnsafePointer(quotes.baseAddress!),
        shortcut: &shortcut)
    }
  }

  /// ``screen(_:count:index:shortcut:)`` of an indexed line.
  @inline(__always)
  private static func screen<Shortcut: JSONLineShortcut>(
    _ body: UnsafePointer<UInt8>, count: Int, flags: UInt32, quotes: UnsafePointer<UInt64>,
    shortcut: inout Shortcut
  ) -> (invalid: Int?, taken: Bool) {
    if flags & UInt32(LEADSCREEN_JSON_NON_ASCII) != 0,
      let bad = UTF8Validation.firstInvalid(body, count: count)
    {
      return (bad, false)
    }
    let plain = flags & UInt32(LEADSCREEN_JSON_BACKSLASH | LEADSCREEN_JSON_CONTROL) == 0
    return (nil, shortcut.take(body, count: count, quotes: plain ? quotes : nil))
  }

  /// The longest line (after a byte order mark) whose quotes are indexed for the
  /// shortcut: 64 words of index on the stack.
  static let indexedLineBytes = 4096

  /// Where a physical line ends, as an offset from the first unconsumed byte.
  enum LineEnd {
    /// The line's bytes end at `end` (before a `\r` and the `\n`, or at the end of the
    /// input: the last line needs no newline); the next line starts at `next`.
    case line(end: Int, next: Int)
    /// No more lines.
    case none
    /// The record starting at the first unconsumed byte is longer than `maxLineLength`.
    case tooLong
  }

  /// Finds the end of the physical line that starts at `offset` (from the first
  /// unconsumed byte), reading more as needed. The length limit applies to
  /// everything from the first unconsumed byte to that line's end.
  mutating func findLineEnd(from offset: Int) throws(InputError) -> LineEnd {
    var searched = offset
    while true {
      if let newline = window.newline(from: searched) {
        let end = trimmedEnd(newline)
        return end > maxLineLength ? .tooLong : .line(end: end, next: newline + 1)
      }
      searched = window.available
      if searched > maxLineLength + 1 { return .tooLong }
      if window.atEnd {
        if searched <= offset { return .none }
        let end = trimmedEnd(searched)
        return end > maxLineLength ? .tooLong : .line(end: end, next: searched)
      }
      try window.fill(from: source)
    }
  }

  /// Drops the current physical line, however long, without keeping it.
  private mutating func skipLine() throws(InputError) {
    while true {
      if let newline = window.newline(from: 0) {
        window.consume(newline + 1)
        break
      }
      window.discardAll()
      if window.atEnd { break }
      try window.fill(from: source)
    }
    linesRead += 1
  }

  /// `end` without a `\r` just before it.
  @inline(__always) func trimmedEnd(_ end: Int) -> Int {
    end > 0 && window.pointer[end - 1] == 0x0D ? end - 1 : end
  }

  @inline(__always) mutating func consume(_ count: Int, lines: Int) {
    window.consume(count)
    linesRead += lines
  }

  /// A rejection of the unconsumed bytes `0..<end` (their first 1 KiB).
  func reject(_ reason: String, line: Int, end: Int) -> Rejection {
    Self.rejection(reason, line: line, text: window.pointer, count: end)
  }

  /// A rejection of the `count` bytes at `text` (their first 1 KiB).
  static func rejection(_ reason: String, line: Int, text: UnsafePointer<UInt8>, count: Int)
    -> Rejection
  {
    let text = UnsafeBufferPointer(start: text, count: min(count, 1024))
    return Rejection(line: line, reason: reason, text: String(decoding: text, as: UTF8.self))
  }

  @inline(__always) private func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
  }
}
