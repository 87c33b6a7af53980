import Foundation
import Testing

/// `score --threads N` through the real binary: a second thread reads, parses and
/// normalizes, and the output must be the same bytes for any N. Also the short way
/// of clicks whose verdicts are not written (no `Record`, no verdict) against the
/// long way (`--emit all`): leads and calls get the same verdicts either way.
@Suite(.serialized) struct ScoreThreadsBinaryTests {
  /// A generated day with malformed lines, as NDJSON and as CSV, in a fresh folder.
  static func day(seed: Int) throws -> URL {
    let dir = try Harness.temporaryDirectory()
    for (format, name) in [("ndjson", "day.ndjson"), ("csv", "day.csv")] {
      let result = try Harness.run([
        "generate", "--clicks", "40000", "--seed", "\(seed)", "--malformed", "25",
        "--format", format, "--campaigns-out", dir.appendingPathComponent("campaigns.yaml").path,
        "--out", dir.appendingPathComponent(name).path,
      ])
      #expect(result.status == 0, "\(result.stderr)")
    }
    return dir
  }

  /// Runs `score` with `arguments` on `inputs`; returns the exit status, the summary and
  /// the verdict and reject bytes.
  static func score(_ dir: URL, _ inputs: [String], _ arguments: [String], tag: String) throws
    -> (status: Int32, summary: String, verdicts: Data, rejects: Data)
  {
    let out = dir.appendingPathComponent("verdicts-\(tag)")
    let rejects = dir.appendingPathComponent("rejects-\(tag)")
    let result = try Harness.run(
      ["score", "--campaigns", dir.appendingPathComponent("campaigns.yaml").path]
        + ["--output", out.path, "--rejects", rejects.path] + arguments
        + inputs.map { dir.appendingPathComponent($0).path })
    return (result.status, result.stderr, try Data(contentsOf: out), try Data(contentsOf: rejects))
  }

  @Test(arguments: [
    ["--explain"], ["--emit", "all"], ["--model", "none", "--format", "ndjson"],
  ])
  func oneAndTwoThreadsWriteTheSameBytes(options: [String]) throws {
    let dir = try Self.day(seed: 4_041)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = options.contains("--format") ? ["day.ndjson"] : ["day.ndjson", "day.csv"]
    let one = try Self.score(dir, inputs, options + ["--threads", "1"], tag: "1")
    let two = try Self.score(dir, inputs, options + ["--threads", "2"], tag: "2")
    let four = try Self.score(dir, inputs, options + ["--threads", "4"], tag: "4")
    #expect(one.status == 65, "the malformed lines are rejected: \(one.summary)")
    #expect(one.verdicts.count > 10_000)
    for other in [two, four] {
      #expect(other.status == one.status)
      #expect(other.summary == one.summary)
      #expect(other.verdicts == one.verdicts)
      #expect(other.rejects == one.rejects)
    }
  }

  @Test func clicksTakingTheShortWayLeaveLeadsAndCallsAsTheLongWayDoes() throws {
    let dir = try Self.day(seed: 5_150)
    defer { try? FileManager.default.removeItem(at: dir) }
    for threads in ["1", "2"] {
      let short = try Self.score(
        dir, ["day.ndjson"], ["--explain", "--threads", threads], tag: "short\(threads)")
      let long = try Self.score(
        dir, ["day.ndjson"], ["--explain", "--emit", "all", "--threads", threads],
        tag: "long\(threads)")
      let billable = String(decoding: long.verdicts, as: UTF8.self).split(separator: "\n")
        .filter { !$0.contains("\"type\":\"click\"") }
      let written = String(decoding: short.verdicts, as: UTF8.self).split(separator: "\n")
      #expect(written.count > 1_000)
      #expect(written == billable)
      #expect(short.rejects == long.rejects)
      // Every click of the long way is a record the short way absorbed.
      let clicks =
        String(decoding: long.verdicts, as: UTF8.self).split(separator: "\n")
        .count - billable.count
      #expect(short.summary.contains("\(clicks) clicks absorbed"), "\(short.summary)")
    }
  }

  @Test func withTheStateOneAndTwoThreadsKeepTheSameState() throws {
    let dir = try Self.day(seed: 6_262)
    defer { try? FileManager.default.removeItem(at: dir) }
    var digests: [String] = []
    var outputs: [Data] = []
    for threads in ["1", "2"] {
      // One key for both states (StateBinary's environment), so their digests compare.
      let state = dir.appendingPathComponent("state-\(threads).db").path
      let run = try StateBinary.run([
        "score", "--quiet", "--campaigns", dir.appendingPathComponent("campaigns.yaml").path,
        "--state", state, "--threads", threads, "--rejects", "/dev/null",
        dir.appendingPathComponent("day.ndjson").path,
      ])
      #expect(run.status == 65, "\(run.stderr)")
      outputs.append(run.stdout)
      let stats = try StateBinary.run(["state", "stats", "--digest", "--state", state])
      #expect(stats.status == 0, "\(stats.stderr)")
      digests.append(
        String(decoding: stats.stdout, as: UTF8.self).split(separator: "\n")
          .first { $0.hasPrefix("content digest") }.map(String.init) ?? "no digest")
    }
    #expect(outputs[0].count > 10_000)
    #expect(outputs[0] == outputs[1])
    #expect(digests[0] == digests[1])
    #expect(digests[0].hasPrefix("content digest"))
  }
}
