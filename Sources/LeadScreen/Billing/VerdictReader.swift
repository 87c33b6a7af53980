#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the next line of verdicts held.
public enum VerdictReadOutcome: Sendable, Equatable {
  case verdict(VerdictLine)
  /// A line that is not a verdict: reported with its line number, then skipped.
  case malformed(VerdictLineError)
  case end
}

/// Splits a stream of verdicts into lines and parses each one, NDJSON or CSV
/// (decided by the first non-blank line: `{` is NDJSON, anything else a CSV header).
/// Reads in chunks; a CSV record may span lines inside quotes.
public struct VerdictReader {
  public typealias ReadChunk = (UnsafeMutableRawBufferPointer) throws(VerdictInputError) -> Int

  /// The input's name, for messages.
  public let name: String
  private let readChunk: ReadChunk
  private let maxLineBytes: Int
  private let chunkSize: Int
  private var buffer: [UInt8] = []
  private var start = 0
  private var scan = 0
  private var inQuotes = false
  private var newlinesInRecord = 0
  private var nextLine = 1
  private var atEnd = false
  private var discarding = false
  private var format = Format.unknown

  private enum Format {
    case unknown
    case ndjson
    case csv(VerdictCSVLayout)
    case unusable
  }

  private enum Record {
    case bytes(Range<Int>, line: Int)
    case tooLong(line: Int)
    case end
  }

  public init(
    name: String, maxLineBytes: Int = 1 << 20, chunkSize: Int = 1 << 16,
    read: @escaping ReadChunk
  ) {
    self.name = name
    self.readChunk = read
    self.maxLineBytes = maxLineBytes
    self.chunkSize = max(1, chunkSize)
  }

  /// Reads verdicts from bytes in memory, handed over `chunkSize` bytes at a time.
  public init(
    name: String, bytes: [UInt8], maxLineBytes: Int = 1 << 20, chunkSize: Int = 1 << 16
  ) {
    var offset = 0
    self.init(name: name, maxLineBytes: maxLineBytes, chunkSize: chunkSize) {
      (buffer: UnsafeMutableRawBufferPointer) throws(VerdictInputError) -> Int in
      let count = min(buffer.count, bytes.count - offset)
      buffer.copyBytes(from: bytes[offset..<offset + count])
      offset += count
      return count
    }
  }

  /// The next verdict, malformed line, or the end.
  public mutating func next() throws(VerdictInputError) -> VerdictReadOutcome {
    while true {
      switch try nextRecord() {
      case .end: return .end
      case .tooLong(let line):
        return .malformed(
          VerdictLineError(
            input: name, line: line, message: "line longer than \(maxLineBytes) bytes"))
      case .bytes(let range, let line):
        if let outcome = parse(range, line: line) { return outcome }
      }
    }
  }

  /// Parses one record; nil for a blank line or a CSV header.
  private mutating func parse(_ range: Range<Int>, line: Int) -> VerdictReadOutcome? {
    var range = range
    while let last = range.last, buffer[last] == 13 || buffer[last] == 32 || buffer[last] == 9 {
      range = range.dropLast()
    }
    while let first = range.first, buffer[first] == 32 || buffer[first] == 9 {
      range = range.dropFirst()
    }
    guard !range.isEmpty else { return nil }
    let format = self.format
    let name = self.name
    let result: Result<VerdictLine?, VerdictLineError> = buffer.withUnsafeBytes { raw in
      let bytes = UnsafeRawBufferPointer(rebasing: raw[range])
      do throws(VerdictLineError) {
        switch format {
        case .ndjson: return .success(try VerdictLine.parseJSON(bytes, line: line))
        case .csv(let layout): return .success(try layout.verdict(bytes, line: line))
        case .unknown, .unusable: return .success(nil)
        }
      } catch {
        var located = error
        located.input = name
        return .failure(located)
      }
    }
    switch (format, result) {
    case (.unknown, _):
      if buffer[range.first!] == UInt8(ascii: "{") {
        self.format = .ndjson
        return parse(range, line: line)
      }
      return readHeader(range, line: line)
    case (.unusable, _): return nil
    case (_, .success(let verdict)): return verdict.map { .verdict($0) }
    case (_, .failure(let error)): return .malformed(error)
    }
  }

  private mutating func readHeader(_ range: Range<Int>, line: Int) -> VerdictReadOutcome? {
    let result: Result<VerdictCSVLayout, VerdictLineError> = buffer.withUnsafeBytes { raw in
      do throws(VerdictLineError) {
        return .success(
          try VerdictCSVLayout(header: UnsafeRawBufferPointer(rebasing: raw[range]), line: line))
      } catch {
        return .failure(error)
      }
    }
    switch result {
    case .success(let layout):
      format = .csv(layout)
      return nil
    case .failure(var error):
      format = .unusable
      error.input = name
      error.message += "; the rest of this input is skipped"
      return .malformed(error)
    }
  }

  /// The next line (or quoted multi-line CSV record), without its newline.
  private mutating func nextRecord() throws(VerdictInputError) -> Record {
    while true {
      let csv: Bool
      switch format {
      case .csv, .unusable: csv = true
      case .ndjson: csv = false
      case .unknown: csv = start < buffer.count && buffer[start] != UInt8(ascii: "{")
      }
      if let newline = findLineEnd(csv: csv && !discarding) {
        return finishRecord(end: newline)
      }
      if atEnd {
        if start < buffer.count || discarding { return finishRecord(end: buffer.count) }
        return .end
      }
      if buffer.count - start > maxLineBytes, !discarding {
        discarding = true
        inQuotes = false
      }
      if discarding {
        buffer.removeAll(keepingCapacity: true)
        scan = 0
      } else {
        buffer.removeSubrange(0..<start)
        scan -= start
      }
      start = 0
      try fill()
    }
  }

  /// Scans from `scan` for the newline that ends the record; nil when the buffer
  /// ends first (`scan`, `inQuotes` and `newlinesInRecord` then say where it got to).
  private mutating func findLineEnd(csv: Bool) -> Int? {
    let from = scan
    var quoted = inQuotes
    var newlines = 0
    let found: Int? = buffer.withUnsafeBufferPointer { bytes in
      var index = from
      if !csv {
        guard index < bytes.count,
          let hit = memchr(bytes.baseAddress! + index, 10, bytes.count - index)
        else { return nil }
        return bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      }
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          quoted.toggle()
        } else if byte == 10 {
          if !quoted { return index }
          newlines += 1
        }
        index += 1
      }
      return nil
    }
    inQuotes = quoted
    newlinesInRecord += newlines
    scan = found.map { $0 + 1 } ?? buffer.count
    return found
  }

  private mutating func finishRecord(end: Int) -> Record {
    let line = nextLine
    nextLine += 1 + newlinesInRecord
    newlinesInRecord = 0
    inQuotes = false
    let range = start..<end
    start = min(end + 1, buffer.count)
    scan = start
    if discarding {
      discarding = false
      return .tooLong(line: line)
    }
    return .bytes(range, line: line)
  }

  private mutating func fill() throws(VerdictInputError) {
    let old = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: chunkSize))
    let read = readChunk
    let result: Result<Int, VerdictInputError> = buffer.withUnsafeMutableBytes { raw in
      do throws(VerdictInputError) {
        return .success(try read(UnsafeMutableRawBufferPointer(rebasing: raw[old...])))
      } catch {
        return .failure(error)
      }
    }
    let count = try result.get()
    buffer.removeLast(chunkSize - count)
    if count == 0 { atEnd = true }
  }
}
