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
      bot: bots.classifyValue(view.ua, hash: view.uaHash, cache: &cache, scratch: scratch),
      datacenter: view.ip.map { datacenter.lookupIndex($0) } ?? -1)
  }
}

/// Takes NDJSON lines that are clicks taking the short way straight to a
/// ``CompactClick``, with no ``RawRecord`` in between: the JSON parser hands each
/// member to ``ClickFields`` as it finds it, and nothing is copied. It takes only
/// lines with neither backslash (whose strings would need decoding) nor control byte,
/// whose quotes the reader indexed; it leaves those, a line that is not such a click,
/// and a line that is not valid JSON: the reader then parses it into a record as
/// ever, and normalizes, prepares or rejects it with the same results and words.
public struct ClickShortcut: JSONLineShortcut {
  /// Its preparer, for the clicks the reader parses into records (CSV rows, lines with escapes).
  public var preparer: ClickPreparer
  /// The click of the line last taken (a placeholder before the first).
  public private(set) var click = CompactClick(
    time: Timestamp(milliseconds: 0), key: FlatKey(unchecked: 0, 0, 2), ip: nil, bot: -1,
    datacenter: -1)

  /// The date of the last click's time (most share it).
  private var dates = RFC3339.DateMemo()

  public init(preparer: ClickPreparer) {
    self.preparer = preparer
  }

  public mutating func take(
    _ line: UnsafePointer<UInt8>, count: Int, quotes: UnsafePointer<UInt64>?
  ) -> Bool {
    guard let quotes else { return false }
    let uaSlots = preparer.cache.prefetchTarget
    var sink = ClickSink(dates: dates, uaSlots: uaSlots)
    // A flat line in one tight loop; anything else (a nested value) the general way.
    var parsed = JSONObjectParser.parseFlatIndexed(line, count: count, quotes: quotes, into: &sink)
    if parsed == nil {
      sink = ClickSink(dates: dates, uaSlots: uaSlots)
      parsed = try? JSONObjectParser.parseIndexed(line, count: count, quotes: quotes, into: &sink)
    }
    dates = sink.fields.dates
    guard parsed == true, sink.fields.isComplete, let click = preparer.prepare(sink.fields.view)
    else { return false }
    self.click = click
    return true
  }

  /// The members of a line into ``ClickFields``, stopping at the first it does not take.
  private struct ClickSink: JSONMemberSink {
    var fields = ClickFields()

    /// A sink starting from the date of the line before.
    init(dates: RFC3339.DateMemo, uaSlots: BotClassifier.Cache.PrefetchTarget?) {
      fields.dates = dates
      fields.uaSlots = uaSlots
    }

    @inline(__always)
    mutating func member(
      name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, kind: RawValueKind
    ) -> Bool {
      fields.take(name: name, value: value, kind: kind)
    }
  }
}
