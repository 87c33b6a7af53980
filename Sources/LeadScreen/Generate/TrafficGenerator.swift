/// `leadscreen generate` as a value-in, values-out stage: options and tables in,
/// a deterministic stream of clicks, leads and calls out (through sinks), with the
/// truth the rules should find in it.
///
/// Truth format (one NDJSON line per lead and call, and per malformed line, in
/// stream order):
///
///     {"line":12,"id":"L00000003","type":"lead","campaign":"hvac-austin",
///      "decision":"disputed","reasons":["fast_submit"],"fraud_kind":"fast_submit",
///      "model_expected":false}
///     {"malformed_line":40,"kind":"broken_json"}
///
/// `line` is the record's 1-based line in the stream (the CSV header is line 1);
/// `reasons` are the rule-defined codes, sorted; `decision` is `disputed` exactly when
/// `reasons` is not empty; `model_expected` is true for the soft-fraud ring, whose
/// leads no rule flags but a model should.
public struct TrafficGenerator {
  public let options: GeneratorOptions
  public let tables: GeneratorTables

  public init(options: GeneratorOptions, tables: GeneratorTables) {
    self.options = options
    self.tables = tables
  }

  /// The campaigns file matching the stream (`--campaigns-out`).
  public func campaignsYAML() -> String {
    GeneratorCampaign.yaml(GeneratorCampaign.standard, seed: options.seed)
  }

  /// Generates the stream into `stream`, the truth into `truth` (when given) and the
  /// malformed-line list into `malformed` (when given).
  public func run(
    stream: GeneratorSink, truth: GeneratorSink? = nil, malformed: GeneratorSink? = nil
  ) throws -> GeneratorSummary {
    try options.validate()
    let world = GeneratorWorld(tables: tables, options: options)
    Self.populate(world)
    var output = GeneratorOutput(world: world)
    return try output.write(stream: stream, truth: truth, malformed: malformed)
  }

  /// Makes every session: click budgets by kind, then leads and calls.
  static func populate(_ w: GeneratorWorld) {
    let total = w.options.clicks
    func share(_ rate: String) -> Int { Int((Double(total) * w.mix[rate]).rounded()) }
    var bot = share("bot")
    var datacenter = share("datacenter")
    var burstIP = share("burst_ip")
    var burstSubnet = share("burst_subnet")
    var unknown = share("unknown_campaign")
    let fraud = bot + datacenter + burstIP + burstSubnet + unknown
    if fraud > total {
      // Rates over 100 % together: scale the fraud budgets down to fit.
      bot = bot * total / fraud
      datacenter = datacenter * total / fraud
      burstIP = burstIP * total / fraud
      burstSubnet = burstSubnet * total / fraud
      unknown = unknown * total / fraud
    }
    let honest = Double(max(0, total - fraud))
    let expectedLeads = honest / 1.4 * w.mix["lead_conversion"]
    let expectedCalls = honest / 1.4 * w.mix["call_conversion"] * 0.85
    let ring = Int((expectedLeads * w.mix["soft_ring"]).rounded())
    let duplicates = Int((expectedLeads * w.mix["duplicate"]).rounded())
    let reserved = bot + datacenter + burstIP + burstSubnet + unknown + ring + duplicates
    w.legitSessions(clicks: max(0, total - reserved))
    w.duplicateSessions(leads: min(duplicates, max(0, total - w.clickCount)))
    w.ringSessions(leads: min(ring, max(0, total - w.clickCount)))
    w.datacenterSessions(clicks: min(datacenter, max(0, total - w.clickCount)))
    w.unknownCampaignSessions(clicks: min(unknown, max(0, total - w.clickCount)))
    w.botSessions(clicks: min(bot, max(0, total - w.clickCount)))
    w.burstIPSessions(clicks: min(burstIP, max(0, total - w.clickCount)))
    w.burstSubnetSessions(clicks: min(burstSubnet, max(0, total - w.clickCount)))
    // Re-submissions that found no room in the span leave clicks over: honest ones.
    w.legitSessions(clicks: total - w.clickCount)
    w.repeatCallerSessions(calls: Int((expectedCalls * w.mix["repeat_caller"]).rounded()))
  }
}

/// Counts of what a run wrote.
public struct GeneratorSummary: Sendable, Equatable {
  public var clicks = 0
  public var leads = 0
  public var calls = 0
  public var malformed = 0
  /// Leads and calls the rules should dispute.
  public var disputed = 0
  /// Lines written to the stream (header included).
  public var lines = 0
}
