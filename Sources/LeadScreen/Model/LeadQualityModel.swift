import Foundation

/// The model file (`models/lead-quality.json`): feature list, standardization,
/// weights on standardized features, intercept, decision threshold and how it
/// was made. Read once per run, so Foundation's JSON coding is fine here.
public struct LeadQualityModel: Codable, Sendable, Equatable {
  public var format: Int
  public var features: [String]
  public var mean: [Double]
  public var std: [Double]
  public var weights: [Double]
  public var intercept: Double
  /// Disputed with `model_score` at or over this probability.
  public var threshold: Double
  public var metadata: ModelMetadata

  /// The file format this code reads and writes.
  public static let currentFormat = 1

  public init(
    features: [String], standardization: Standardization, fit: LogisticRegression,
    threshold: Double, metadata: ModelMetadata
  ) {
    self.format = Self.currentFormat
    self.features = features
    self.mean = standardization.mean
    self.std = standardization.std
    self.weights = fit.coefficients
    self.intercept = fit.intercept
    self.threshold = threshold
    self.metadata = metadata
  }

  /// Reads and validates a model file against the code's feature list.
  public static func load(path: String) throws(ConfigError) -> LeadQualityModel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ConfigError(file: path, line: nil, column: nil, message: "cannot read the model file")
    }
    return try decode(data, file: path)
  }

  /// Decodes and validates model JSON; `file` names it in errors.
  public static func decode(_ data: Data, file: String) throws(ConfigError) -> LeadQualityModel {
    let model: LeadQualityModel
    do {
      model = try JSONDecoder().decode(LeadQualityModel.self, from: data)
    } catch {
      throw ConfigError(
        file: file, line: nil, column: nil, message: "not a model file: \(Self.describe(error))")
    }
    let text = String(decoding: data, as: UTF8.self)
    func fail(_ message: String, near needle: String? = nil) -> ConfigError {
      ConfigError(
        file: file, line: needle.flatMap { Self.line(of: $0, in: text) }, column: nil,
        message: message)
    }
    guard model.format == currentFormat else {
      throw fail(
        "model format \(model.format) is not supported (expected \(currentFormat))",
        near: "\"format\"")
    }
    for name in model.features where LeadFeatures.index[name] == nil {
      throw fail(
        "unknown feature \"\(name)\": this version computes "
          + LeadFeatures.names.joined(separator: ", "), near: "\"\(name)\"")
    }
    if Set(model.features).count != model.features.count {
      throw fail("a feature is listed twice", near: "\"features\"")
    }
    let n = model.features.count
    for (key, values) in [("mean", model.mean), ("std", model.std), ("weights", model.weights)]
    where values.count != n {
      throw fail("\(key) has \(values.count) values for \(n) features", near: "\"\(key)\"")
    }
    if model.std.contains(where: { !($0 > 0) || !$0.isFinite }) {
      throw fail("every std must be positive", near: "\"std\"")
    }
    if (model.mean + model.weights + [model.intercept]).contains(where: { !$0.isFinite }) {
      throw fail("a mean, weight or the intercept is not a finite number")
    }
    guard model.threshold >= 0, model.threshold <= 1 else {
      throw fail("threshold \(model.threshold) is not in [0, 1]", near: "\"threshold\"")
    }
    return model
  }

  /// The model as pretty, key-sorted JSON (stable across runs).
  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)) ?? Data()
  }

  private static func line(of needle: String, in text: String) -> Int? {
    var line = 1
    for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if row.contains(needle) { return line }
      line += 1
    }
    return nil
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing key \"\(key.stringValue)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    case DecodingError.dataCorrupted(let context): context.debugDescription
    default: "\(error)"
    }
  }
}

/// How a model was made and how it did on held-out data.
public struct ModelMetadata: Codable, Sendable, Equatable {
  public var trainingData: String
  public var created: String
  public var command: String
  /// scikit-learn's C (inverse L2 strength).
  public var c: Double
  public var classWeight: String
  public var trainRows: Int
  public var holdoutRows: Int
  public var iterations: Int
  public var heldOut: HeldOutMetrics?

  public init(
    trainingData: String, created: String, command: String, c: Double, classWeight: String,
    trainRows: Int, holdoutRows: Int, iterations: Int, heldOut: HeldOutMetrics?
  ) {
    self.trainingData = trainingData
    self.created = created
    self.command = command
    self.c = c
    self.classWeight = classWeight
    self.trainRows = trainRows
    self.holdoutRows = holdoutRows
    self.iterations = iterations
    self.heldOut = heldOut
  }
}

/// Metrics of a model on records it was not fitted to.
public struct HeldOutMetrics: Codable, Sendable, Equatable {
  public var rocAUC: Double?
  public var prAUC: Double?
  public var logLoss: Double
  public var threshold: Double
  public var truePositives: Int
  public var falsePositives: Int
  public var trueNegatives: Int
  public var falseNegatives: Int

  public init(scores: [Double], labels: [Double], threshold: Double) {
    rocAUC = ClassificationMetrics.rocAUC(scores: scores, labels: labels)
    prAUC = ClassificationMetrics.averagePrecision(scores: scores, labels: labels)
    logLoss = ClassificationMetrics.logLoss(probabilities: scores, labels: labels)
    self.threshold = threshold
    let matrix = ConfusionMatrix(scores: scores, labels: labels, threshold: threshold)
    truePositives = matrix.truePositives
    falsePositives = matrix.falsePositives
    trueNegatives = matrix.trueNegatives
    falseNegatives = matrix.falseNegatives
  }
}
