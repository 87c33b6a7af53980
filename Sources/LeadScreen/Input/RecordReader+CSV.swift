extension RecordReader {
  /// Reads the CSV record that starts on the current physical line (`start..<end`,
  /// the next line at `next`), adding lines while a quoted field is open.
  /// Returns nil for a header row, which it takes and skips.
  mutating func readCSV(
    start: Int, end firstEnd: Int, next firstNext: Int, line number: Int,
    into record: inout RawRecord
  ) throws(InputError) -> ReadOutcome? {
    var end = firstEnd
    var next = firstNext
    var lines = 1
    while !row.parse(UnsafePointer(window.pointer) + start, count: end - start) {
      // A quoted field runs on: the record goes on with the next physical line.
      let added = end
      switch try findLineEnd(from: next) {
      case .line(let lineEnd, let lineNext):
        end = lineEnd
        next = lineNext
      case .none:
        return rejectFirstLine(
          "unterminated quoted field", line: number, end: firstEnd, next: firstNext)
      case .tooLong:
        return rejectFirstLine(
          "unterminated quoted field (record longer than \(maxLineLength) bytes)",
          line: number, end: firstEnd, next: firstNext)
      }
      lines += 1
      if let bad = UTF8Validation.firstInvalid(
        UnsafePointer(window.pointer) + added, count: end - added)
      {
        let rejection = reject("invalid UTF-8 at byte \(added + bad + 1)", line: number, end: end)
        consume(next, lines: lines)
        return .rejected(rejection)
      }
    }
    // Detected CSV takes a row as a header only when it names `type` and `id`
    // (every record needs both), so a stray line of words is rejected, not
    // mistaken for a header that swallows the rows after it.
    let isHeader =
      (format == .csv && !header.isSet)
      || CSVHeader.looksLikeHeader(row)
    if isHeader {
      header.set(from: row)
      headerLines += 1
      consume(next, lines: lines)
      return nil
    }
    guard header.isSet else {
      let rejection = reject("CSV row before a header row", line: number, end: end)
      consume(next, lines: lines)
      return .rejected(rejection)
    }
    guard row.cellCount <= header.count else {
      let rejection = reject(
        "row has \(row.cellCount) cells, header has \(header.count)", line: number, end: end)
      consume(next, lines: lines)
      return .rejected(rejection)
    }
    fill(&record)
    record.line = number
    consume(next, lines: lines)
    return .record
  }

  /// Rejects only the first physical line of a record whose quoted field never
  /// closes; reading resumes on the line after it, so one stray quote costs one line.
  private mutating func rejectFirstLine(_ reason: String, line: Int, end: Int, next: Int)
    -> ReadOutcome
  {
    let rejection = reject(reason, line: line, end: end)
    consume(next, lines: 1)
    return .rejected(rejection)
  }

  /// Appends the row's non-empty cells as string fields named by the header.
  private func fill(_ record: inout RawRecord) {
    header.names.withUnsafeBytes { names in
      row.cellBytes.withUnsafeBytes { cells in
        for index in 0..<row.cellCount {
          let value = row.range(of: index)
          let name = header.range(of: index)
          if value.isEmpty || name.isEmpty { continue }
          record.append(
            name: UnsafeRawBufferPointer(rebasing: names[name]),
            value: UnsafeRawBufferPointer(rebasing: cells[value]), kind: .string)
        }
      }
    }
  }
}
