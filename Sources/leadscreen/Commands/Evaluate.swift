import ArgumentParser
import Foundation
import LeadScreen

extension LeadScreenCommand {
  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "evaluate",
      abstract: "Judge a model on labelled records: ROC AUC, PR AUC, log loss, calibration.",
      discussion: """
        Scores labelled records (the contract's records plus `label` 0 or 1) with the \
        model through the scoring pipeline and prints, for the leads and calls, ROC \
        AUC, PR AUC (average precision), log loss, a calibration table and the \
        confusion matrix at the model's threshold (or --threshold).
        """
    )

    @Argument(help: "Labelled input files ('-' for standard input).")
    var files: [String] = []

    @OptionGroup var config: ConfigOptions

    @Option(help: "The model file.")
    var model: String

    @Option(help: "Report format (text|json).")
    var format: ReportFormat = .text

    @Option(help: "Input format, instead of detecting it (ndjson|csv).")
    var inputFormat: InputFormat?

    @Option(help: "Threshold for the confusion matrix (default: the model's).")
    var threshold: Double?

    @Option(help: "Free-mail domain list (default: RULES/free-mail-domains.txt when present).")
    var freeMail: String?

    @Option(help: "Write rejected lines here as NDJSON (default: messages on standard error).")
    var rejects: String?

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
      case text
      case json
    }

    func run() throws {
      let loadedModel: LeadQualityModel
      do {
        loadedModel = try LeadQualityModel.load(path: model)
      } catch {
        printError(error.description)
        throw ExitCode(ExitStatus.badConfiguration)
      }
      let loaded = LabelledInput.load(
        files: files, config: config, format: inputFormat, freeMail: freeMail, rejects: rejects,
        scorer: { LogisticScorer(model: loadedModel, features: $0) })
      guard case .success(let input) = loaded else {
        if case .failure(let status) = loaded { throw ExitCode(status.code) }
        return
      }
      let report = EvaluationReport(
        set: input.set, threshold: threshold ?? loadedModel.threshold)
      print(format == .json ? report.json() : report.text(), terminator: "")
      if input.counts.rejected > 0 { throw ExitCode(ExitStatus.rejectedRecords) }
    }
  }
}
