/// The part of the click stage that depends on the click alone, for clicks whose
/// verdicts are not written: decides whether a click can take the short way past
/// ``Record`` and the verdict, and does its rule look-ups (user agent, data-center
/// range). Runs in input order, before the time-ordered stages; one per thread (it
/// owns a user-agent cache and PCRE2 scratch space).
public struct ClickPreparer {
  let bots: BotClassifier
  let datacenter: IPRangeSet
  let scratch: PCRE2Scratch
  var cache = BotClassifier.Cache()
  /// Whether click verdicts are written (then no click takes the short way).
  let writesClicks: Bool
  /// With `--state`, billed clicks' verdicts are remembered: those take the long way.
  let remembersBilledClicks: Bool
  let perClickCampaigns: [[UInt8]]

  init(
    rules: RuleSet, campaigns: CampaignBook, writesClicks: Bool, remembersBilledClicks: Bool
  ) {
    bots = rules.bots
    datacenter = rules.datacenter
    let t = rules.thresholds
    scratch = PCRE2Scratch(matchLimit: UInt32(t.matchLimit), depthLimit: UInt32(t.depthLimit))
    self.writesClicks = writesClicks
    self.remembersBilledClicks = remembersBilledClicks
    perClickCampaigns = campaigns.campaigns.filter { $0.value.pricePerClick != nil }
      .map { Array($0.key.utf8) }
  }

  /// The click reduced for ``ScorePipeline/submit(click:write:)``, or nil when its
  /// verdict is written or remembered (then it goes through ``Normalizer/normalize(_:)``
  /// and ``ScorePipeline/submit(_:write:)``).
  public mutating func prepare(_ view: ClickView) -> CompactClick? {
    guard !writesClicks else { return nil }
    if remembersBilledClicks, perClickCampaigns.contains(where: { view.campaign.elementsEqual($0) })
    {
      return nil
    }
    return CompactClick(view, bots: bots, datacenter: datacenter, cache: &cache, scratch: scratch)
  }
}

extension CompactClick {
  /// The click with its rule look-ups done.
  init(
    _ view: ClickView, bots: BotClassifier, datacenter: IPRangeSet,
    cache: inout BotClassifier.Cache, scratch: PCRE2Scratch
  ) {
    self.init(
      time: view.time, key: IdentifierDigest.key(view.id), ip: view.ip,
      bot: bots.classifyValue(view.ua, cache: &cache, scratch: scratch),
      datacenter: view.ip.map { datacenter.lookupIndex($0) } ?? -1)
  }
}
