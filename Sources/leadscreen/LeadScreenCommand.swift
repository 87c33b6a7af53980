import ArgumentParser
import LeadScreen

@main
struct LeadScreenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leadscreen",
    abstract: "Score click, lead and call records for ad fraud and lead quality.",
    subcommands: [
      Score.self, Invoice.self, Check.self, Train.self, Evaluate.self, Generate.self,
      State.self, ClassifyUA.self,
    ]
  )
}
