#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// L2-regularized logistic regression with an unpenalized intercept.
///
/// ``fit(_:labels:weights:options:)`` minimizes the objective scikit-learn's
/// `LogisticRegression(C=C)` minimizes:
///
///     C · Σᵢ wᵢ · [log(1 + e^ηᵢ) − yᵢ ηᵢ] + ½ · Σⱼ βⱼ²,   ηᵢ = β₀ + Σⱼ βⱼ xᵢⱼ
///
/// by Newton's method (IRLS) with a Cholesky solve of the (d+1)×(d+1) Hessian
/// and a backtracking line search, to a tight gradient tolerance. The fit is
/// deterministic: rows are split into fixed chunks whose sums are reduced in
/// order, whatever the number of cores.
public struct LogisticRegression: Sendable, Equatable {
  /// One weight per feature.
  public var coefficients: [Double]
  public var intercept: Double

  public init(coefficients: [Double], intercept: Double) {
    self.coefficients = coefficients
    self.intercept = intercept
  }

  /// How to fit.
  public struct Options: Sendable {
    /// Inverse regularization strength (scikit-learn's `C`).
    public var c: Double
    /// Converged when max |gradient| / (C · Σ weights) is at most this.
    public var tolerance: Double
    public var maxIterations: Int
    /// Rows per chunk of a pass (fixed, so results do not depend on the core count).
    public var chunkRows: Int

    public init(
      c: Double = 1, tolerance: Double = 1e-10, maxIterations: Int = 100, chunkRows: Int = 8192
    ) {
      self.c = c
      self.tolerance = tolerance
      self.maxIterations = maxIterations
      self.chunkRows = chunkRows
    }
  }

  /// What a fit did.
  public struct FitReport: Sendable, Equatable {
    public var iterations: Int
    /// Max |gradient| / (C · Σ weights) at the solution.
    public var gradientNorm: Double
    /// The objective at the solution.
    public var objective: Double
    public var converged: Bool
  }

  /// Why a fit failed.
  public enum FitError: Error, Sendable, CustomStringConvertible {
    case shape(String)
    case degenerate(Cholesky.NotPositiveDefinite)

    public var description: String {
      switch self {
      case .shape(let message): "cannot fit: \(message)"
      case .degenerate(let error): "cannot fit: \(error.description)"
      }
    }
  }

  /// Fits the model to `x` (one row per sample), `labels` (0 or 1) and optional
  /// per-sample `weights` (class weighting; default all 1).
  public static func fit(
    _ x: DesignMatrix, labels: [Double], weights: [Double]? = nil, options: Options = Options()
  ) throws(FitError) -> (model: LogisticRegression, report: FitReport) {
    guard labels.count == x.rows else {
      throw .shape("\(labels.count) labels for \(x.rows) rows")
    }
    if let weights, weights.count != x.rows {
      throw .shape("\(weights.count) weights for \(x.rows) rows")
    }
    guard x.rows > 0 else { throw .shape("no rows") }
    guard x.columns > 0 else { throw .shape("no features") }
    guard options.c > 0 else { throw .shape("C must be positive") }
    let weights = weights ?? [Double](repeating: 1, count: x.rows)
    let pass = NewtonPass(
      x: x, labels: labels, weights: weights, c: options.c, chunk: options.chunkRows)
    let n = x.columns + 1
    let scale = options.c * weights.reduce(0, +)
    var beta = [Double](repeating: 0, count: n)
    var state = pass.evaluate(beta, hessian: true)
    var iterations = 0
    var gradientNorm = state.gradient.map(abs).max()! / scale
    while gradientNorm > options.tolerance, iterations < options.maxIterations {
      iterations += 1
      let step: [Double]
      do {
        step = try Cholesky.solve(state.hessian, state.gradient.map { -$0 }, n: n)
      } catch {
        throw .degenerate(error)
      }
      let slope = zip(state.gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
      var t = 1.0
      var candidate = zip(beta, step).map { $0 + $1 }
      var next = pass.evaluate(candidate, hessian: true)
      func acceptable(_ f: Double) -> Bool {
        f <= state.objective + 1e-4 * t * slope
          || abs(f - state.objective) <= 1e-13 * abs(state.objective)
      }
      var halvings = 0
      while !acceptable(next.objective), halvings < 60 {
        t *= 0.5
        halvings += 1
        candidate = zip(beta, step).map { $0 + t * $1 }
        next.objective = pass.evaluate(candidate, hessian: false).objective
      }
      if halvings > 0 { next = pass.evaluate(candidate, hessian: true) }
      let moved = zip(beta, candidate).contains { $0 != $1 }
      beta = candidate
      state = next
      gradientNorm = state.gradient.map(abs).max()! / scale
      if !moved { break }
    }
    let model = LogisticRegression(coefficients: Array(beta[0..<(n - 1)]), intercept: beta[n - 1])
    let report = FitReport(
      iterations: iterations, gradientNorm: gradientNorm, objective: state.objective,
      converged: gradientNorm <= options.tolerance)
    return (model, report)
  }

  /// The logit (log-odds) of one row.
  public func logit(_ row: some Collection<Double>) -> Double {
    zip(coefficients, row).reduce(intercept) { $0 + $1.0 * $1.1 }
  }

  /// The logit of every row of `x`.
  public func logits(_ x: DesignMatrix) -> [Double] {
    precondition(x.columns == coefficients.count)
    let d = x.columns
    return x.values.withUnsafeBufferPointer { values in
      (0..<x.rows).map { r in
        var sum = intercept
        for c in 0..<d { sum += coefficients[c] * values[r * d + c] }
        return sum
      }
    }
  }

  /// The logistic function, 1 / (1 + e^−z), without overflow.
  @inlinable
  public static func sigmoid(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
  }
}
