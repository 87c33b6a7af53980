import ArgumentParser
import LeadScreen

extension LeadScreenCommand {
  // Placeholder until the subcommand lands on main.
  struct Score: ParsableCommand {
    func run() throws { throw ExitCode(64) }
  }
}
