import Foundation
import Testing

@testable import LeadScreen

/// The real binary as a subprocess: verdicts, rejects, summary and exit status.
@Suite struct ScoreCommandTests {
  static let sample = [
    Stream.click("C1", at: 0),
    Stream.click("C2", at: 5, ua: "curl/8.4.0"),
    Stream.lead("L1", at: 80, click: "C1"),
    Stream.lead(
      "L2", at: 90, click: "C2",
      fields: ["phone": "512-389-7720", "email": "tom.baker@yahoo.com", "first_name": "Tom"]),
    Stream.call("K1", at: 120, duration: 45),
  ]

  @Test func scoresLeadsAndCallsInInputOrder() throws {
    let result = try Harness.run(
      ["score", "--quiet", "--model", "none"], input: Self.sample.joined(separator: "\n"))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.lines.count == 3)
    #expect(result.lines[0].hasPrefix("{\"id\":\"L1\",\"type\":\"lead\""))
    #expect(result.lines[0].contains("\"decision\":\"accepted\""))
    #expect(result.lines[0].contains("\"price\":75.00"))
    #expect(result.lines[1].contains("\"reasons\":[\"bot_ua\"]"))
    #expect(result.lines[2].contains("\"reasons\":[\"short_call\"]"))
  }

  @Test func emitAllWritesClicksToo() throws {
    let result = try Harness.run(
      ["score", "--quiet", "--emit", "all"], input: Self.sample.joined(separator: "\n"))
    #expect(result.lines.count == 5)
    #expect(result.lines[1].contains("\"id\":\"C2\"") && result.lines[1].contains("bot_ua"))
  }

  @Test func summaryAddsUp() throws {
    let result = try Harness.run(["score"], input: Self.sample.joined(separator: "\n"))
    #expect(
      result.stderr.contains(
        "5 records: 3 verdicts (1 accepted, 2 disputed), 2 clicks absorbed, 0 rejected"),
      "\(result.stderr)")
  }

  @Test func malformedLinesAreRejectedWithLineNumbersAndExit65() throws {
    let directory = try Harness.temporaryDirectory()
    let rejects = directory.appendingPathComponent("rejects.ndjson").path
    let input = [
      Self.sample[0],
      "{\"type\":\"lead\",\"id\":",
      "[1,2,3]",
      "{\"type\":\"lead\",\"ts\":\"2026-11-20T12:00:00Z\",\"campaign\":\"hvac-austin\"}",
      "{\"type\":\"visit\",\"id\":\"V1\",\"ts\":\"2026-11-20T12:00:00Z\",\"campaign\":\"hvac-austin\"}",
      "{\"type\":\"lead\",\"id\":\"L9\",\"ts\":\"yesterday\",\"campaign\":\"hvac-austin\"}",
      "{\"type\":\"call\",\"id\":\"K9\",\"ts\":\"2026-11-20T12:00:00Z\",\"campaign\":\"hvac-austin\",\"caller\":\"5124427310\",\"duration\":\"long\"}",
      Self.sample[2],
    ].joined(separator: "\n")
    let result = try Harness.run(["score", "--rejects", rejects], input: input)
    #expect(result.status == 65)
    #expect(result.lines.count == 1)
    let rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
    #expect(rejected.count == 6)
    for (index, line) in [2, 3, 4, 5, 6, 7].enumerated() {
      #expect(rejected[index].contains("\"line\":\(line),"), "\(rejected[index])")
    }
    #expect(
      result.stderr.contains(
        "8 records: 1 verdicts (1 accepted, 0 disputed), 1 clicks absorbed, 6 rejected"),
      "\(result.stderr)")
  }

  @Test func rejectsGoToStandardErrorByDefault() throws {
    let result = try Harness.run(["score", "--quiet"], input: "not json at all\n" + Self.sample[2])
    #expect(result.status == 65)
    #expect(result.stderr.contains("<stdin>:1: rejected:"), "\(result.stderr)")
  }

  @Test func missingInputFileExits66() throws {
    let result = try Harness.run(["score", "/nonexistent/clicks.ndjson"])
    #expect(result.status == 66)
    #expect(result.stderr.contains("/nonexistent/clicks.ndjson"))
  }

  @Test func badConfigurationExits78WithLocation() throws {
    let directory = try Harness.temporaryDirectory()
    let campaigns = directory.appendingPathComponent("campaigns.yaml")
    try "campaigns:\n  a:\n    price_per_leed: 3.00\n".write(
      to: campaigns, atomically: true, encoding: .utf8)
    let result = try Harness.run(["score", "--campaigns", campaigns.path], input: Self.sample[0])
    #expect(result.status == 78)
    #expect(result.stderr.contains("campaigns.yaml:3:5:"), "\(result.stderr)")
    let check = try Harness.run(["check", "--campaigns", campaigns.path])
    #expect(check.status == 78)
    #expect(check.stderr.contains("campaigns.yaml:3:5:"))
  }

  /// The rules folder's files load on several threads, beside the campaigns file and
  /// the model; when several are bad, the error reported is still the first in the order
  /// they were once loaded one after the other (bot patterns, data-center ranges, ...,
  /// geo tables; then the campaigns file; then the model), whichever load ends first.
  @Test func severalBadFilesReportTheFirstInLoadOrder() throws {
    let directory = try Harness.temporaryDirectory()
    /// A copy of the shipped rules with `breaks` (path, line) appended to its files.
    func rules(_ name: String, breaking breaks: [(String, String)]) throws -> String {
      let copy = directory.appendingPathComponent(name)
      try FileManager.default.copyItem(
        at: URL(fileURLWithPath: Harness.rulesDirectory), to: copy)
      for (file, line) in breaks {
        let handle = try FileHandle(forWritingTo: copy.appendingPathComponent(file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
        try handle.close()
      }
      return copy.path
    }
    let badBots = ("bots/generic.txt", "(((")
    let badRanges = ("datacenter/hosting.txt", "1.2.3.400/8")
    let badZips = ("geo/zips.tsv", "99999\tXX")
    let campaigns = directory.appendingPathComponent("campaigns.yaml")
    try "campaigns:\n  a:\n    price_per_leed: 3.00\n".write(
      to: campaigns, atomically: true, encoding: .utf8)
    let cases: [(arguments: [String], names: String)] = [
      (["--rules", try rules("all", breaking: [badZips, badRanges, badBots])], "generic.txt:"),
      (["--rules", try rules("two", breaking: [badZips, badRanges])], "hosting.txt:"),
      (["--rules", try rules("geo", breaking: [badZips])], "zips.tsv:"),
      (["--campaigns", campaigns.path, "--model", "/nonexistent/model.json"], "campaigns.yaml:"),
      (["--model", "/nonexistent/model.json"], "/nonexistent/model.json"),
    ]
    for (arguments, names) in cases {
      let result = try Harness.run(["score"] + arguments, input: Self.sample[0])
      #expect(result.status == 78, "\(arguments)")
      #expect(result.stderr.contains(names), "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
  }

  @Test func badUserRegexIsAConfigErrorNamingFileAndLine() throws {
    let directory = try Harness.temporaryDirectory()
    let rules = directory.appendingPathComponent("user-rules.yaml")
    try
      "rules:\n  - name: broken\n    field: keyword\n    pattern: '(Googlebot'\n    action: dispute\n"
      .write(to: rules, atomically: true, encoding: .utf8)
    let result = try Harness.run(["check", "--user-rules", rules.path])
    #expect(result.status == 78)
    #expect(result.stderr.contains("user-rules.yaml:4:"), "\(result.stderr)")
    #expect(result.stderr.contains("offset 10"))
  }

  @Test func catastrophicUserRegexDoesNotHang() throws {
    let directory = try Harness.temporaryDirectory()
    let rules = directory.appendingPathComponent("user-rules.yaml")
    try "rules:\n  - name: evil\n    field: note\n    pattern: '^(a+)+$'\n    action: dispute\n"
      .write(to: rules, atomically: true, encoding: .utf8)
    let evil = String(repeating: "a", count: 5_000) + "!"
    let input = (0..<20).map { Stream.lead("L\($0)", at: $0, fields: ["note": evil]) }
      .joined(separator: "\n")
    let result = try Harness.run(["score", "--user-rules", rules.path], input: input)
    #expect(result.status == 0)
    #expect(result.lines.count == 20)
    #expect(result.stderr.contains("rule evil gave up"), "\(result.stderr)")
  }

  @Test func closedPipeEndsQuietly() throws {
    let lines = (0..<50_000).map { Stream.lead("L\($0)", at: $0) }.joined(separator: "\n")
    let directory = try Harness.temporaryDirectory()
    let file = directory.appendingPathComponent("leads.ndjson")
    try lines.write(to: file, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c",
      "'\(Harness.binary.path)' score --quiet '\(file.path)' | head -1 >/dev/null; echo \"${PIPESTATUS:-}\"",
    ]
    process.currentDirectoryURL = Harness.root
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    process.waitUntilExit()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stderr.isEmpty, "\(stderr)")
  }

  /// The input is mapped: a file cut short while it is read must end the run with a
  /// message naming it and the status of an unreadable input (66), not a crash. The
  /// binary is held on a full output pipe, the first of two files is cut, then the pipe
  /// is drained.
  @Test(arguments: [1, 2]) func aFileCutShortWhileReadEndsWithStatus66(threads: Int) throws {
    let lines = (0..<100_000).map { Stream.click("C\($0)", at: $0) }.joined(separator: "\n")
    let directory = try Harness.temporaryDirectory()
    let file = directory.appendingPathComponent("clicks.ndjson")
    try lines.write(to: file, atomically: true, encoding: .utf8)
    let other = directory.appendingPathComponent("more.ndjson")
    try Stream.click("D1", at: 200_000).write(to: other, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = Harness.binary
    process.arguments = [
      "score", "--quiet", "--emit", "all", "--threads", "\(threads)", file.path, other.path,
    ]
    process.currentDirectoryURL = Harness.root
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // The first verdicts: the binary is running, and soon blocked on the full pipe.
    let first = stdout.fileHandleForReading.readData(ofLength: 1024)
    #expect(!first.isEmpty)
    usleep(300_000)
    let handle = try FileHandle(forWritingTo: file)
    try handle.truncate(atOffset: 0)
    try handle.close()
    let errorData = LockedData()
    let errorReader = Thread { errorData.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
    errorReader.start()
    let rest = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.done { usleep(1000) }
    let message = String(decoding: errorData.data, as: UTF8.self)
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 66, "\(message)")
    #expect(
      message
        == "leadscreen: cannot read \(file.path): the file became shorter while it was read\n")
    // Not every click was scored: the run did stop early.
    let verdicts = (first + rest).split(separator: UInt8(ascii: "\n")).count
    #expect(verdicts < 100_000)
  }

  @Test func csvInputGivesTheSameVerdictsAsNDJSON() throws {
    let ndjson = try Harness.run(
      ["score", "--quiet", "--emit", "all"], input: Self.sample.joined(separator: "\n"))
    let csv = try Harness.run(
      ["score", "--quiet", "--emit", "all"], input: CSVText.from(ndjson: Self.sample))
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(csv.stdout == ndjson.stdout)
  }
}

/// Turns flat NDJSON test records into one CSV table (union of fields).
enum CSVText {
  static func from(ndjson lines: [String]) throws -> String {
    let objects = try lines.map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
    var columns: [String] = []
    for object in objects {
      for key in object.keys.sorted() where !columns.contains(key) { columns.append(key) }
    }
    var out = columns.joined(separator: ",") + "\n"
    for object in objects {
      out +=
        columns.map { key -> String in
          guard let value = object[key] else { return "" }
          let text = "\(value)"
          return text.contains(",") || text.contains("\"") || text.contains("\n")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }.joined(separator: ",") + "\n"
    }
    return out
  }
}

/// Signals: SIGTERM while waiting for more input writes what was read and exits 143.
@Suite struct ScoreSignalTests {
  /// One thread; two (reading and parsing on one); four (lines parsed by other threads).
  @Test(arguments: [1, 2, 4])
  func sigtermFlushesAndExitsNonZero(threads: Int) throws {
    let process = Process()
    process.executableURL = Harness.binary
    process.arguments = ["score", "--quiet", "--threads", "\(threads)"]
    process.currentDirectoryURL = Harness.root
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = Pipe()
    // A second descriptor of the pipe's read end: Process closes its own copy.
    let probe = dup(stdin.fileHandleForReading.fileDescriptor)
    defer { close(probe) }
    try process.run()
    let lines = (0..<5).map { Stream.lead("L\($0)", at: $0 * 10) }.joined(separator: "\n") + "\n"
    stdin.fileHandleForWriting.write(Data(lines.utf8))
    // Wait until the binary has read the lines (the pipe is empty), however
    // slow its start; then it blocks reading for more.
    var unread: Int32 = 1
    for _ in 0..<600 where unread > 0 {
      usleep(50_000)
      if ioctl(probe, UInt(FIONREAD), &unread) != 0 {
        Issue.record("FIONREAD: errno \(errno)")
        break
      }
    }
    #expect(unread == 0)
    usleep(300_000)
    process.terminate()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 143)
    let verdicts = String(decoding: out, as: UTF8.self).split(separator: "\n")
    #expect(verdicts.count == 5)
    try? stdin.fileHandleForWriting.close()
  }
}
