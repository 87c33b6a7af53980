import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `score --state` through the built binary: byte-identical re-runs, SIGKILL at
/// several points of a large run, and two runs on one state.
///
/// They need the real input reader and normalizer, so they are enabled once
/// `Sources/LeadScreen/TempStubs.swift` is gone (after the merge) and
/// `.build/debug/leadscreen` exists.
@Suite(
  .enabled(if: StateBinary.isReady, "needs the merged binary at .build/debug/leadscreen"),
  .serialized)
struct StateBinaryTests {
  @Test func reRunningWithTheStateGivesTheSameBytes() throws {
    let work = try StateBinary.Workspace(records: 6_000)
    let first = try work.score(input: work.night(1), state: "s.db")
    #expect(first.status == 0, "\(first.stderr)")
    let digest = try work.digest("s.db")
    let second = try work.score(input: work.night(1), state: "s.db")
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout == first.stdout)
    #expect(first.stdout.count > 10_000)
    #expect(second.stderr.contains("kept from the state"))
    #expect(try work.digest("s.db") == digest)
  }

  @Test func overlappingNightsBillNothingTwice() throws {
    let work = try StateBinary.Workspace(records: 4_000)
    let first = try work.score(input: work.night(1), state: "s.db")
    let both = try work.score(input: work.night(1) + work.night(2), state: "s.db")
    let alone = try work.score(input: work.night(2), state: "t.db", after: work.night(1))
    #expect(first.status == 0 && both.status == 0 && alone.status == 0)
    // Night 1 again keeps its verdicts; night 2's are those of a state that saw night 1 once.
    #expect(both.stdout == first.stdout + alone.stdout)
  }

  @Test(arguments: [0.0, 0.2, 0.6, 0.95])
  func sigkillLeavesTheStateAsBeforeAndTheReRunMatches(_ fraction: Double) throws {
    let work = try StateBinary.Workspace(records: 12_000)
    let reference = try work.score(input: work.night(2), state: "ref.db", after: work.night(1))
    #expect(reference.status == 0, "\(reference.stderr)")
    let referenceDigest = try work.digest("ref.db")
    _ = try work.score(input: work.night(1), state: "s.db")
    let before = try work.digest("s.db")
    let killed = try work.scoreAndKill(
      input: work.night(2), state: "s.db",
      afterBytes: Int(Double(reference.stdout.count) * fraction))
    #expect(killed.bySignal, "the run ended before the kill")
    #expect(killed.bytes < reference.stdout.count)
    #expect(try work.digest("s.db") == before)
    let rerun = try work.score(input: work.night(2), state: "s.db")
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(rerun.stdout == reference.stdout)
    #expect(try work.digest("s.db") == referenceDigest)
  }

  @Test func aSecondRunWaitsOrFailsWithExit75() throws {
    let work = try StateBinary.Workspace(records: 100)
    let holder = try work.start([
      "score", "--state", work.path("s.db"), "--rules", work.rules,
      "--campaigns", work.path("campaigns.yaml"), "-q",
    ])
    defer { if holder.process.isRunning { holder.process.terminate() } }
    // The first line lets it past input format detection; it then holds the state
    // while it waits for the rest.
    let night = work.night(1)
    let firstLine = night.prefix(through: night.firstIndex(of: 10)!)
    try holder.write(firstLine)
    var busy: StateBinary.Result?
    for _ in 0..<50 {
      let attempt = try work.score(input: Data(), state: "s.db", extra: ["--state-wait", "0"])
      if attempt.status == 75 {
        busy = attempt
        break
      }
      usleep(100_000)
    }
    let failed = try #require(busy, "the second run never found the state in use")
    #expect(failed.stderr.contains("is in use by another run (waited 0 s)"))
    let waiter = try work.start([
      "score", "--state", work.path("s.db"), "--rules", work.rules,
      "--campaigns", work.path("campaigns.yaml"), "--state-wait", "60", "-q",
    ])
    try waiter.input.fileHandleForWriting.close()
    usleep(300_000)
    #expect(waiter.process.isRunning)  // waiting for the holder
    try holder.write(night.dropFirst(firstLine.count))
    try holder.input.fileHandleForWriting.close()
    holder.process.waitUntilExit()
    waiter.process.waitUntilExit()
    #expect(holder.process.terminationStatus == 0, "\(holder.errors)")
    #expect(waiter.process.terminationStatus == 0, "\(waiter.errors)")
  }

  @Test func anInterruptedRunKeepsNothingAndRejectsStillCommit() throws {
    let work = try StateBinary.Workspace(records: 8_000)
    _ = try work.score(input: work.night(1), state: "s.db")
    let before = try work.digest("s.db")
    let run = try work.start([
      "score", "--state", work.path("s.db"), "--rules", work.rules,
      "--campaigns", work.path("campaigns.yaml"), "--output", work.path("out.ndjson"),
    ])
    try run.write(work.night(2).prefix(100_000))
    // Signal only once it has the state open (its handler is installed by then; the
    // test runner may pass SIGINT down ignored).
    for _ in 0..<200 where !FileManager.default.fileExists(atPath: work.path("s.db-wal")) {
      usleep(100_000)
    }
    usleep(300_000)
    kill(run.process.processIdentifier, SIGINT)
    for _ in 0..<50 where run.process.isRunning { usleep(100_000) }
    try? run.input.fileHandleForWriting.close()  // in case the read was retried
    run.process.waitUntilExit()
    #expect(run.process.terminationStatus == 130, "\(run.errors)")
    #expect(try work.digest("s.db") == before)
    let night = work.night(2)
    let firstLine = night.prefix(through: night.firstIndex(of: 10)!)
    let withBrokenLine =
      firstLine + Data("{\"type\":\"lead\",\"id\":\n".utf8) + night.dropFirst(firstLine.count)
    let rejected = try work.score(input: withBrokenLine, state: "s.db")
    #expect(rejected.status == 65)
    #expect(try work.digest("s.db") != before)
  }
}
