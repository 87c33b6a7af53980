import Foundation
import Testing

@testable import LeadScreen

@Suite struct ModelScorerTests {
  static func lead(_ id: String = "L1") -> Record {
    var record = Record(
      type: .lead, id: id, time: Timestamp(seconds: 1_795_000_000), campaign: "hvac")
    record.firstName = "JOHN"
    record.lastName = "Smith"
    record.email = "xk7q2mzp9@gmail.com"
    record.normalizedEmail = "xk7q2mzp9@gmail.com"
    record.phoneNumber = PhoneNumber(national: 8_005_550_123)
    record.ip = nil
    return record
  }

  static func model(weightSeed: UInt64) -> LeadQualityModel {
    var random = SplitMix(seed: weightSeed)
    let n = LeadFeatures.names.count
    let fit = LogisticRegression(
      coefficients: (0..<n).map { _ in random.normal() }, intercept: -2.5)
    let standardization = Standardization(
      mean: (0..<n).map { _ in random.uniform() }, std: (0..<n).map { _ in 0.5 + random.uniform() })
    return LeadQualityModel(
      features: LeadFeatures.names, standardization: standardization, fit: fit, threshold: 0.7,
      metadata: ModelMetadata(
        trainingData: "test", created: "2026-11-23T00:00:00Z", command: "test", c: 1,
        classWeight: "balanced", trainRows: 1, holdoutRows: 0, iterations: 0, heldOut: nil))
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func contributionsAndInterceptSumToTheLogit(seed: UInt64) {
    let scorer = LogisticScorer(
      model: Self.model(weightSeed: seed), features: LeadFeatures(freeMailDomains: ["gmail.com"]))
    var context = FeatureContext(record: Self.lead(), findings: [Finding(.fakeName)])
    context.ipClicksInWindow = 4
    context.click = ClickFacts(time: Timestamp(seconds: 1_795_000_000 - 40))
    let output = scorer.score(context)
    #expect(output.intercept == scorer.model.intercept)
    let sum = output.contributions.reduce(output.intercept) { $0 + $1.value }
    #expect(abs(sum - scorer.logit(context)) < 1e-12)
    #expect(abs(LogisticRegression.sigmoid(sum) - output.score) < 1e-12)
    #expect(abs(log(output.score / (1 - output.score)) - sum) < 1e-9)
    #expect(output.contributions.count == LeadFeatures.names.count)
    // The record's own features first, largest first; then those fixed by its type.
    let type = context.record.type
    let describing = output.contributions.map { LeadFeatures.describes($0.feature, type: type) }
    #expect(describing == describing.sorted { $0 && !$1 })
    #expect(!describing.allSatisfy { $0 } && describing.contains(true))
    for group in [true, false] {
      let magnitudes = zip(output.contributions, describing).filter { $0.1 == group }
        .map { abs($0.0.value) }
      #expect(magnitudes == magnitudes.sorted(by: >))
    }
    #expect(output.threshold == 0.7)
  }

  /// Unexplained (what `score` does without `--explain` or a state): the very same score,
  /// bit for bit, and no contributions.
  @Test(arguments: [4, 5, 6] as [UInt64])
  func anUnexplainedScoreIsTheSameScore(seed: UInt64) {
    let scorer = LogisticScorer(
      model: Self.model(weightSeed: seed), features: LeadFeatures(freeMailDomains: ["gmail.com"]))
    var random = SplitMix(seed: seed)
    for index in 0..<50 {
      var record = Self.lead("L\(index)")
      if index % 3 == 0 { record.type = .call }
      record.duration = Double(random.next() % 400)
      var context = FeatureContext(
        record: record, findings: index % 2 == 0 ? [Finding(.invalidPhone)] : [])
      context.ipClicksInWindow = Int(random.next() % 20)
      let explained = scorer.score(context)
      let unexplained = scorer.score(context, explained: false)
      #expect(unexplained.score.bitPattern == explained.score.bitPattern)
      #expect(unexplained.contributions.isEmpty && !explained.contributions.isEmpty)
      #expect(unexplained.threshold == explained.threshold)
    }
  }

  @Test func featuresOfALead() {
    let features = LeadFeatures(freeMailDomains: ["gmail.com"])
    var context = FeatureContext(
      record: Self.lead(), findings: [Finding(.fakeName), Finding(.rule("no_consent"))])
    context.click = ClickFacts(time: Timestamp(seconds: 1_795_000_000 - 40))
    context.ipClicksInWindow = 3
    let values = features.vector(context)
    func value(_ name: String) -> Double { values[LeadFeatures.index[name]!] }
    #expect(value("no_click") == 0)
    #expect(abs(value("log_submit_seconds") - log1p(40)) < 1e-12)
    #expect(value("email_freemail") == 1)
    #expect(value("phone_tollfree") == 1)
    #expect(value("fake_name") == 1 && value("user_rule") == 1)
    #expect(value("name_odd_case") == 1)
    #expect(abs(value("log_ip_clicks") - log1p(3)) < 1e-12)
    #expect(value("mailbox_length") == 9)
    #expect(value("is_call") == 0 && value("click_bot") == 0)
    let hour = value("hour_sin") * value("hour_sin") + value("hour_cos") * value("hour_cos")
    #expect(abs(hour - 1) < 1e-12)
  }

  @Test func aLeadWithoutItsClickIsMarked() {
    let values = LeadFeatures().vector(FeatureContext(record: Self.lead(), findings: []))
    #expect(values[LeadFeatures.index["no_click"]!] == 1)
    #expect(values[LeadFeatures.index["log_submit_seconds"]!] == 0)
  }

  @Test(arguments: [
    ("jsmith@x.com", 0.0, 0.0, 3),
    ("j0hn5m1th@x.com", 1.0 / 3, 0.75, 2),
    ("bcdfghjklmnpqrst@x.com", 0.0, 0.0, 12),
  ])
  func mailboxTraits(address: String, digits: Double, transitions: Double, run: Int) {
    let traits = MailboxTraits(address)
    #expect(traits.domain == "x.com")
    #expect(abs(traits.digitFraction - digits) < 1e-12)
    #expect(abs(traits.classTransitions - transitions) < 1e-12)
    #expect(traits.consonantRun == run)
  }

  @Test func localHourFollowsTheCampaignTimeZone() {
    let clock = LocalClock()
    // 2026-01-15T18:30:00Z: 12:30 in Chicago (CST), 18:30 in UTC.
    let winter = Timestamp(seconds: 1_768_501_800)
    #expect(clock.hour(at: winter, zone: "America/Chicago") == 12.5)
    #expect(clock.hour(at: winter, zone: nil) == 18.5)
    // 2026-07-15T18:30:00Z: 13:30 in Chicago (CDT).
    #expect(clock.hour(at: Timestamp(seconds: 1_784_140_200), zone: "America/Chicago") == 13.5)
  }

  /// The state check compares as `uppercased()` does, whatever the text: ASCII in any
  /// case, other scripts, letters whose capitals are longer, white space.
  @Test func stateCodesCompareAsUppercasedStringsDo() {
    let codes = ["TX", "CA", "NY", "SS"]
    let written = [
      "TX", "tx", "Tx", "tX", "ca", "Ca", "ny", "T", "TXX", " TX", "TX ", "t x", "ß", "ss", "Ss",
      "ﬀ", "ｔｘ", "ŧx", "ñy", "", "7X", "t\u{301}x",
    ]
    var same = 0
    for code in codes {
      for text in written {
        let expected = text.uppercased() == code.uppercased()
        #expect(LeadFeatures.sameStateCode(text, code) == expected, "\(text) vs \(code)")
        if expected { same += 1 }
      }
    }
    // tx in 4 spellings, ca in 2, ny; for SS: ss, Ss and ß (whose capitals are SS).
    #expect(same == 10)
  }
}
