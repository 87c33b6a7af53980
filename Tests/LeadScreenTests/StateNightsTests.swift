import Foundation
import Testing

@testable import LeadScreen

/// Several nightly runs through one state file, with the real pipeline and real SQLite.
@Suite struct StateNightsTests {
  let campaigns = CampaignBook(campaigns: [
    Campaign(id: "long", pricePerLead: 75, requiredFields: [], duplicateWindowDays: 30),
    Campaign(id: "short", pricePerLead: 50, requiredFields: [], duplicateWindowDays: 7),
  ])

  private static let phoneA: UInt64 = 2_125_550_101
  private static let phoneB: UInt64 = 2_125_550_102
  private static let phoneC: UInt64 = 3_125_550_103
  private static let phoneD: UInt64 = 3_125_550_104

  private func lead(_ id: String, _ phone: UInt64, _ campaign: String, day: Int64, minute: Int64)
    -> Record
  {
    StateTestSupport.lead(id, phone: phone, campaign: campaign, day: day, minute: minute)
  }

  private var night1: [Record] {
    [
      lead("N1L1", Self.phoneA, "long", day: 0, minute: 10),
      lead("N1L2", Self.phoneB, "long", day: 0, minute: 20),
      lead("N1S1", Self.phoneC, "short", day: 0, minute: 30),
      lead("N1S2", Self.phoneD, "short", day: 0, minute: 40),
    ]
  }

  private var night2: [Record] {
    [
      lead("N2L1", 4_125_550_105, "long", day: 3, minute: 10),
      lead("N2S1", 4_125_550_106, "short", day: 3, minute: 20),
      lead("N2S2", Self.phoneC, "short", day: 3, minute: 30),  // 3 days after N1S1
    ]
  }

  private var night3: [Record] {
    [
      lead("N3L1", Self.phoneA, "long", day: 14, minute: 10),  // 14 days, window 30
      lead("N3S1", Self.phoneD, "short", day: 14, minute: 20),  // 14 days, window 7
      lead("N3S2", Self.phoneC, "short", day: 14, minute: 30),  // 11 days after N2S2
      lead("N3L2", Self.phoneB, "long", day: 14, minute: 40),
    ]
  }

  /// One `score --state` run in-process: lock, preload, score, commit.
  private func run(_ records: [Record], state: String) throws -> (
    verdicts: [Verdict], counts: RunCounts
  ) {
    let store = try StateStore(path: state)
    try store.beginRun()
    var evaluator = Evaluator(
      rules: try StateTestSupport.ruleSet(), campaigns: campaigns,
      contactHasher: try #require(store.contactHasher))
    try store.preload(into: &evaluator)
    var pipeline = ScorePipeline(evaluator: evaluator, memory: store)
    var verdicts: [Verdict] = []
    for record in records { pipeline.submit(record) { verdicts.append($0) } }
    pipeline.finish { verdicts.append($0) }
    try store.finishRun(counts: pipeline.counts, retentionDays: 30)
    return (verdicts, pipeline.counts)
  }

  private func reasons(_ verdicts: [Verdict]) -> [String: [String]] {
    Dictionary(uniqueKeysWithValues: verdicts.map { ($0.id, $0.reasons.map(\.code)) })
  }

  @Test func nightThreeSeesNightOneWithinEachCampaignsWindow() throws {
    let state = try StateTestSupport.temporaryFolder().appendingPathComponent("s.db").path
    let first = try run(night1, state: state)
    #expect(first.verdicts.allSatisfy { $0.decision == .accepted })
    let second = try run(night2, state: state)
    #expect(reasons(second.verdicts)["N2S2"] == ["duplicate"])
    let third = try run(night3 + [night1[1]], state: state)
    let found = reasons(third.verdicts)
    #expect(found["N3L1"] == ["duplicate"])  // night 1's N1L1, 14 days back, window 30
    #expect(found["N3S1"] == [])  // night 1's N1S2 is 14 days back, window 7
    #expect(found["N3S2"] == [])  // N1S1 and N2S2 are 14 and 11 days back
    #expect(found["N3L2"] == ["duplicate"])
    let detail = third.verdicts.first { $0.id == "N3L1" }?.findings.first?.detail ?? ""
    #expect(detail.hasPrefix("same phone +12125550101 as lead N1L1"))
    // N1L2 again: night 1's verdict, not a duplicate of itself, and counted as kept.
    let repeated = try #require(third.verdicts.first { $0.id == "N1L2" })
    #expect(VerdictCodec.encode(repeated) == VerdictCodec.encode(first.verdicts[1]))
    #expect(third.counts.replayed == 1)
  }

  @Test func nightsThroughTheStateDecideAsOneLongRun() throws {
    let state = try StateTestSupport.temporaryFolder().appendingPathComponent("s.db").path
    var nightly: [Verdict] = []
    for night in [night1, night2, night3] { nightly += try run(night, state: state).verdicts }
    var pipeline = ScorePipeline(
      evaluator: Evaluator(rules: try StateTestSupport.ruleSet(), campaigns: campaigns))
    var single: [Verdict] = []
    for record in night1 + night2 + night3 { pipeline.submit(record) { single.append($0) } }
    pipeline.finish { single.append($0) }
    #expect(nightly.map(VerdictCodec.encode) == single.map(VerdictCodec.encode))
  }

  @Test func reRunningANightWritesTheSameBytes() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let state = folder.appendingPathComponent("s.db").path
    _ = try run(night1, state: state)
    let original = try run(night2, state: state)
    _ = try run(night3, state: state)
    let again = try run(night2, state: state)
    #expect(again.counts.replayed == night2.count)
    for format in VerdictFormat.allCases {
      let rendered = try [original.verdicts, again.verdicts].enumerated().map { index, verdicts in
        let file = folder.appendingPathComponent("v\(index).\(format.rawValue)").path
        var writer = VerdictWriter(sink: try OutputSink(path: file), format: format, explain: true)
        for verdict in verdicts { try writer.write(verdict) }
        try writer.flush()
        return try #require(FileManager.default.contents(atPath: file))
      }
      #expect(rendered[0] == rendered[1], "\(format)")
      #expect(rendered[0].count > 100)
    }
  }

  @Test func oldEntriesArePrunedAtTheEndOfARun() throws {
    let state = try StateTestSupport.temporaryFolder().appendingPathComponent("s.db").path
    _ = try run(night1, state: state)
    _ = try run(night3, state: state)
    let kept = try StateStore(path: state).stats().contacts.reduce(0) { $0 + $1.count }
    #expect(kept == night1.count + night3.count)
    let late = [lead("N4L1", Self.phoneA, "long", day: 60, minute: 0)]
    let fourth = try run(late, state: state)
    #expect(reasons(fourth.verdicts)["N4L1"] == [])  // night 3's N3L1 is 46 days back
    let stats = try StateStore(path: state).stats()
    #expect(stats.contacts.reduce(0) { $0 + $1.count } == 1)  // days 0 and 14 < day 60 - 30
    #expect(stats.runs == 3)
  }
}
