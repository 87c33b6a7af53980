import ArgumentParser
import Foundation
import Testing

@testable import LeadScreen
@testable import leadscreen

@Suite struct ModelCommandTests {
  @Test func trainParsesItsOptions() throws {
    let train = try LeadScreenCommand.Train.parse([
      "a.ndjson", "b.csv", "--out", "m.json", "--c", "0.5", "--class-weight", "none",
      "--holdout", "0.3", "--target-precision", "0.9", "--seed", "7",
    ])
    #expect(train.files == ["a.ndjson", "b.csv"])
    let options = train.trainingOptions
    #expect(options.c == 0.5 && options.classWeight == .none && options.holdout == 0.3)
    #expect(options.threshold == .precision(0.9) && options.seed == 7)
    let defaults = try LeadScreenCommand.Train.parse(["--out", "m.json"]).trainingOptions
    #expect(defaults.threshold == .falsePositiveRate(0.01) && defaults.classWeight == .balanced)
  }

  @Test(arguments: [
    ["x.ndjson"],
    ["--out", "m.json", "--target-fpr", "0.01", "--target-precision", "0.9"],
    ["--out", "m.json", "--holdout", "1"],
    ["--out", "m.json", "--c", "0"],
    ["--out", "m.json", "--class-weight", "heavy"],
  ])
  func trainRejectsBadUsage(arguments: [String]) {
    #expect(throws: (any Error).self) { try LeadScreenCommand.Train.parse(arguments) }
  }

  @Test func evaluateNeedsAModelAndTakesAReportFormat() throws {
    #expect(throws: (any Error).self) { try LeadScreenCommand.Evaluate.parse(["x.ndjson"]) }
    let evaluate = try LeadScreenCommand.Evaluate.parse([
      "x.ndjson", "--model", "m.json", "--format", "json", "--input-format", "csv",
    ])
    #expect(evaluate.format == .json && evaluate.inputFormat == .csv)
  }

  @Test func theMatrixModeFitsANumericCSV() {
    let fixture = ModelLogisticRegressionTests.fixtures.appendingPathComponent("data.csv")
    #expect(MatrixFit.run(path: fixture.path, c: 0.5) == ExitStatus.success)
    #expect(MatrixFit.run(path: "/nonexistent/x.csv", c: 1) == ExitStatus.cannotOpenInput)
  }

  @Test func theReportHasEveryMetricInTextAndJSON() throws {
    var set = LabelledSet()
    let scores = [0.9, 0.8, 0.3, 0.2, 0.6, 0.1]
    let labels: [Double] = [1, 1, 0, 0, 0, 1]
    for (i, (score, label)) in zip(scores, labels).enumerated() {
      set.matrix.append(row: [Double](repeating: 0, count: LeadFeatures.names.count))
      set.labels.append(label)
      set.ids.append("L\(i)")
      set.types.append(.lead)
      set.scores.append(score)
      set.disputed.append(score >= 0.5)
    }
    let report = EvaluationReport(set: set, threshold: 0.5)
    let text = report.text()
    for word in ["ROC AUC", "PR AUC", "log loss", "calibration", "confusion at"] {
      #expect(text.contains(word))
    }
    let json = try #require(
      JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
    #expect(json["roc_auc"] as? Double == report.rocAUC)
    #expect((json["calibration"] as? [Any])?.count == 10)
    let confusion = try #require(json["confusion"] as? [String: Any])
    #expect(confusion["true_positives"] as? Int == 2 && confusion["false_positives"] as? Int == 1)
  }
}
