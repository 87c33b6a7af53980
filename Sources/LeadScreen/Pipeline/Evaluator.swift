import Foundation

/// The stateful stages in one: click state, the rules and the scorer, applied
/// to records in time order. One per run; not shared between threads.
public struct Evaluator {
  public let rules: RuleSet
  public let campaigns: CampaignBook
  public let scorer: any Scorer
  var bursts: BurstWindows
  public internal(set) var clicks: ClickIndex
  var interned = InternedRules()
  private var duplicates: DuplicateIndex
  /// Turns phones and emails into the keyed digests the duplicate index holds.
  public let contactHasher: ContactHasher
  /// The contacts the last lead or call evaluated was checked (and remembered) under.
  public private(set) var lastContacts: [ContactKey] = []
  /// The campaigns by id, boxed with their service areas compiled, once (an evaluator
  /// for another thread takes them from this one: ``init(preparing:)``).
  private var boxes: [String: CampaignBox] = [:]
  var botCache = BotClassifier.Cache()
  /// Fake-name answers by name (see ``FakeNames/Cache``).
  var nameCache = FakeNames.Cache()
  let scratch: PCRE2Scratch
  /// User-rule matches PCRE2 gave up on (match or depth limit), for the summary.
  public private(set) var ruleErrors: [String] = []
  /// Whether verdicts carry the model's contributions (for `--explain`, and verdicts
  /// kept in a state, which a later run may explain). Without them the score is the
  /// same.
  public var explainsModel = true
  /// Whether ``lastContext`` is kept (for training and evaluation; `score` does not
  /// need it).
  public var keepsLastContext = false
  /// The scorer's view of the last lead or call evaluated, when ``keepsLastContext``.
  public private(set) var lastContext = FeatureContext(
    record: Record(type: .click, id: "", time: Timestamp(milliseconds: 0), campaign: ""),
    findings: [])
  /// How many user-rule matches PCRE2 gave up on.
  public private(set) var ruleErrorCount = 0

  /// - Parameter contactHasher: the state's key when contacts are kept across runs;
  ///   the built-in key otherwise (verdicts only depend on equality of digests).
  /// - Parameter duplicateSpill: where old contacts go (see ``DuplicateIndex``); a caller
  ///   that passes a file must stop when its ``SpillFile/failure`` is set.
  public init(
    rules: RuleSet, campaigns: CampaignBook, scorer: any Scorer = NoModel(),
    contactHasher: ContactHasher = .builtIn, duplicateSpill: DuplicateSpill = .off
  ) {
    self.init(
      rules: rules, campaigns: campaigns, scorer: scorer, contactHasher: contactHasher,
      duplicateSpill: duplicateSpill, boxes: nil)
  }

  /// An evaluator for ``prepare(_:)`` on another thread: `other`'s rules, campaigns,
  /// scorer, contact key and compiled service areas (not built again), none of its state.
  public init(preparing other: Evaluator) {
    self.init(
      rules: other.rules, campaigns: other.campaigns, scorer: other.scorer,
      contactHasher: other.contactHasher, duplicateSpill: .off, boxes: other.boxes)
  }

  private init(
    rules: RuleSet, campaigns: CampaignBook, scorer: any Scorer, contactHasher: ContactHasher,
    duplicateSpill: DuplicateSpill, boxes: [String: CampaignBox]?
  ) {
    self.rules = rules
    self.contactHasher = contactHasher
    self.campaigns = campaigns
    self.scorer = scorer
    let t = rules.thresholds
    bursts = BurstWindows(
      ipWindowSeconds: t.ipBurst.windowSeconds, subnetWindowSeconds: t.subnetBurst.windowSeconds)
    clicks = ClickIndex(lookbackHours: t.clickLookbackHours)
    let longest = campaigns.campaigns.values.map(\.duplicateWindowDays).max() ?? 30
    duplicates = DuplicateIndex(retentionDays: longest, spill: duplicateSpill)
    scratch = PCRE2Scratch(matchLimit: UInt32(t.matchLimit), depthLimit: UInt32(t.depthLimit))
    if let boxes {
      self.boxes = boxes
    } else {
      for (id, campaign) in campaigns.campaigns {
        self.boxes[id] = CampaignBox(
          campaign, area: campaign.serviceArea.map { AreaMatcher(area: $0, geo: rules.geo) })
      }
    }
  }

  /// The temporary file old contacts go to (see ``DuplicateIndex``): a run must stop
  /// when its ``SpillFile/failure`` is set.
  public var duplicateSpill: SpillFile? { duplicates.spillFile }

  /// Evaluates one record (records must come in time order) and returns its verdict.
  public mutating func evaluate(_ record: Record) -> Verdict {
    evaluate(RecordBox(record))
  }

  /// ``evaluate(_:)`` of a boxed record, as ``ScorePipeline`` holds them: the scorer's
  /// view refers to the box rather than copying the record.
  public mutating func evaluate(_ box: RecordBox) -> Verdict {
    let record = box.record
    let entry = boxes[record.campaign]
    var findings: [Finding] = []
    var flags: [Finding] = []
    var click: ClickFacts?
    lastContacts.removeAll(keepingCapacity: true)
    if entry == nil { findings.append(Finding(.unknownCampaign, detail: record.campaign)) }

    switch record.type {
    case .click:
      click = evaluateClick(record, into: &findings)
    case .lead, .call:
      click = inheritClick(record, into: &findings)
      checkOwnTraffic(record, hasClick: click != nil || record.clickReasons != nil, into: &findings)
      if let entry {
        if record.type == .lead {
          checkForm(record, campaign: entry, click: click, into: &findings)
        } else {
          checkCall(record, campaign: entry, into: &findings)
        }
        checkDuplicate(record, campaign: entry.campaign, into: &findings)
      } else if record.type == .lead {
        checkFormContent(record, into: &findings)
      }
    }
    checkUserRules(record, findings: &findings, flags: &flags)
    // Clicks are not scored: the model judges leads and calls.
    var model = ModelOutput(score: 0, contributions: [], threshold: 1.01)
    if record.type != .click {
      let context = featureContext(box, findings: findings, click: click, campaign: entry)
      model = scorer.score(context, explained: explainsModel)
      if keepsLastContext { lastContext = context }
    }
    let threshold = entry?.campaign.modelThreshold ?? model.threshold
    if record.type != .click, model.score >= threshold {
      findings.append(
        Finding(
          .modelScore, rule: "model",
          detail:
            "score \(JSONText.probability(model.score)) >= threshold \(JSONText.fixed4(threshold))")
      )
    }
    return verdict(for: record, campaign: entry, findings: findings, flags: flags, model: model)
  }

  /// What the scorer sees of a record.
  private mutating func featureContext(
    _ box: RecordBox, findings: [Finding], click: ClickFacts?, campaign: CampaignBox?
  ) -> FeatureContext {
    let record = box.record
    return FeatureContext(
      record: box, findings: findings, click: click, campaign: campaign,
      zip: record.zip5.flatMap { rules.geo.zip($0) },
      phoneState: record.phoneNumber.flatMap { rules.geo.state(ofAreaCode: $0.areaCode) },
      ipClicksInWindow: record.ip.map { bursts.count($0, at: record.time.milliseconds) } ?? 0,
      seenBefore: findings.contains { $0.reason == .duplicate })
  }

  /// Checks and remembers the contacts of a lead or call (see ``DuplicateIndex``).
  mutating func recordContacts(
    campaign: String, keys: [ContactKey], windowDays: Int, record: EarlierContact
  ) -> (key: ContactKey, earlier: EarlierContact)? {
    lastContacts = keys
    return duplicates.check(
      campaign: campaign, keys: keys, windowDays: windowDays, record: record)
  }

  /// Adds a contact of an earlier run's lead or call, so `duplicate` spans runs.
  public mutating func preloadContact(campaign: String, key: ContactKey, earlier: EarlierContact) {
    duplicates.preload(campaign: campaign, key: key, earlier: earlier)
  }

  /// Notes a user rule that PCRE2 stopped by its limits (kept to the first 100).
  mutating func noteRuleError(_ message: String) {
    ruleErrorCount += 1
    if ruleErrors.count < 100 { ruleErrors.append(message) }
  }

  // MARK: - Clicks

  private mutating func evaluateClick(_ record: Record, into findings: inout [Finding])
    -> ClickFacts
  {
    var id = record.id
    var ua = record.ua ?? ""
    let compact = ua.withUTF8 { ua in
      id.withUTF8 { id in
        prepare(
          ClickView(
            time: record.time, id: UnsafeRawBufferPointer(id), campaign: UnsafeRawBufferPointer(id),
            ip: record.ip, ua: UnsafeRawBufferPointer(ua)))
      }
    }
    let outcome = takeClick(compact)
    let facts = outcome.facts
    if let rule = rules.bots.source(forValue: compact.bot) {
      findings.append(Finding(.botUA, source: rule))
    }
    if let ip = record.ip {
      if let range = rules.datacenter.source(at: compact.datacenter) {
        findings.append(Finding(.datacenterIP, source: range, detail: ip.description))
      }
      let t = rules.thresholds
      if facts.isBurst && !facts.burstBySubnet {
        findings.append(burstFinding(ip: ip, count: outcome.perIP, limit: t.ipBurst, subnet: false))
      } else if facts.isBurst {
        findings.append(
          burstFinding(ip: ip, count: outcome.perSubnet, limit: t.subnetBurst, subnet: true))
      }
    }
    return facts
  }

  private func burstFinding(ip: IPAddress, count: Int, limit: Thresholds.Burst, subnet: Bool)
    -> Finding
  {
    let network: String
    switch ip {
    case .v4: network = subnet ? "\(ip.subnet)/24" : ip.description
    case .v6: network = subnet ? "\(ip.subnet)/64" : ip.description
    }
    return Finding(
      .ipBurst, rule: "\(rules.directory)/thresholds.yaml",
      pattern: "burst.\(subnet ? "subnet" : "ip"): \(limit.maxClicks) in \(limit.windowSeconds) s",
      detail: "\(count) clicks from \(network) in \(limit.windowSeconds) s")
  }

  // MARK: - Leads and calls

  /// The click's flags, from this run's state or from joined click-verdict fields.
  private func inheritClick(_ record: Record, into findings: inout [Finding]) -> ClickFacts? {
    if let id = record.clickID, let facts = clicks.lookup(id, at: record.time) {
      let via = "via click \(id)"
      if facts.isBot {
        findings.append(Finding(.botUA, source: clicks.rules[Int(facts.botRule)], detail: via))
      }
      if facts.isDatacenter {
        findings.append(
          Finding(.datacenterIP, source: clicks.rules[Int(facts.datacenterRule)], detail: via))
      }
      if facts.isBurst {
        let scope = facts.burstBySubnet ? "subnet" : "IP"
        findings.append(
          Finding(
            .ipBurst, rule: "\(rules.directory)/thresholds.yaml",
            detail: "\(via): \(facts.burstCount) clicks from its \(scope) in the window"))
      }
      return facts
    }
    if let reasons = record.clickReasons {
      let via = "click \(record.clickID ?? "?") verdict"
      for code in reasons {
        switch Reason(code: code) {
        case .botUA: findings.append(Finding(.botUA, detail: via))
        case .datacenterIP: findings.append(Finding(.datacenterIP, detail: via))
        case .ipBurst: findings.append(Finding(.ipBurst, detail: via))
        default: break
        }
      }
    }
    return nil
  }

  /// The record's own user agent and IP.
  private mutating func checkOwnTraffic(
    _ record: Record, hasClick: Bool, into findings: inout [Finding]
  ) {
    if record.ua != nil, !findings.contains(where: { $0.reason == .botUA }),
      let rule = ownBotRule(record)
    {
      findings.append(Finding(.botUA, source: rule))
    }
    guard let ip = record.ip else { return }
    if !findings.contains(where: { $0.reason == .datacenterIP }),
      let range = ownDatacenterRange(record, ip: ip)
    {
      findings.append(Finding(.datacenterIP, source: range, detail: ip.description))
    }
    if !hasClick {
      let t = rules.thresholds
      let time = record.time.milliseconds
      let perIP = bursts.count(ip, at: time)
      let perSubnet = bursts.subnetCount(ip, at: time)
      if perIP > t.ipBurst.maxClicks {
        findings.append(burstFinding(ip: ip, count: perIP, limit: t.ipBurst, subnet: false))
      } else if perSubnet > t.subnetBurst.maxClicks {
        findings.append(burstFinding(ip: ip, count: perSubnet, limit: t.subnetBurst, subnet: true))
      }
    }
  }
}
