/// Cholesky factorization and solve of a small symmetric positive-definite
/// system, as Newton's method needs for the Hessian.
public enum Cholesky {
  /// Why a matrix could not be factorized.
  public struct NotPositiveDefinite: Error, Sendable, CustomStringConvertible {
    /// The pivot where it failed.
    public var column: Int
    public var description: String {
      "matrix is not positive definite (pivot \(column)): the features are degenerate"
    }
  }

  /// Solves `A x = b` for symmetric positive-definite `A` (`n × n`, row-major;
  /// only the upper triangle is read).
  public static func solve(_ a: [Double], _ b: [Double], n: Int) throws(NotPositiveDefinite)
    -> [Double]
  {
    precondition(a.count == n * n && b.count == n)
    // Lower factor L with A = L Lᵀ, from the upper triangle (A[j][i] for i <= j).
    var l = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      var diagonal = a[j * n + j]
      for k in 0..<j { diagonal -= l[j * n + k] * l[j * n + k] }
      guard diagonal > 0, diagonal.isFinite else { throw NotPositiveDefinite(column: j) }
      let pivot = diagonal.squareRoot()
      l[j * n + j] = pivot
      for i in (j + 1)..<max(n, j + 1) {
        var sum = a[j * n + i]
        for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = sum / pivot
      }
    }
    // Forward: L y = b; back: Lᵀ x = y.
    var y = b
    for i in 0..<n {
      var sum = y[i]
      for k in 0..<i { sum -= l[i * n + k] * y[k] }
      y[i] = sum / l[i * n + i]
    }
    var x = y
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = x[i]
      for k in (i + 1)..<max(n, i + 1) { sum -= l[k * n + i] * x[k] }
      x[i] = sum / l[i * n + i]
    }
    return x
  }
}
