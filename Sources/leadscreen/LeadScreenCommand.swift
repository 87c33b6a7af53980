import ArgumentParser
import LeadScreen

@main
struct LeadScreenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leadscreen",
    abstract: "Score click, lead and call records for ad fraud and lead quality.",
    subcommands: [Score.self, Check.self, Generate.self, ClassifyUA.self, State.self]
  )
}
