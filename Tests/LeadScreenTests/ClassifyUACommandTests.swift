import Foundation
import Testing

@testable import leadscreen

/// `leadscreen classify-ua`: argument parsing in-process, and the built binary run as a
/// subprocess (skipped when the binary is not built next to the tests).
@Suite struct ClassifyUACommandTests {
  @Test func parsesOptions() throws {
    let command = try LeadScreenCommand.parseAsRoot([
      "classify-ua", "--rules", "r", "--summary", "--no-cache", "a.txt", "b.txt",
    ])
    let classify = try #require(command as? LeadScreenCommand.ClassifyUA)
    #expect(classify.rules == "r")
    #expect(classify.summary)
    #expect(classify.noCache)
    #expect(classify.files == ["a.txt", "b.txt"])
  }

  static var binary: String? {
    let path = RulesPaths.packageRoot + "/.build/debug/leadscreen"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }

  func run(_ arguments: [String], input: String) throws -> (out: String, err: String, status: Int32)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: RulesPaths.packageRoot)
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self),
      process.terminationStatus
    )
  }

  @Test(.enabled(if: binary != nil)) func classifiesStandardInput() throws {
    let browser =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      + "Chrome/120.0.0.0 Safari/537.36"
    let result = try run(["classify-ua"], input: "curl/8.4.0\n\(browser)\n")
    #expect(result.status == 0)
    let lines = result.out.split(separator: "\n").map {
      $0.split(separator: "\t", omittingEmptySubsequences: false)
    }
    #expect(lines.count == 2)
    #expect(lines[0].first == "bot")
    #expect(lines[0].count == 4)
    #expect(lines[0][1].hasPrefix("rules/bots/"))
    #expect(lines[0][3] == "curl/8.4.0")
    #expect(lines[1].map(String.init) == ["ok", "", "", browser])
  }

  @Test(.enabled(if: binary != nil)) func summaryCounts() throws {
    let browser = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
    let result = try run(["classify-ua", "--summary", "-"], input: "Wget/1.21\n\n\(browser)\n")
    #expect(result.status == 0)
    #expect(result.out.contains("user agents\t3\n"))
    #expect(result.out.contains("bot\t2\t66.667%\n"))
    #expect(result.out.contains("ok\t1\n"))
  }

  @Test(.enabled(if: binary != nil)) func badRulesExitWithConfigurationStatus() throws {
    let directory = try RulesPaths.temporaryDirectory(["placeholder.txt": ""])
    try FileManager.default.createDirectory(
      atPath: directory + "/bots", withIntermediateDirectories: true)
    try "(unclosed\n".write(toFile: directory + "/bots/x.txt", atomically: true, encoding: .utf8)
    let result = try run(["classify-ua", "--rules", directory], input: "a\n")
    #expect(result.status == 78)
    #expect(result.err.contains("/bots/x.txt:1:10: "))
  }

  @Test(.enabled(if: binary != nil)) func missingInputFileExits66() throws {
    let result = try run(["classify-ua", "/nonexistent/uas.txt"], input: "")
    #expect(result.status == 66)
  }
}
