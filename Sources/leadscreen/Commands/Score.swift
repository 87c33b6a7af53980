import ArgumentParser
import LeadScreen

extension LeadScreenCommand {
  struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "score",
      abstract: "Read click, lead and call records; write a verdict per lead and call.",
      discussion: """
        Reads FILEs in order (standard input when none or '-'), NDJSON or CSV, gzip \
        read transparently. Verdicts go to standard output in input order; rejected \
        lines to --rejects (or standard error); a summary to standard error. Exit \
        status 65 when some lines were rejected (all others were still scored).
        """
    )

    @Argument(help: "Input files ('-' for standard input).")
    var files: [String] = []

    @OptionGroup var config: ConfigOptions

    @Option(help: "Input format, instead of detecting it per line (ndjson|csv).")
    var format: InputFormat?

    @Option(help: "Verdict format (ndjson|csv).")
    var outputFormat: VerdictFormat = .ndjson

    @Option(help: "Which verdicts to write: billable (leads and calls) or all (clicks too).")
    var emit: EmitMode = .billable

    @Flag(help: "Add, per reason, the rule file and line or the pattern that matched.")
    var explain = false

    @Option(help: "Write rejected lines here as NDJSON (default: messages on standard error).")
    var rejects: String?

    @Option(help: "Write verdicts to this file instead of standard output.")
    var output: String?

    @Option(
      help: ArgumentHelp(
        "The model file, or 'none' (every score is 0).",
        discussion: "Default: models/lead-quality.json when it exists, else none."))
    var model: String?

    @Option(
      help: ArgumentHelp(
        "State database (SQLite) for duplicates and decisions across runs; created on first use.",
        discussion: """
          A record decided in an earlier run keeps its verdict; phones and emails are kept \
          only as keyed hashes (key: LEADSCREEN_STATE_KEY, else one generated into the file). \
          The run's changes are committed when it completes (exit 0 or 65), else discarded.
          """))
    var state: String?

    @Option(
      name: .customLong("state-wait"),
      help: "Seconds to wait for another run using the same --state before failing (exit 75).")
    var stateWait: Int = 600

    @Option(help: "Worker threads (default: the machine's cores); output is the same for any N.")
    var threads: Int?

    @Flag(name: .shortAndLong, help: "No summary on standard error.")
    var quiet = false

    @Flag(
      help: ArgumentHelp(
        "Only read and parse the input into fields, then count records and rejected lines "
          + "(the reader's share of a run, for benchmarks); no verdicts.",
        visibility: .hidden))
    var onlyRead = false

    func validate() throws {
      if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
      if stateWait < 0 { throw ValidationError("--state-wait must be 0 or more seconds") }
    }

    func run() throws {
      Signals.install()
      let command = ScoreCommand(options: self)
      throw ExitCode(command.execute())
    }
  }
}

extension InputFormat: ExpressibleByArgument {}
extension VerdictFormat: ExpressibleByArgument {}
extension EmitMode: ExpressibleByArgument {}
