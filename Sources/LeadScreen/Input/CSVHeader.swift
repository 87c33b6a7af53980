/// The field names of the current CSV header row.
struct CSVHeader {
  /// Trimmed names, concatenated.
  private(set) var names: [UInt8] = []
  /// Where each name ends in ``names``.
  private(set) var ends: [Int] = []
  /// Whether a header row was seen.
  private(set) var isSet = false

  var count: Int { ends.count }

  /// The byte range of name `index` in ``names`` (empty for an empty header cell).
  @inline(__always) func range(of index: Int) -> Range<Int> {
    (index == 0 ? 0 : ends[index - 1])..<ends[index]
  }

  /// Takes the parsed row's cells, trimmed of spaces and tabs, as the field names.
  mutating func set(from row: CSVRowParser) {
    names.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    row.cellBytes.withUnsafeBufferPointer { cells in
      for index in 0..<row.cellCount {
        let cell = Self.trimmed(row.range(of: index), in: cells)
        names.append(contentsOf: cells[cell])
        ends.append(names.count)
      }
    }
    isSet = true
  }

  /// Whether the row reads as a header: every cell is empty or a field name
  /// (after trimming), and there is a `type` cell and an `id` cell.
  static func looksLikeHeader(_ row: CSVRowParser) -> Bool {
    row.cellBytes.withUnsafeBufferPointer { cells in
      var names = 0
      var hasType = false
      var hasID = false
      for index in 0..<row.cellCount {
        let cell = trimmed(row.range(of: index), in: cells)
        if cell.isEmpty { continue }
        guard isFieldName(cells[cell]) else { return false }
        names += 1
        if cells[cell].elementsEqual("type".utf8) { hasType = true }
        if cells[cell].elementsEqual("id".utf8) { hasID = true }
      }
      return names > 0 && hasType && hasID
    }
  }

  /// A field name: a letter or `_`, then letters, digits, `_`, `-`, `.` or spaces.
  private static func isFieldName(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    guard let first = name.first, isLetter(first) || first == UInt8(ascii: "_") else {
      return false
    }
    for byte in name.dropFirst() {
      let allowed =
        isLetter(byte) || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == 0x20
      if !allowed { return false }
    }
    return true
  }

  @inline(__always) private static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- UInt8(ascii: "a") < 26
  }

  /// `range` without leading and trailing spaces and tabs.
  private static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>)
    -> Range<Int>
  {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
    while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
    return lower..<upper
  }
}
