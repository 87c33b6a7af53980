import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `leadscreen` on generated nights, for ``StateBinaryTests``.
enum StateBinary {
  static let root = StateTestSupport.root
  static let binary = root.appendingPathComponent(".build/debug/leadscreen").path

  /// The binary is built and the stand-ins of other parts are gone.
  static var isReady: Bool {
    FileManager.default.isExecutableFile(atPath: binary)
      && !FileManager.default.fileExists(
        atPath: root.appendingPathComponent("Sources/LeadScreen/TempStubs.swift").path)
  }

  /// One key for every state of the tests, so the content digests of two states compare.
  static let environment = ProcessInfo.processInfo.environment.merging(
    ["LEADSCREEN_STATE_KEY": "state binary tests: a fixed key"], uniquingKeysWith: { $1 })

  struct Result {
    var status: Int32
    var stdout: Data
    var stderr: String
  }

  struct Running {
    var process: Process
    var input: Pipe
    /// Where the process's standard error goes.
    var errorFile: URL

    /// What the process wrote to standard error so far.
    var errors: String {
      (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "(no standard error file)"
    }

    /// Writes to the process's standard input; a process that has stopped reading
    /// fails with its exit status and standard error, not only EPIPE.
    func write(_ bytes: some DataProtocol) throws {
      do {
        try input.fileHandleForWriting.write(contentsOf: bytes)
      } catch {
        if process.isRunning { usleep(200_000) }
        let status = process.isRunning ? "still running" : "exit \(process.terminationStatus)"
        throw StopError(
          description: "writing to leadscreen failed (\(error)); it is \(status); stderr: \(errors)"
        )
      }
    }
  }

  struct StopError: Error, CustomStringConvertible {
    var description: String
  }

  /// A temporary folder with a campaigns file and generated nights of traffic.
  struct Workspace {
    let folder: URL
    let records: Int
    var rules: String { root.appendingPathComponent("rules").path }

    init(records: Int) throws {
      folder = try StateTestSupport.temporaryFolder()
      self.records = records
      let campaigns = """
        campaigns:
          plumbing:
            advertiser: "Pipe Co"
            currency: USD
            price_per_lead: 60.00
            price_per_call: 35.00
            price_per_click: 0.90
            required_fields: [first_name, phone]
            duplicate_window_days: 30
          roofing:
            advertiser: "Roof Co"
            currency: USD
            price_per_lead: 80.00
            price_per_call: 45.00
            required_fields: [first_name, phone]
            min_call_seconds: 60
            duplicate_window_days: 7

        """
      try Data(campaigns.utf8).write(to: folder.appendingPathComponent("campaigns.yaml"))
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Night `n` (day `n` of November 2026): clicks, leads naming them, and calls; phones
    /// repeat within and across nights so there are duplicates.
    func night(_ n: Int) -> Data {
      var out = ""
      var state = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
      func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
      }
      let start = 1_793_491_200 + Int64(n) * 86_400  // 2026-11-01 + n days
      for i in 0..<records {
        let time = start + Int64(i) * 43_200 / Int64(records)
        let campaign = next() % 3 == 0 ? "roofing" : "plumbing"
        let phone = 2_125_551_000 + next() % 2_000
        let ip = "198.51.100.\(next() % 60)"
        switch i % 4 {
        case 0, 1:
          out +=
            "{\"type\":\"click\",\"id\":\"C\(n)-\(i)\",\"ts\":\(time),\"campaign\":\"\(campaign)\","
            + "\"source\":\"pub\(i % 5)\",\"ip\":\"\(ip)\",\"ua\":\"Mozilla/5.0 (X11; Linux x86_64) "
            + "AppleWebKit/537.36 Chrome/120.0 Safari/537.36\"}\n"
        case 2:
          out +=
            "{\"type\":\"lead\",\"id\":\"L\(n)-\(i)\",\"ts\":\(time),\"campaign\":\"\(campaign)\","
            + "\"source\":\"pub\(i % 5)\",\"click_id\":\"C\(n)-\(i - 2)\",\"first_name\":\"Ann\","
            + "\"last_name\":\"Lee\",\"email\":\"ann\(phone % 700)@example.com\","
            + "\"phone\":\"\(phone)\",\"zip\":\"78701\"}\n"
        default:
          out +=
            "{\"type\":\"call\",\"id\":\"K\(n)-\(i)\",\"ts\":\(time),\"campaign\":\"\(campaign)\","
            + "\"caller\":\"+1\(phone)\",\"duration\":\(next() % 300)}\n"
        }
      }
      return Data(out.utf8)
    }

    /// Runs `score --state STATE` (after scoring `after` into it, when given) on `input`.
    func score(input: Data, state: String, after: Data? = nil, extra: [String] = []) throws
      -> Result
    {
      if let after { _ = try score(input: after, state: state) }
      let arguments =
        [
          "score", "--state", path(state), "--rules", rules, "--campaigns", path("campaigns.yaml"),
          "--explain", "--emit", "all",
        ] + extra
      return try StateBinary.run(arguments, input: input)
    }

    /// The state's content digest (`state stats --digest`).
    func digest(_ state: String) throws -> String {
      let result = try StateBinary.run(["state", "stats", "--state", path(state), "--digest"])
      let text = String(decoding: result.stdout, as: UTF8.self)
      return text.split(separator: "\n").first { $0.hasPrefix("content digest") }.map(String.init)
        ?? "no digest: \(result.stderr)"
    }

    /// Starts `score` on `input` with stdout to a file, and SIGKILLs it once the file
    /// holds `afterBytes`; returns the bytes written by then.
    func scoreAndKill(input: Data, state: String, afterBytes: Int) throws -> (
      bytes: Int, bySignal: Bool
    ) {
      let output = path("killed.ndjson")
      let inputFile = folder.appendingPathComponent("killed-input.ndjson")
      try input.write(to: inputFile)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = [
        "score", "--state", path(state), "--rules", rules, "--campaigns", path("campaigns.yaml"),
        "--explain", "--emit", "all", "--output", output, "-q", inputFile.path,
      ]
      process.environment = StateBinary.environment
      process.standardError = FileHandle.nullDevice
      try process.run()
      var size = 0
      while process.isRunning {
        size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        if size >= afterBytes { break }
        usleep(500)
      }
      // Only a process still running: once reaped, its number may be another process's.
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
      return (size, process.terminationReason == .uncaughtSignal)
    }

    func start(_ arguments: [String]) throws -> Running {
      try StateBinary.start(arguments)
    }
  }

  static func start(_ arguments: [String]) throws -> Running {
    signal(SIGPIPE, SIG_IGN)  // a run that ended early must fail a test, not end the process
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.environment = environment
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    let errorFile = try StateTestSupport.temporaryFolder().appendingPathComponent("stderr")
    try Data().write(to: errorFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    return Running(process: process, input: input, errorFile: errorFile)
  }

  /// Runs the binary to its end; input, output and errors go through files (no pipe
  /// can fill up and stall it).
  static func run(_ arguments: [String], input: Data = Data()) throws -> Result {
    let folder = try StateTestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = ["in", "out", "err"].map { folder.appendingPathComponent($0) }
    try input.write(to: files[0])
    try Data().write(to: files[1])
    try Data().write(to: files[2])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.environment = environment
    process.standardInput = try FileHandle(forReadingFrom: files[0])
    process.standardOutput = try FileHandle(forWritingTo: files[1])
    process.standardError = try FileHandle(forWritingTo: files[2])
    try process.run()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: try Data(contentsOf: files[1]),
      stderr: String(decoding: try Data(contentsOf: files[2]), as: UTF8.self))
  }
}
