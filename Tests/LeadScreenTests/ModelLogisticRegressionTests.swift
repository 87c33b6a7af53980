import Foundation
import Testing

@testable import LeadScreen

@Suite struct ModelLogisticRegressionTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/model-parity")

  /// scikit-learn's fit of the committed fixture (see scripts/sklearn_parity.py).
  struct Expected: Decodable {
    var c: Double
    var coefficients: [Double]
    var intercept: Double
    var rocAUC: Double
    var command: String

    enum CodingKeys: String, CodingKey {
      case c = "C"
      case coefficients, intercept, command
      case rocAUC = "roc_auc"
    }
  }

  @Test func matchesScikitLearnOnTheFixture() throws {
    let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("data.csv")))
    let table = try NumericTable(bytes: bytes)
    let expected = try JSONDecoder().decode(
      Expected.self,
      from: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json")))
    let labels = try #require(table.column("label"))
    let weights = try #require(table.column("weight"))
    let x = table.dropping(["label", "weight"])
    #expect(x.matrix.columns == expected.coefficients.count)
    let (model, report) = try LogisticRegression.fit(
      x.matrix, labels: labels, weights: weights,
      options: .init(c: expected.c, tolerance: 1e-13))
    #expect(report.converged)
    for (ours, theirs) in zip(model.coefficients, expected.coefficients) {
      #expect(abs(ours - theirs) <= 1e-6 * abs(theirs), "coefficient \(ours) vs \(theirs)")
    }
    #expect(abs(model.intercept - expected.intercept) <= 1e-6 * abs(expected.intercept))
    let auc = try #require(
      ClassificationMetrics.rocAUC(scores: model.logits(x.matrix), labels: labels))
    #expect(abs(auc - expected.rocAUC) <= 1e-9)
    #expect(expected.command.contains("sklearn_parity.py"))
  }

  /// Random data from a known logistic model; `separation` scales the true weights.
  static func sample(rows: Int, separation: Double, seed: UInt64) -> (DesignMatrix, [Double]) {
    var random = SplitMix(seed: seed)
    var x = DesignMatrix(columns: 4)
    var labels: [Double] = []
    for _ in 0..<rows {
      let row = (0..<4).map { _ in random.normal() }
      let logit = separation * (2 * row[0] - row[1] + 0.5 * row[2]) - 1
      x.append(row: row)
      labels.append(random.uniform() < LogisticRegression.sigmoid(logit) ? 1 : 0)
    }
    return (x, labels)
  }

  @Test(arguments: [(1.0, 1.0), (1.0, 100.0), (50.0, 1_000.0)])
  func convergesToAZeroGradient(separation: Double, c: Double) throws {
    let (x, labels) = Self.sample(rows: 3_000, separation: separation, seed: 7)
    let (model, report) = try LogisticRegression.fit(
      x, labels: labels, options: .init(c: c, tolerance: 1e-11))
    #expect(report.converged, "gradient \(report.gradientNorm) after \(report.iterations)")
    #expect(report.iterations < 100)
    // The gradient at the solution, computed directly here.
    let p = model.logits(x).map(LogisticRegression.sigmoid)
    var gradient = model.coefficients
    var interceptGradient = 0.0
    for r in 0..<x.rows {
      let residual = c * (p[r] - labels[r])
      for j in 0..<x.columns { gradient[j] += residual * x[r, j] }
      interceptGradient += residual
    }
    let scale = c * Double(x.rows)
    #expect(gradient.allSatisfy { abs($0) / scale < 1e-9 })
    #expect(abs(interceptGradient) / scale < 1e-9)
  }

  @Test func perfectlySeparableDataStaysFiniteUnderL2() throws {
    var x = DesignMatrix(columns: 1)
    var labels: [Double] = []
    for i in 0..<200 {
      x.append(row: [Double(i) - 99.5])
      labels.append(i >= 100 ? 1 : 0)
    }
    let (model, report) = try LogisticRegression.fit(x, labels: labels, options: .init(c: 10))
    #expect(report.converged)
    #expect(model.coefficients[0] > 0 && model.coefficients[0].isFinite)
  }

  @Test func resultDoesNotDependOnTheChunking() throws {
    let (x, labels) = Self.sample(rows: 5_000, separation: 1, seed: 11)
    let (a, _) = try LogisticRegression.fit(x, labels: labels, options: .init(chunkRows: 8192))
    let (b, _) = try LogisticRegression.fit(x, labels: labels, options: .init(chunkRows: 97))
    let (c, _) = try LogisticRegression.fit(x, labels: labels, options: .init(chunkRows: 97))
    #expect(b == c)  // same chunking: bit for bit
    for (u, v) in zip(a.coefficients, b.coefficients) { #expect(abs(u - v) <= 1e-9 * abs(u)) }
  }

  @Test func weightsActLikeRepeatedRows() throws {
    let (x, labels) = Self.sample(rows: 500, separation: 1, seed: 3)
    let weights = (0..<500).map { Double($0 % 3 == 0 ? 2 : 1) }
    var repeated = DesignMatrix(columns: x.columns)
    var repeatedLabels: [Double] = []
    for r in 0..<x.rows {
      for _ in 0..<Int(weights[r]) {
        repeated.append(row: (0..<x.columns).map { x[r, $0] })
        repeatedLabels.append(labels[r])
      }
    }
    let (weighted, _) = try LogisticRegression.fit(x, labels: labels, weights: weights)
    let (copied, _) = try LogisticRegression.fit(repeated, labels: repeatedLabels)
    for (u, v) in zip(weighted.coefficients, copied.coefficients) {
      #expect(abs(u - v) <= 1e-8 * max(abs(u), 1))
    }
  }

  @Test func rejectsMismatchedShapes() {
    let x = DesignMatrix(columns: 2, values: [1, 2, 3, 4])
    #expect(throws: LogisticRegression.FitError.self) {
      try LogisticRegression.fit(x, labels: [1])
    }
  }

  @Test func choleskySolvesASymmetricSystem() throws {
    let a: [Double] = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]
    let x = try Cholesky.solve(a, [1, 2, 3], n: 3)
    for i in 0..<3 {
      let row = (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * x[$1] }
      #expect(abs(row - Double(i + 1)) < 1e-12)
    }
    #expect(throws: Cholesky.NotPositiveDefinite.self) {
      try Cholesky.solve([1, 2, 2, 1], [1, 1], n: 2)
    }
  }
}

extension SplitMix {
  /// Uniform in [0, 1).
  mutating func uniform() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// Standard normal (Box–Muller).
  mutating func normal() -> Double {
    let u = max(uniform(), 1e-300)
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform())
  }
}
