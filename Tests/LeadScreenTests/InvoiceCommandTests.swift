import Foundation
import Testing

@testable import leadscreen

@Suite struct InvoiceCommandTests {
  @Test func parsesItsOptions() throws {
    let command = try LeadScreenCommand.Invoice.parse([
      "--campaigns", "c.yaml", "--format", "md", "--by", "source", "--period", "2026-11",
      "--output", "out.md", "a.ndjson", "-",
    ])
    #expect(command.campaigns == "c.yaml")
    #expect(command.format == .md)
    #expect(command.by == .source)
    #expect(command.period == "2026-11")
    #expect(command.output == "out.md")
    #expect(command.files == ["a.ndjson", "-"])
  }

  @Test func defaultsToTextWithoutSources() throws {
    let command = try LeadScreenCommand.Invoice.parse([])
    #expect(command.format == .text)
    #expect(command.by == nil)
    #expect(command.files.isEmpty)
  }

  @Test(arguments: [["--format", "pdf"], ["--by", "campaign"], ["--period"]])
  func rejectsBadUsage(arguments: [String]) {
    #expect(throws: (any Error).self) { try LeadScreenCommand.Invoice.parse(arguments) }
  }

  /// The built binary end to end. Runs once `invoice` is a registered subcommand
  /// (the integrator wires it into `LeadScreenCommand`).
  @Test(.enabled(if: CLI.hasInvoice))
  func binaryWritesTheInvoiceAndReportsMalformedLines() throws {
    let verdicts = try String(contentsOf: fixture("verdicts.ndjson"), encoding: .utf8)
    let input = verdicts + "{\"id\":\"broken\"\n"
    let run = try CLI.run(
      [
        "invoice", "--campaigns", fixture("campaigns.yaml").path, "--format", "csv", "--by",
        "source",
      ],
      stdin: input)
    #expect(run.status == 65)
    #expect(run.stderr.contains("<stdin>:17:"))
    #expect(run.stderr.contains("solar-pdx"))
    let expected = try String(
      contentsOf: GoldenFile(name: "invoice-by-source.csv").sourceURL, encoding: .utf8)
    #expect(run.stdout == expected.replacingOccurrences(of: ",2026-11-21,", with: ",,"))
  }

  @Test(.enabled(if: CLI.hasInvoice))
  func binaryExitStatuses() throws {
    let campaigns = fixture("campaigns.yaml").path
    #expect(try CLI.run(["invoice", "--campaigns", campaigns, "/nonexistent"]).status == 66)
    #expect(try CLI.run(["invoice", "--campaigns", "/nonexistent.yaml"], stdin: "").status == 78)
    #expect(
      try CLI.run(["invoice", "--campaigns", campaigns, "--output", "/nonexistent/x"], stdin: "")
        .status == 74)
    #expect(try CLI.run(["invoice", "--format", "pdf"]).status == 64)
  }
}

/// Runs the built `leadscreen` binary.
enum CLI {
  static var binary: URL {
    Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("leadscreen")
  }

  static var hasInvoice: Bool {
    guard FileManager.default.isExecutableFile(atPath: binary.path) else { return false }
    let help = (try? run(["--help"]).stdout) ?? ""
    return help.split(separator: "\n").contains { $0.hasPrefix("  invoice ") }
  }

  static func run(_ arguments: [String], stdin: String = "") throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: out, as: UTF8.self),
      String(decoding: err, as: UTF8.self)
    )
  }
}
