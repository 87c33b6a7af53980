/// Reads CSV verdicts (`score --output-format csv`): a header row naming the
/// columns, then one verdict a record; `reasons` is one cell, codes separated by `|`.
public struct VerdictCSVLayout: Sendable, Equatable {
  /// The column index of each field this reader uses.
  var columns: [String: Int]
  /// How many cells every record has.
  var width: Int

  /// The columns that must be in the header.
  public static let requiredColumns = ["id", "type", "campaign", "decision", "price"]

  /// Reads the header row; throws when a required column is missing.
  public init(header: UnsafeRawBufferPointer, line: Int) throws(VerdictLineError) {
    let names = VerdictCSVLayout.cells(header)
    var columns: [String: Int] = [:]
    for (index, name) in names.enumerated() where columns[name.trimmingSpaces] == nil {
      columns[name.trimmingSpaces] = index
    }
    for required in VerdictCSVLayout.requiredColumns where columns[required] == nil {
      throw VerdictLineError(line: line, message: "CSV header has no \"\(required)\" column")
    }
    self.columns = columns
    self.width = names.count
  }

  /// Parses one CSV record (without its final newline) as a verdict.
  public func verdict(_ record: UnsafeRawBufferPointer, line: Int) throws(VerdictLineError)
    -> VerdictLine
  {
    let cells = VerdictCSVLayout.cells(record)
    func cell(_ name: String) -> String? {
      guard let index = columns[name], index < cells.count else { return nil }
      return cells[index]
    }
    guard cells.count == width else {
      throw VerdictLineError(line: line, message: "\(cells.count) cells, the header names \(width)")
    }
    var fields = VerdictFields()
    fields.id = cell("id")
    fields.type = cell("type")
    fields.campaign = cell("campaign")
    fields.source = cell("source")
    fields.ts = cell("ts")
    fields.decision = cell("decision")
    fields.price = cell("price")
    if let reasons = cell("reasons"), !reasons.isEmpty {
      fields.reasons = reasons.split(separator: "|").map(String.init)
    }
    return try fields.verdict(line: line)
  }

  /// Splits one CSV record into cells (RFC 4180: `"` quotes, `""` is a quote).
  static func cells(_ bytes: UnsafeRawBufferPointer) -> [String] {
    var cells: [String] = []
    var cell: [UInt8] = []
    var quoted = false
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if quoted {
        if byte == UInt8(ascii: "\"") {
          if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            cell.append(byte)
            index += 1
          } else {
            quoted = false
          }
        } else {
          cell.append(byte)
        }
      } else if byte == UInt8(ascii: ",") {
        cells.append(String(decoding: cell, as: UTF8.self))
        cell.removeAll(keepingCapacity: true)
      } else if byte == UInt8(ascii: "\"") && cell.isEmpty {
        quoted = true
      } else {
        cell.append(byte)
      }
    }
    cells.append(String(decoding: cell, as: UTF8.self))
    return cells
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var text = Substring(self)
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
