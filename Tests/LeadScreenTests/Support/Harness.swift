import Foundation

@testable import LeadScreen

/// Paths and helpers shared by the tests: the package root, the real rules
/// folder, the built binary, temporary folders.
enum Harness {
  /// The package root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func path(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }

  /// The shipped rules folder.
  static var rulesDirectory: String { path("rules") }
  /// The example campaigns file.
  static var campaignsFile: String { path("examples/campaigns.yaml") }

  /// The `leadscreen` binary built beside the test bundle.
  static var binary: URL {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let beside = bundle.appendingPathComponent("leadscreen")
    if FileManager.default.fileExists(atPath: beside.path) { return beside }
    return root.appendingPathComponent(".build/debug/leadscreen")
  }

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> URL {
    let url = Scratch.path("harness")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The shipped rules, loaded once.
  static let rules: RuleSet = {
    do { return try RuleSet(directory: rulesDirectory) } catch { fatalError("\(error)") }
  }()

  static let campaigns: CampaignBook = {
    do { return try CampaignBook.load(path: campaignsFile) } catch { fatalError("\(error)") }
  }()
}

/// What a run of the binary produced.
struct ProcessResult {
  var status: Int32
  var stdout: String
  var stderr: String

  var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

extension Harness {
  /// Runs the real binary with `arguments`, feeding `input` on standard input.
  static func run(
    _ arguments: [String], input: String = "", directory: URL? = nil
  ) throws -> ProcessResult {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? root
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let writer = Thread {
      stdin.fileHandleForWriting.write(Data(input.utf8))
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let errorData = LockedData()
    let errorReader = Thread {
      errorData.set(stderr.fileHandleForReading.readDataToEndOfFile())
    }
    errorReader.start()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.done { usleep(1000) }
    return ProcessResult(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: errorData.data, as: UTF8.self))
  }
}

/// Data handed from a reader thread.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var value = Data()
  private var finished = false

  func set(_ data: Data) {
    lock.lock()
    value = data
    finished = true
    lock.unlock()
  }

  var done: Bool {
    lock.lock()
    defer { lock.unlock() }
    return finished
  }

  var data: Data {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
