/// A dense matrix of training rows: `rows × columns` doubles, row-major and
/// contiguous, so a fit can walk it with one pointer.
public struct DesignMatrix: Sendable, Equatable {
  public private(set) var rows: Int
  public let columns: Int
  /// Row `r`, column `c` is `values[r * columns + c]`.
  public private(set) var values: [Double]

  /// An empty matrix with `columns` columns.
  public init(columns: Int) {
    precondition(columns >= 0)
    self.rows = 0
    self.columns = columns
    self.values = []
  }

  /// A matrix over `values` (row-major; the count must be a multiple of `columns`).
  public init(columns: Int, values: [Double]) {
    precondition(columns > 0 && values.count % columns == 0, "values must fill whole rows")
    self.rows = values.count / columns
    self.columns = columns
    self.values = values
  }

  /// Reserves room for `rows` rows.
  public mutating func reserve(rows: Int) {
    values.reserveCapacity(rows * columns)
  }

  /// Appends one row (its count must be `columns`).
  public mutating func append(row: some Collection<Double>) {
    precondition(row.count == columns, "row has \(row.count) values, expected \(columns)")
    values.append(contentsOf: row)
    rows += 1
  }

  /// The value at row `r`, column `c`.
  public subscript(r: Int, c: Int) -> Double {
    get { values[r * columns + c] }
    set { values[r * columns + c] = newValue }
  }

  /// The rows at `indices`, in that order.
  public func rows(_ indices: [Int]) -> DesignMatrix {
    var result = DesignMatrix(columns: columns)
    result.reserve(rows: indices.count)
    for r in indices { result.values.append(contentsOf: values[r * columns..<(r + 1) * columns]) }
    result.rows = indices.count
    return result
  }
}

/// Per-column mean and standard deviation, for standardizing features.
public struct Standardization: Sendable, Equatable {
  public var mean: [Double]
  /// Population standard deviation; a constant column gets 1 so it maps to 0.
  public var std: [Double]

  public init(mean: [Double], std: [Double]) {
    precondition(mean.count == std.count)
    self.mean = mean
    self.std = std
  }

  /// Mean and standard deviation of each column of `matrix` (two passes, for accuracy).
  public init(fitting matrix: DesignMatrix) {
    let d = matrix.columns
    var mean = [Double](repeating: 0, count: d)
    var variance = [Double](repeating: 0, count: d)
    matrix.values.withUnsafeBufferPointer { x in
      for r in 0..<matrix.rows {
        for c in 0..<d { mean[c] += x[r * d + c] }
      }
      let n = Double(max(matrix.rows, 1))
      for c in 0..<d { mean[c] /= n }
      for r in 0..<matrix.rows {
        for c in 0..<d {
          let delta = x[r * d + c] - mean[c]
          variance[c] += delta * delta
        }
      }
      for c in 0..<d { variance[c] /= n }
    }
    self.mean = mean
    self.std = variance.map { $0 > 1e-24 ? $0.squareRoot() : 1 }
  }

  /// `matrix` with every column standardized.
  public func apply(to matrix: DesignMatrix) -> DesignMatrix {
    precondition(matrix.columns == mean.count)
    var values = matrix.values
    let d = matrix.columns
    values.withUnsafeMutableBufferPointer { x in
      for r in 0..<matrix.rows {
        for c in 0..<d { x[r * d + c] = (x[r * d + c] - mean[c]) / std[c] }
      }
    }
    return DesignMatrix(columns: d, values: values)
  }
}
