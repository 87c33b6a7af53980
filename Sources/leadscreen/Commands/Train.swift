import ArgumentParser
import Foundation
import LeadScreen

extension LeadScreenCommand {
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "train",
      abstract: "Fit the lead-quality model to labelled records and write the model file.",
      discussion: """
        Reads labelled records (the contract's records plus `label` 0 or 1) through \
        the scoring pipeline, so the features see the same click state as `score`. \
        Fits L2-regularized logistic regression exactly (Newton with a Cholesky \
        solve) on the records not held out, picks the threshold on the held-out ones \
        and writes the model with its held-out metrics.
        """
    )

    @Argument(help: "Labelled input files ('-' for standard input).")
    var files: [String] = []

    @OptionGroup var config: ConfigOptions

    @Option(help: "Write the model file here.")
    var out: String?

    @Option(help: "Input format, instead of detecting it (ndjson|csv).")
    var format: InputFormat?

    @Option(name: .customLong("c"), help: "Inverse L2 strength (scikit-learn's C).")
    var c: Double = 1

    @Option(help: "Class weights: balanced (n / (2 · class count)) or none.")
    var classWeight: TrainingOptions.ClassWeight = .balanced

    @Option(help: "Share of records held out for the threshold and metrics (by id hash).")
    var holdout: Double = 0.2

    @Option(help: "Pick the lowest threshold disputing at most this share of good records.")
    var targetFpr: Double?

    @Option(help: "Pick the lowest threshold whose held-out precision reaches this.")
    var targetPrecision: Double?

    @Option(help: "Seed of the held-out split.")
    var seed: UInt64 = 0

    @Option(help: "Free-mail domain list (default: RULES/free-mail-domains.txt when present).")
    var freeMail: String?

    @Option(help: "A sentence on the training data, kept in the model's metadata.")
    var describe: String?

    @Option(help: "Write rejected lines here as NDJSON (default: messages on standard error).")
    var rejects: String?

    @Option(help: .hidden) var matrix: String?

    @Flag(name: .shortAndLong, help: "No summary on standard error.")
    var quiet = false

    func validate() throws {
      guard c > 0, c.isFinite else { throw ValidationError("--c must be a positive number") }
      guard holdout >= 0, holdout < 1 else { throw ValidationError("--holdout must be in [0, 1)") }
      if targetFpr != nil, targetPrecision != nil {
        throw ValidationError("give --target-fpr or --target-precision, not both")
      }
      for target in [targetFpr, targetPrecision].compactMap({ $0 }) where !(0...1).contains(target)
      {
        throw ValidationError("a target must be in [0, 1]")
      }
      if out == nil, matrix == nil { throw ValidationError("--out FILE is required") }
    }

    var trainingOptions: TrainingOptions {
      var options = TrainingOptions()
      options.c = c
      options.classWeight = classWeight
      options.holdout = holdout
      options.seed = seed
      if let targetPrecision { options.threshold = .precision(targetPrecision) }
      if let targetFpr { options.threshold = .falsePositiveRate(targetFpr) }
      return options
    }

    func run() throws {
      if let matrix { throw ExitCode(MatrixFit.run(path: matrix, c: c)) }
      let loaded = LabelledInput.load(
        files: files, config: config, format: format, freeMail: freeMail, rejects: rejects,
        scorer: { _ in NoModel() })
      guard case .success(let input) = loaded else {
        if case .failure(let status) = loaded { throw ExitCode(status.code) }
        return
      }
      let outcome: ModelTrainer.Outcome
      do {
        outcome = try ModelTrainer.train(
          input.set, options: trainingOptions,
          trainingData: describe ?? "\(input.set.count) labelled records from "
            + (files.isEmpty ? "standard input" : files.joined(separator: ", ")),
          command: "leadscreen " + CommandLine.arguments.dropFirst().joined(separator: " "),
          created: ISO8601DateFormatter().string(from: Date()))
      } catch {
        printError(error.description)
        throw ExitCode(ExitStatus.usage)
      }
      do {
        try outcome.model.encoded().write(to: URL(fileURLWithPath: out!))
      } catch {
        printError("cannot write \(out!): \(error.localizedDescription)")
        throw ExitCode(ExitStatus.cannotWriteOutput)
      }
      if !quiet {
        let m = outcome.model.metadata
        var line =
          "trained on \(m.trainRows) records (\(m.holdoutRows) held out), "
          + "\(outcome.report.iterations) Newton steps, threshold \(outcome.model.threshold)"
        if let held = m.heldOut {
          line +=
            "; held-out ROC AUC \(held.rocAUC.map { "\($0)" } ?? "n/a"), "
            + "PR AUC \(held.prAUC.map { "\($0)" } ?? "n/a")"
        }
        printError(line)
      }
      if input.counts.rejected > 0 { throw ExitCode(ExitStatus.rejectedRecords) }
    }
  }
}

extension TrainingOptions.ClassWeight: ExpressibleByArgument {}

/// Hidden `train --matrix FILE.csv`: fits a numeric CSV (feature columns, a
/// `label` column, an optional `weight` column) as is, without standardization,
/// and prints the fit and its time as JSON. For the benchmark against scikit-learn.
enum MatrixFit {
  static func run(path: String, c: Double) -> Int32 {
    let table: NumericTable
    do {
      table = try NumericTable(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    } catch {
      printError("\(path): \(error)")
      return ExitStatus.cannotOpenInput
    }
    guard let labels = table.column("label") else {
      printError("\(path): no label column")
      return ExitStatus.usage
    }
    let x = table.dropping(["label", "weight"])
    let start = DispatchTime.now().uptimeNanoseconds
    do {
      let (model, report) = try LogisticRegression.fit(
        x.matrix, labels: labels, weights: table.column("weight"),
        options: .init(c: c))
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      let coefficients = model.coefficients.map { "\($0)" }.joined(separator: ",")
      print(
        "{\"rows\":\(x.matrix.rows),\"columns\":\(x.matrix.columns),\"seconds\":\(seconds),"
          + "\"iterations\":\(report.iterations),\"gradient\":\(report.gradientNorm),"
          + "\"intercept\":\(model.intercept),\"coefficients\":[\(coefficients)]}")
      return ExitStatus.success
    } catch {
      printError(error.description)
      return ExitStatus.usage
    }
  }
}
