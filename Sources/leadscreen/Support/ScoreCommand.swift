import Foundation
import LeadScreen

/// Wires `score`: loads configuration, opens inputs and outputs, runs the
/// pipeline, prints the summary and maps the outcome to an exit status.
struct ScoreCommand {
  let options: LeadScreenCommand.Score

  func execute() -> Int32 {
    let rules: RuleSet
    let campaigns: CampaignBook
    let scorer: any Scorer
    do {
      (rules, campaigns, scorer) = try options.config.load(model: options.model)
      // The rules live until the process ends: taking them apart object by object at
      // exit (tens of thousands of patterns, ranges, ZIPs and domains) is wasted time.
      _ = Unmanaged.passRetained(rules)
    } catch {
      printError(error.description)
      return ExitStatus.badConfiguration
    }
    var inputs: [ScoreInput] = []
    for path in options.files.isEmpty ? ["-"] : options.files {
      do {
        inputs.append(
          ScoreInput(name: path == "-" ? "<stdin>" : path, source: try openInput(path: path)))
      } catch {
        printError(error.description)
        return ExitStatus.cannotOpenInput
      }
    }
    if options.onlyRead { return readOnly(inputs, rules: rules) }
    // The state's lock is taken before any output file is truncated.
    var evaluator = Evaluator(
      rules: rules, campaigns: campaigns, scorer: scorer, duplicateSpill: .standard)
    var store: StateStore?
    if let path = options.state {
      do throws(StateError) {
        let opened = try StateStore(
          path: path, environmentKey: StateKey.fromEnvironment(), waitSeconds: options.stateWait)
        try opened.beginRun()
        evaluator = Evaluator(
          rules: rules, campaigns: campaigns, scorer: scorer,
          contactHasher: opened.contactHasher ?? .builtIn, duplicateSpill: .standard)
        try opened.preload(into: &evaluator)
        store = opened
      } catch {
        printError(error.description)
        return StateKey.exitStatus(for: error)
      }
    }
    defer { store?.abandonRun() }  // rolls back unless the run was committed
    let verdictSink: OutputSink
    let rejectSink: RejectSink
    do throws(OutputError) {
      if let path = options.output {
        verdictSink = try OutputSink(path: path)
      } else {
        verdictSink = OutputSink(fileDescriptor: 1, name: "standard output")
      }
      if let path = options.rejects {
        rejectSink = RejectSink(sink: try OutputSink(path: path), style: .ndjson)
      } else {
        rejectSink = RejectSink(
          sink: OutputSink(fileDescriptor: 2, name: "standard error"), style: .messages)
      }
    } catch {
      printError(error.description)
      return ExitStatus.cannotWriteOutput
    }
    evaluator.explainsModel = options.explain || store != nil
    var pipeline = ScorePipeline(evaluator: evaluator, emit: options.emit, memory: store)
    var writer = VerdictWriter(
      sink: verdictSink, format: options.outputFormat, explain: options.explain)
    let read = ReadOptions(
      format: options.format, maxLineBytes: rules.thresholds.maxLineBytes,
      threads: options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let spill = evaluator.duplicateSpill
    defer {
      if let problem = spill?.writeProblem, !options.quiet {
        printError("note: old contacts were kept in memory: \(problem)")
      }
    }
    // Constants for the check made at every record (a `var` captured, or a class's
    // stored `var`, is checked for exclusive access at run time).
    let kept = store
    do {
      let counts = try ScoreRun.run(
        inputs: inputs, read: read, pipeline: &pipeline, verdicts: &writer, rejects: rejectSink,
        shouldStop: {
          Interruption.isRequested || kept?.hasFailed == true || spill?.hasFailed == true
        })
      if let failure = spill?.failure {
        printError(failure + (store != nil ? " (the run's state changes were discarded)" : ""))
        return ExitStatus.cannotWriteOutput
      }
      if Interruption.isRequested, store != nil {
        // A signal during the last read: the run is complete but was asked to stop.
        report(counts, pipeline: pipeline)
        printError("interrupted: the run's state changes were discarded")
        return Signals.signal > 0 ? 128 + Signals.signal : ExitStatus.interrupted
      }
      if let store {
        let longest = campaigns.campaigns.values.map(\.duplicateWindowDays).max() ?? 30
        do throws(StateError) {
          try store.finishRun(counts: counts, retentionDays: longest)
        } catch {
          printError(error.description + " (the run's state changes were discarded)")
          return StateKey.exitStatus(for: error)
        }
      }
      report(counts, pipeline: pipeline)
      return counts.rejected > 0 ? ExitStatus.rejectedRecords : ExitStatus.success
    } catch {
      if let failure = spill?.failure {
        printError(
          failure + "; the verdicts written are incomplete"
            + (store != nil ? " (the run's state changes were discarded)" : ""))
        return ExitStatus.cannotWriteOutput
      }
      if let failure = store?.failure {
        printError(failure.description + " (the run's state changes were discarded)")
        return StateKey.exitStatus(for: failure)
      }
      switch error {
      case .input(let inputError):
        printError(inputError.description)
        return ExitStatus.cannotOpenInput
      case .output(.closedPipe):
        return ExitStatus.success
      case .output(let outputError):
        printError(outputError.description)
        return ExitStatus.cannotWriteOutput
      case .interrupted(let counts):
        report(counts, pipeline: pipeline)
        printError(
          "interrupted: wrote the verdicts decided so far"
            + (store != nil ? "; the run's state changes were discarded" : ""))
        let signal = Signals.signal
        return signal > 0 ? 128 + signal : ExitStatus.interrupted
      }
    }
  }

  /// `--only-read`: the reader alone over the inputs.
  private func readOnly(_ inputs: [ScoreInput], rules: RuleSet) -> Int32 {
    let read = ReadOptions(format: options.format, maxLineBytes: rules.thresholds.maxLineBytes)
    do throws(InputError) {
      let (records, rejected) = try ScoreRun.readOnly(inputs: inputs, read: read)
      if !options.quiet { printError("\(records + rejected) records read, \(rejected) rejected") }
      return rejected > 0 ? ExitStatus.rejectedRecords : ExitStatus.success
    } catch {
      printError(error.description)
      return ExitStatus.cannotOpenInput
    }
  }

  private func report(_ counts: RunCounts, pipeline: ScorePipeline) {
    for message in pipeline.evaluator.ruleErrors { printError(message) }
    if pipeline.evaluator.ruleErrorCount > pipeline.evaluator.ruleErrors.count {
      printError("\(pipeline.evaluator.ruleErrorCount) user-rule matches stopped by PCRE2 limits")
    }
    guard !options.quiet else { return }
    var line =
      "\(counts.records + counts.rejected) records: \(counts.verdicts) verdicts "
      + "(\(counts.accepted) accepted, \(counts.disputed) disputed), "
      + "\(counts.clicksAbsorbed) clicks absorbed, \(counts.rejected) rejected"
    if counts.replayed > 0 { line += " (\(counts.replayed) verdicts kept from the state)" }
    if !counts.byReason.isEmpty {
      let reasons = counts.byReason.sorted {
        $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
      }
      line += "; disputes: " + reasons.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
    printError(line)
  }
}
