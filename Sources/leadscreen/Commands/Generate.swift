import ArgumentParser
import Foundation
import LeadScreen

extension LeadScreenCommand {
  /// `leadscreen generate`: a realistic, deterministic, labelled sample stream.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "generate",
      abstract: "Write realistic sample traffic (clicks, leads, calls) with its truth.",
      discussion: """
        Same --seed, same bytes. Problem rates are set with --rate NAME=VALUE \
        (repeatable) and scaled together with --fraud-scale. Rates: \
        \(GeneratorMix.defaults.map { "\($0.name) [\($0.value)]" }.joined(separator: ", ")).
        """)

    @Option(help: "Total number of clicks.") var clicks = 10_000
    @Option(help: "Number of local days the traffic spans.") var days = 1
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "First local day (YYYY-MM-DD).") var start = "2026-11-20"
    @Option(help: "Stream format: ndjson or csv.") var format = "ndjson"
    @Option(help: "Rules folder with geo/ and generator/ tables.") var rules = "rules"
    @Option(help: "Write the stream here (default: standard output).") var out: String?
    @Option(help: "Write the matching campaigns file here.") var campaignsOut: String?
    @Option(help: "Write the expected verdict per lead and call here (NDJSON).") var truth: String?
    @Option(help: "Write the line numbers of malformed lines here (NDJSON).")
    var malformedOut: String?
    @Flag(help: "Put label (0/1) and fraud_kind on every record.") var labels = false
    @Option(help: "Number of malformed lines to sprinkle in.") var malformed = 0
    @Option(help: "Set a rate: NAME=VALUE (repeatable).") var rate: [String] = []
    @Option(help: "Multiply every problem rate (0 = clean traffic).") var fraudScale = 1.0

    func run() throws {
      var options = GeneratorOptions()
      do {
        options.clicks = clicks
        options.days = days
        options.seed = seed
        options.labels = labels
        options.malformed = malformed
        try options.setStart(start)
        guard let f = GeneratorOptions.Format(rawValue: format) else {
          throw GeneratorError.badOption("--format must be ndjson or csv")
        }
        options.format = f
        guard fraudScale >= 0 else { throw GeneratorError.badOption("--fraud-scale must be >= 0") }
        options.mix.fraudScale = fraudScale
        for assignment in rate { try options.mix.set(assignment: assignment) }
        try options.validate()
      } catch let error as GeneratorError {
        throw ValidationError(error.description)
      }
      let tables: GeneratorTables
      do {
        tables = try GeneratorTables(rulesDirectory: rules)
      } catch {
        FileHandle.standardError.write(Data("leadscreen: \(error)\n".utf8))
        throw ExitCode(78)
      }
      let generator = TrafficGenerator(options: options, tables: tables)
      signal(SIGPIPE, SIG_IGN)
      do {
        if let path = campaignsOut {
          try FileSink(path: path).write(Array(generator.campaignsYAML().utf8))
        }
        let stream = try out.map { try FileSink(path: $0) } ?? FileSink(standardOutput: ())
        let truthSink = try truth.map { try FileSink(path: $0) }
        let malformedSink = try malformedOut.map { try FileSink(path: $0) }
        let summary = try generator.run(stream: stream, truth: truthSink, malformed: malformedSink)
        FileHandle.standardError.write(
          Data(
            ("generated \(summary.clicks) clicks, \(summary.leads) leads, \(summary.calls) calls, "
              + "\(summary.malformed) malformed lines; \(summary.disputed) leads and calls "
              + "should be disputed\n").utf8))
      } catch let error as FileSink.Failure {
        if error.brokenPipe { return }
        FileHandle.standardError.write(Data("leadscreen: \(error)\n".utf8))
        throw ExitCode(74)
      }
    }
  }
}

/// A file (or standard output) the generator writes to, with `write(2)`.
final class FileSink: GeneratorSink {
  /// Why an output could not be written.
  struct Failure: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var brokenPipe: Bool { code == EPIPE }
    var description: String { "\(path): cannot write: \(String(cString: strerror(code)))" }
  }

  private let fd: Int32
  private let path: String

  init(path: String) throws {
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    self.path = path
    guard fd >= 0 else { throw Failure(path: path, code: errno) }
  }

  init(standardOutput: Void) {
    fd = 1
    path = "standard output"
  }

  deinit {
    if fd > 2 { close(fd) }
  }

  func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw Failure(path: path, code: errno)
        }
        offset += n
      }
    }
  }
}
