import LeadScreen
import Testing

@Suite struct GeneratorDeterminismTests {
  @Test(arguments: [GeneratorOptions.Format.ndjson, .csv])
  func sameSeedGivesIdenticalBytes(format: GeneratorOptions.Format) throws {
    let configure: (inout GeneratorOptions) -> Void = {
      $0.clicks = 4000
      $0.seed = 42
      $0.format = format
      $0.malformed = 5
    }
    let a = try GeneratorFixture.run(configure)
    let b = try GeneratorFixture.run(configure)
    #expect(a.stream.count > 100_000)
    #expect(a.stream == b.stream)
    #expect(a.truth == b.truth)
    #expect(a.summary == b.summary)
  }

  @Test func differentSeedsDiffer() throws {
    let a = try GeneratorFixture.run {
      $0.clicks = 2000
      $0.seed = 1
    }
    let b = try GeneratorFixture.run {
      $0.clicks = 2000
      $0.seed = 2
    }
    #expect(a.stream != b.stream)
    #expect(a.truth != b.truth)
  }

  @Test(arguments: [500, 3000, 12_345])
  func writesExactlyTheClicksAskedFor(clicks: Int) throws {
    let run = try GeneratorFixture.run {
      $0.clicks = clicks
      $0.seed = UInt64(clicks)
    }
    #expect(run.summary.clicks == clicks)
    let clickLines = run.lines.filter { $0.starts(with: Array("{\"type\":\"click\"".utf8)) }
    #expect(clickLines.count == clicks)
  }

  @Test func campaignsFileNamesEveryKnownCampaign() throws {
    let yaml = TrafficGenerator(options: GeneratorOptions(), tables: GeneratorFixture.tables)
      .campaignsYAML()
    for id in ["hvac-austin", "auto-insurance-tx", "legal-injury-ca", "roofing-denver"] {
      #expect(yaml.contains("  \(id):\n"))
    }
    #expect(yaml.contains("radius: {center_zip: \"78701\", miles: 45}"))
    #expect(yaml.contains("duplicate_window_days: 60"))
    #expect(!yaml.contains("solar-phoenix"))
  }

  @Test func rejectsUnknownRateNames() {
    var mix = GeneratorMix()
    #expect(throws: GeneratorError.self) { try mix.set(assignment: "bots=0.1") }
    #expect(throws: GeneratorError.self) { try mix.set(assignment: "bot=2") }
    #expect(throws: Never.self) { try mix.set(assignment: "bot=0.1") }
    #expect(mix["bot"] == 0.1)
  }
}
