import Foundation
import LeadScreen

/// What `train` and `evaluate` share: load the configuration, open the
/// inputs, run the labelled records through the pipeline.
enum LabelledInput {
  /// An exit status that ends the command (the message is already printed).
  struct Status: Error {
    var code: Int32
  }

  struct Loaded {
    var set: LabelledSet
    var counts: RunCounts
  }

  static func load(
    files: [String], config: ConfigOptions, format: InputFormat?, freeMail: String?,
    rejects: String?, scorer: (LeadFeatures) -> any Scorer
  ) -> Result<Loaded, Status> {
    let rules: RuleSet
    let campaigns: CampaignBook
    let features: LeadFeatures
    do {
      (rules, campaigns) = try config.load()
      let freeMailFile = freeMail ?? config.freeMailFile
      let domains: Set<String> =
        freeMail != nil || FileSystem.exists(freeMailFile)
        ? try LeadFeatures.loadFreeMailDomains(path: freeMailFile) : []
      features = LeadFeatures(freeMailDomains: domains)
    } catch {
      printError(error.description)
      return .failure(Status(code: ExitStatus.badConfiguration))
    }
    var inputs: [ScoreInput] = []
    for path in files.isEmpty ? ["-"] : files {
      do {
        inputs.append(
          ScoreInput(name: path == "-" ? "<stdin>" : path, source: try openInput(path: path)))
      } catch {
        printError(error.description)
        return .failure(Status(code: ExitStatus.cannotOpenInput))
      }
    }
    let rejectSink: RejectSink
    do throws(OutputError) {
      if let rejects {
        rejectSink = RejectSink(sink: try OutputSink(path: rejects), style: .ndjson)
      } else {
        rejectSink = RejectSink(
          sink: OutputSink(fileDescriptor: 2, name: "standard error"), style: .messages)
      }
    } catch {
      printError(error.description)
      return .failure(Status(code: ExitStatus.cannotWriteOutput))
    }
    let evaluator = Evaluator(rules: rules, campaigns: campaigns, scorer: scorer(features))
    let read = ReadOptions(format: format, maxLineBytes: rules.thresholds.maxLineBytes)
    do {
      let (set, counts) = try LabelledRun.collect(
        inputs: inputs, read: read, evaluator: evaluator, features: features, rejects: rejectSink)
      if set.count == 0 {
        printError("no labelled leads or calls in the input (each needs `label` 0 or 1)")
        return .failure(Status(code: ExitStatus.usage))
      }
      return .success(Loaded(set: set, counts: counts))
    } catch {
      switch error {
      case .input(let inputError):
        printError(inputError.description)
        return .failure(Status(code: ExitStatus.cannotOpenInput))
      case .output(let outputError):
        printError(outputError.description)
        return .failure(Status(code: ExitStatus.cannotWriteOutput))
      case .interrupted:
        return .failure(Status(code: ExitStatus.interrupted))
      }
    }
  }
}
