/// The generator's mutable world while a stream is being made: the tables, the
/// campaigns with their areas, the publishers, the records so far, and the keys
/// already used (so honest people never collide by accident).
final class GeneratorWorld {
  let tables: GeneratorTables
  let options: GeneratorOptions
  let mix: GeneratorMix
  var rng: GeneratorRandom
  let campaigns: [GeneratorCampaign]
  let areas: [GeneratorArea]
  /// Campaign ids: known campaigns first, then the unknown ones.
  let campaignIDs: [String]
  let campaignWeights: GeneratorWeights
  /// Publisher traffic, quality (fraud multiplier) and conversion multipliers.
  let publisherTraffic: GeneratorWeights
  let publisherFraud: GeneratorWeights
  let publisherQuality: [Double]
  let publisherConversion: [Double]
  /// The soft-fraud ring's publisher.
  let ringPublisher = 26
  /// User agents: the browsers first, then generated bot strings.
  var userAgents: [String]
  var uaIsBot: [Bool]
  var events: [GeneratorEvent] = []
  /// Number of click events so far.
  var clickCount = 0
  var leads: [GeneratorLeadForm] = []
  var calls: [GeneratorCall] = []
  /// The person behind each lead form (for re-submissions).
  var leadPeople: [GeneratorPerson] = []
  /// Phone and email keys already given to someone, per campaign.
  var usedPhones: [Set<Int64>]
  var usedEmails: [Set<String>]
  /// Local-hour weights of human traffic (0 = midnight).
  static let humanHours: [Double] = [
    0.3, 0.2, 0.14, 0.11, 0.11, 0.18, 0.4, 0.75, 1.05, 1.25, 1.35, 1.4,
    1.45, 1.45, 1.5, 1.45, 1.4, 1.35, 1.35, 1.35, 1.25, 1.05, 0.75, 0.5,
  ]
  let humanHourWeights = GeneratorWeights(GeneratorWorld.humanHours)
  /// The first and last UTC millisecond of the generated span (local days).
  let spanStart: Int64
  let spanEnd: Int64

  init(tables: GeneratorTables, options: GeneratorOptions) {
    self.tables = tables
    self.options = options
    self.mix = options.mix
    self.rng = GeneratorRandom(seed: options.seed)
    campaigns = GeneratorCampaign.standard
    areas = campaigns.map { GeneratorArea(campaign: $0, geo: tables.geo) }
    campaignIDs = campaigns.map(\.id) + GeneratorCampaign.unknownIDs
    campaignWeights = GeneratorWeights(campaigns.map(\.share))
    // Publishers are fixed across seeds: pub07 is the same publisher in every stream.
    var fixed = GeneratorRandom(seed: 0x5EED_0F_9B11_54E5)
    var traffic: [Double] = []
    var quality: [Double] = []
    var conversion: [Double] = []
    for i in 0..<40 {
      traffic.append(1 / Double(i % 13 + 1).squareRoot() * fixed.double(0.5...1.5))
      let roll = fixed.unit()
      quality.append(
        roll < 0.7
          ? fixed.double(0.2...1.0) : roll < 0.9 ? fixed.double(1...2.5) : fixed.double(3...6))
      conversion.append(fixed.double(0.6...1.4))
    }
    let meanQuality = zip(traffic, quality).map(*).reduce(0, +) / traffic.reduce(0, +)
    publisherTraffic = GeneratorWeights(traffic)
    publisherFraud = GeneratorWeights(zip(traffic, quality).map(*))
    publisherQuality = quality.map { $0 / meanQuality }
    publisherConversion = conversion
    userAgents = tables.browsers
    uaIsBot = [Bool](repeating: false, count: tables.browsers.count)
    usedPhones = [Set<Int64>](repeating: [], count: campaigns.count)
    usedEmails = [Set<String>](repeating: [], count: campaigns.count)
    let firstZone = campaigns.map(\.timeZone)
    spanStart = (firstZone.map { $0.utc(fromLocal: options.startDay * 86_400) }.min() ?? 0) * 1000
    spanEnd =
      (firstZone.map { $0.utc(fromLocal: (options.startDay + Int64(options.days)) * 86_400) }
        .max() ?? 0) * 1000 - 1
  }

  /// A UTC millisecond on one of the span's local days of `campaign`, with the
  /// local hour drawn from `hours`.
  func time(campaign: Int, hours: GeneratorWeights) -> Int64 {
    let zone = campaign < campaigns.count ? campaigns[campaign].timeZone : .chicago
    let day = options.startDay + Int64(rng.below(options.days))
    let local = day * 86_400 + Int64(hours.draw(&rng) * 3600 + rng.below(3600))
    return zone.utc(fromLocal: local) * 1000 + Int64(rng.below(1000))
  }

  /// A random human-traffic time for `campaign`.
  func humanTime(campaign: Int) -> Int64 {
    time(campaign: campaign, hours: humanHourWeights)
  }

  /// A residential address (IPv6 at the configured rate).
  func residentialIP() -> GeneratorIP {
    let v6 = rng.chance(mix["ipv6"])
    return pickBlock(v6 ? tables.residential6 : tables.residential4).address(&rng)
  }

  /// A data-center address (mostly IPv4).
  func datacenterIP() -> GeneratorIP {
    let v6 = rng.chance(0.1)
    return pickBlock(v6 ? tables.datacenter6 : tables.datacenter4).address(&rng)
  }

  /// A block drawn by weight.
  func pickBlock(_ blocks: [GeneratorBlock]) -> GeneratorBlock {
    blocks[GeneratorWeights(blocks.map(\.weight)).draw(&rng)]
  }

  /// A browser user agent drawn by traffic share.
  func browserUA() -> Int32 {
    Int32(tables.browserWeights.draw(&rng))
  }

  /// Adds a user-agent string (bot strings are rendered per actor) and returns its index.
  func addUA(_ ua: String, isBot: Bool) -> Int32 {
    userAgents.append(ua)
    uaIsBot.append(isBot)
    return Int32(userAgents.count - 1)
  }

  /// Appends an event and returns its index.
  @discardableResult
  func add(_ event: GeneratorEvent) -> Int32 {
    events.append(event)
    return Int32(events.count - 1)
  }

  /// A click event.
  func click(
    kind: GeneratorKind, time: Int64, campaign: Int, source: Int, ip: GeneratorIP, ua: Int32
  ) -> Int32 {
    clickCount += 1
    let keywords = campaign < campaigns.count ? campaigns[campaign].keywords.count : 1
    return add(
      GeneratorEvent(
        type: .click, kind: kind, time: time, campaign: campaign, source: source, ip: ip, ua: ua,
        keyword: Int8(rng.below(keywords))))
  }
}
