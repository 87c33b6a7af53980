import ArgumentParser
import Foundation
import Testing

@testable import leadscreen

@Suite struct GeneratorCommandTests {
  static func temporary(_ name: String) -> String {
    Scratch.path("generate", "-\(name)").path
  }

  @Test func writesStreamCampaignsTruthAndMalformedList() throws {
    let out = Self.temporary("stream.csv")
    let campaigns = Self.temporary("campaigns.yaml")
    let truth = Self.temporary("truth.ndjson")
    let malformed = Self.temporary("malformed.ndjson")
    defer {
      for path in [out, campaigns, truth, malformed] {
        try? FileManager.default.removeItem(atPath: path)
      }
    }
    let command = try LeadScreenCommand.Generate.parse([
      "--clicks", "1500", "--seed", "5", "--format", "csv", "--rules", GeneratorFixture.rules,
      "--out", out, "--campaigns-out", campaigns, "--truth", truth, "--malformed", "4",
      "--malformed-out", malformed, "--rate", "bot=0.1",
    ])
    try command.run()
    let stream = try String(contentsOfFile: out, encoding: .isoLatin1)
    #expect(stream.hasPrefix("type,id,ts,campaign,"))
    #expect(try String(contentsOfFile: campaigns, encoding: .utf8).hasPrefix("# Written by"))
    let broken = try String(contentsOfFile: malformed, encoding: .utf8).split(separator: "\n")
    #expect(broken.count == 4)
    #expect(broken.allSatisfy { $0.hasPrefix("{\"malformed_line\":") })
    let truthLines = try String(contentsOfFile: truth, encoding: .utf8).split(separator: "\n")
    #expect(truthLines.count > 20)
  }

  @Test(arguments: [
    ["--rate", "nonsense=1"], ["--format", "xml"], ["--start", "20-11-2026"], ["--days", "0"],
  ])
  func badUsageIsAValidationError(arguments: [String]) throws {
    let command = try LeadScreenCommand.Generate.parse(arguments + ["--out", "/dev/null"])
    #expect(throws: ValidationError.self) { try command.run() }
  }

  @Test func missingTablesExitWithConfigurationError() throws {
    let command = try LeadScreenCommand.Generate.parse([
      "--rules", "/nonexistent", "--out", "/dev/null",
    ])
    #expect(throws: ExitCode(78)) { try command.run() }
  }
}
