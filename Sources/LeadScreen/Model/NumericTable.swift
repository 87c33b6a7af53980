#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A numeric CSV: a header row of names, then rows of numbers (for the
/// scikit-learn parity fixture and the training benchmark, not for records).
public struct NumericTable: Sendable {
  public var names: [String]
  public var matrix: DesignMatrix

  /// Why a table could not be read.
  public struct ParseError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
  }

  /// Parses comma-separated bytes (no quoting); every cell must be a number.
  public init(bytes: [UInt8]) throws(ParseError) {
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
    guard let header = lines.popFirst() else { throw ParseError(line: 1, message: "empty") }
    names = header.split(separator: UInt8(ascii: ",")).map {
      String(decoding: $0, as: UTF8.self).trimmingSpaces()
    }
    let d = names.count
    var values: [Double] = []
    values.reserveCapacity(lines.count * d)
    var buffer = [CChar](repeating: 0, count: 64)
    var lineNumber = 1
    for line in lines {
      lineNumber += 1
      var cells = 0
      for cell in line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
        guard cell.count < 63 else { throw ParseError(line: lineNumber, message: "cell too long") }
        for (i, byte) in cell.enumerated() { buffer[i] = CChar(bitPattern: byte) }
        buffer[cell.count] = 0
        let (value, consumed) = buffer.withUnsafeMutableBufferPointer { pointer in
          var end: UnsafeMutablePointer<CChar>?
          let value = strtod(pointer.baseAddress!, &end)
          return (value, end.map { $0 - pointer.baseAddress! } ?? 0)
        }
        let trailing = cell.dropFirst(consumed)
        guard !cell.isEmpty, trailing.allSatisfy({ $0 == 13 || $0 == 32 }) else {
          throw ParseError(line: lineNumber, message: "not a number in column \(cells + 1)")
        }
        values.append(value)
        cells += 1
      }
      guard cells == d else {
        throw ParseError(line: lineNumber, message: "\(cells) cells for \(d) columns")
      }
    }
    matrix = DesignMatrix(columns: d, values: values)
  }

  /// The values of column `name`, or `nil` without it.
  public func column(_ name: String) -> [Double]? {
    guard let c = names.firstIndex(of: name) else { return nil }
    return (0..<matrix.rows).map { matrix[$0, c] }
  }

  /// The table without the columns in `names`.
  public func dropping(_ dropped: Set<String>) -> NumericTable {
    let keep = names.indices.filter { !dropped.contains(names[$0]) }
    var values: [Double] = []
    values.reserveCapacity(matrix.rows * keep.count)
    for r in 0..<matrix.rows {
      for c in keep { values.append(matrix[r, c]) }
    }
    var result = self
    result.names = keep.map { names[$0] }
    result.matrix = DesignMatrix(columns: keep.count, values: values)
    return result
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    String(
      self.drop(while: { $0 == " " || $0 == "\r" }).reversed().drop(while: {
        $0 == " " || $0 == "\r"
      }).reversed())
  }
}
