import ArgumentParser
import LeadScreen

extension LeadScreenCommand {
  struct State: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "state",
      abstract: "Inspect and maintain the state database of `score --state`.",
      subcommands: [Stats.self, Prune.self]
    )
  }
}

/// The state file and how long to wait for a run that holds it.
struct StateOptions: ParsableArguments {
  @Option(help: "The state database.")
  var state: String

  @Option(name: .customLong("state-wait"), help: "Seconds to wait for a run using the state.")
  var stateWait: Int = 600

  /// Opens the existing state, or exits with the error's status.
  func open() throws -> StateStore {
    do throws(StateError) {
      return try StateStore(
        path: state, environmentKey: StateKey.fromEnvironment(), waitSeconds: stateWait,
        create: false)
    } catch {
      printError(error.description)
      throw ExitCode(StateKey.exitStatus(for: error))
    }
  }
}

extension LeadScreenCommand.State {
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      abstract: "Counts per campaign and kind, decisions, runs, size and schema version.")

    @OptionGroup var options: StateOptions

    @Flag(help: "Also print a digest of the state's content (equal for equal states).")
    var digest = false

    func run() throws {
      let store = try options.open()
      let stats: StateStats
      do throws(StateError) {
        stats = try store.stats(digest: digest)
      } catch {
        printError(error.description)
        throw ExitCode(StateKey.exitStatus(for: error))
      }
      print(StateReport.text(stats, path: options.state), terminator: "")
    }
  }

  struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "prune",
      abstract: "Remove contacts and decisions older than the longest duplicate window.",
      discussion: """
        Without --before, entries older than the longest duplicate_window_days of the \
        campaigns file, counted back from the newest time in the state, are removed (each \
        `score --state` run does this when it completes). With --before DATE \
        (YYYY-MM-DD or RFC 3339, UTC), everything older than DATE is.
        """)

    @OptionGroup var options: StateOptions

    @Option(help: "The campaigns file (YAML).")
    var campaigns: String = "examples/campaigns.yaml"

    @Option(help: "Remove entries older than this date (YYYY-MM-DD or RFC 3339).")
    var before: String?

    func validate() throws {
      if let before, StateReport.parseDate(before) == nil {
        throw ValidationError(
          "--before: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not `\(before)`")
      }
    }

    func run() throws {
      let book: CampaignBook
      do { book = try CampaignBook.load(path: campaigns) } catch {
        printError(error.description)
        throw ExitCode(ExitStatus.badConfiguration)
      }
      let longest = book.campaigns.values.map(\.duplicateWindowDays).max() ?? 30
      let store = try options.open()
      do throws(StateError) {
        try store.beginWrite()
        let result = try store.prune(
          retentionDays: longest, before: before.flatMap(StateReport.parseDate))
        try store.commit()
        let cutoff = result.cutoff.map { " older than \(StateReport.format($0))" } ?? ""
        print("pruned \(result.contacts) contacts and \(result.decisions) decisions\(cutoff)")
      } catch {
        store.rollback()
        printError(error.description)
        throw ExitCode(StateKey.exitStatus(for: error))
      }
    }
  }
}
