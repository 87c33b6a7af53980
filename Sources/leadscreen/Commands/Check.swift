import ArgumentParser
import LeadScreen

extension LeadScreenCommand {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate the rules folder, the campaigns file and the model.",
      discussion:
        "Prints each problem as FILE:LINE:COLUMN: MESSAGE; exit status 78 when there is one."
    )

    @OptionGroup var config: ConfigOptions

    @Option(
      help: ArgumentHelp(
        "The model file to validate, or 'none'.",
        discussion: "Default: models/lead-quality.json when it exists."))
    var model: String?

    @Flag(name: .shortAndLong, help: "Print nothing when everything is valid.")
    var quiet = false

    func run() throws {
      let problems = ConfigCheck(options: config, model: model).problems()
      for problem in problems { printError(problem.description) }
      if !problems.isEmpty { throw ExitCode(ExitStatus.badConfiguration) }
      guard !quiet else { return }
      let modelPath = config.modelPath(model).map { ", model \($0)" } ?? ", no model"
      print("ok: rules \(config.rules), campaigns \(config.campaigns)\(modelPath)")
    }
  }
}
