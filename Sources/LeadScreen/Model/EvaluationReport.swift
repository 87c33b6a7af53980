/// What `evaluate` prints: ranking, probability and threshold metrics of a
/// scored labelled set, as text or JSON.
public struct EvaluationReport: Sendable {
  public var records: Int
  public var positives: Int
  public var rocAUC: Double?
  public var prAUC: Double?
  public var logLoss: Double
  public var calibration: CalibrationTable
  /// At the threshold, on the model's score.
  public var confusion: ConfusionMatrix
  /// The final decisions (disputed for any reason) against the labels.
  public var decisions: ConfusionMatrix

  public init(set: LabelledSet, threshold: Double) {
    records = set.count
    positives = set.labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
    rocAUC = ClassificationMetrics.rocAUC(scores: set.scores, labels: set.labels)
    prAUC = ClassificationMetrics.averagePrecision(scores: set.scores, labels: set.labels)
    logLoss = ClassificationMetrics.logLoss(probabilities: set.scores, labels: set.labels)
    calibration = CalibrationTable(probabilities: set.scores, labels: set.labels)
    confusion = ConfusionMatrix(scores: set.scores, labels: set.labels, threshold: threshold)
    decisions = ConfusionMatrix(
      scores: set.disputed.map { $0 ? 1 : 0 }, labels: set.labels, threshold: 0.5)
  }

  /// A human-readable report.
  public func text() -> String {
    func number(_ value: Double?) -> String { value.map { format($0) } ?? "n/a" }
    var lines = [
      "records     \(records) (\(positives) fraud, \(records - positives) good)",
      "ROC AUC     \(number(rocAUC))",
      "PR AUC      \(number(prAUC))",
      "log loss    \(format(logLoss))",
      "",
      "calibration  bin          count  mean predicted  observed rate",
    ]
    for bin in calibration.bins {
      lines.append(
        "             "
          + "\(format(bin.lower, 1))-\(format(bin.upper, 1))".padding(13)
          + "\(bin.count)".padding(7) + format(bin.meanPredicted).padding(16)
          + format(bin.observedRate))
    }
    lines.append("")
    for (title, matrix) in [
      ("model score >= \(format(confusion.threshold))", confusion),
      ("final decision (any reason)", decisions),
    ] {
      lines += [
        "confusion at \(title)",
        "             predicted fraud  predicted good",
        "  fraud      " + "\(matrix.truePositives)".padding(17) + "\(matrix.falseNegatives)",
        "  good       " + "\(matrix.falsePositives)".padding(17) + "\(matrix.trueNegatives)",
        "  precision \(format(matrix.precision))  recall \(format(matrix.recall))  "
          + "false-dispute rate \(format(matrix.falsePositiveRate))",
        "",
      ]
    }
    return lines.joined(separator: "\n")
  }

  /// The report as one JSON object (and a newline).
  public func json() -> String {
    func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "null" }
    func matrix(_ m: ConfusionMatrix) -> String {
      "{\"threshold\":\(m.threshold),\"true_positives\":\(m.truePositives),"
        + "\"false_positives\":\(m.falsePositives),\"true_negatives\":\(m.trueNegatives),"
        + "\"false_negatives\":\(m.falseNegatives),\"precision\":\(m.precision),"
        + "\"recall\":\(m.recall),\"false_positive_rate\":\(m.falsePositiveRate)}"
    }
    let bins = calibration.bins.map {
      "{\"lower\":\($0.lower),\"upper\":\($0.upper),\"count\":\($0.count),"
        + "\"mean_predicted\":\($0.meanPredicted),\"observed_rate\":\($0.observedRate)}"
    }
    return "{\"records\":\(records),\"positives\":\(positives),\"roc_auc\":\(number(rocAUC)),"
      + "\"pr_auc\":\(number(prAUC)),\"log_loss\":\(logLoss),"
      + "\"calibration\":[\(bins.joined(separator: ","))],"
      + "\"confusion\":\(matrix(confusion)),\"decisions\":\(matrix(decisions))}\n"
  }

  private func format(_ value: Double, _ digits: Int = 4) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
      let decimals = text.distance(from: dot, to: text.endIndex) - 1
      if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    }
    return text
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
