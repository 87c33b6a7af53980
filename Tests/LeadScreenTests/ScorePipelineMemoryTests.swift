import Testing

@testable import LeadScreen

/// The pipeline's hook for earlier decisions, with the in-memory implementation.
@Suite struct ScorePipelineMemoryTests {
  let campaigns = CampaignBook(campaigns: [
    Campaign(id: "a", pricePerLead: 75, pricePerClick: 1, requiredFields: []),
    Campaign(id: "free", pricePerLead: 75, requiredFields: []),
  ])

  private func score(_ records: [Record], memory: InMemoryDecisions) throws -> [Verdict] {
    var pipeline = ScorePipeline(
      evaluator: Evaluator(rules: try StateTestSupport.ruleSet(), campaigns: campaigns),
      emit: .all, memory: memory)
    var out: [Verdict] = []
    for record in records { pipeline.submit(record) { out.append($0) } }
    pipeline.finish { out.append($0) }
    return out
  }

  private func click(_ id: String, campaign: String) -> Record {
    Record(type: .click, id: id, time: Timestamp(seconds: 100), campaign: campaign)
  }

  @Test func decidedLeadsAreNotEvaluatedAgain() throws {
    let memory = InMemoryDecisions()
    let lead = StateTestSupport.lead("L1", phone: 2_125_550_101, campaign: "a", day: 0)
    let first = try score([lead], memory: memory)
    #expect(first.map(\.decision) == [.accepted])
    #expect(memory.contacts.count == 1)
    // The same lead again: remembered verdict, no duplicate of itself, no new contacts.
    let second = try score([lead], memory: memory)
    #expect(second.map(\.reasons) == [[]])
    #expect(memory.contacts.count == 1)
  }

  @Test func onlyBillableClicksAreRemembered() throws {
    let memory = InMemoryDecisions()
    _ = try score([click("C1", campaign: "a"), click("C2", campaign: "free")], memory: memory)
    #expect(memory.recall(type: .click, id: "C1") != nil)
    #expect(memory.recall(type: .click, id: "C2") == nil)
  }
}
