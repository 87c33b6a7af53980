import Foundation

/// One tab-separated table file: `#` comments, a header row, then rows.
///
/// Used only while loading the generator's tables (file-level, Foundation is fine).
struct GeneratorTable {
  /// The file the rows came from, for messages.
  let path: String
  /// The header's column names.
  let columns: [String]
  /// Each row's cells with its 1-based line number.
  let rows: [(line: Int, cells: [Substring])]

  /// Reads `path`, checking that the header names `expected` columns in order.
  init(path: String, expected: [String]) throws(GeneratorError) {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw .missingTable(path: path)
    }
    self.path = path
    var header: [String]?
    var rows: [(line: Int, cells: [Substring])] = []
    var number = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
      if line.isEmpty || line.first == "#" { continue }
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
      if header == nil {
        header = cells.map(String.init)
        guard header == expected else {
          throw .badTableLine(
            path: path, line: number,
            message: "header must be `\(expected.joined(separator: "\\t"))`")
        }
        continue
      }
      guard cells.count == expected.count else {
        throw .badTableLine(
          path: path, line: number,
          message: "expected \(expected.count) tab-separated cells, found \(cells.count)")
      }
      rows.append((number, cells))
    }
    self.columns = header ?? expected
    self.rows = rows
  }

  /// A cell as a number, or an error naming the line.
  func number(_ cell: Substring, line: Int) throws(GeneratorError) -> Double {
    guard let value = Double(cell) else {
      throw .badTableLine(path: path, line: line, message: "`\(cell)` is not a number")
    }
    return value
  }
}
