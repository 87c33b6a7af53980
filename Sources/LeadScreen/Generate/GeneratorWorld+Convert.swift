extension GeneratorWorld {
  /// Lead problems drawn for ordinary sessions, by rate name.
  static let leadProblems: [(rate: String, kind: GeneratorKind)] = [
    ("incomplete_form", .incompleteForm), ("invalid_email", .invalidEmail),
    ("invalid_phone", .invalidPhone), ("fake_name", .fakeName),
    ("disposable_email", .disposableEmail), ("out_of_area", .outOfArea),
    ("fast_submit", .fastSubmit),
  ]

  /// Call problems drawn for ordinary sessions.
  static let callProblems: [(rate: String, kind: GeneratorKind)] = [
    ("short_call", .shortCall), ("out_of_area_call", .outOfAreaCall),
    ("invalid_caller", .invalidCaller),
  ]

  /// Draws a problem kind (or legit) with the mix's rates times the publisher's quality.
  func problem(_ list: [(rate: String, kind: GeneratorKind)], source: Int) -> GeneratorKind {
    var u = rng.unit()
    for (rate, kind) in list {
      let p = mix[rate] * publisherQuality[source]
      if u < p { return kind }
      u -= p
    }
    return .legit
  }

  /// A ZIP for a lead of `campaign`: inside the area, or clearly outside it.
  func leadZip(campaign c: Int, outside: Bool) -> Int {
    guard c < campaigns.count else { return rng.below(tables.geo.zips.count) }
    let area = areas[c]
    if outside {
      if !area.outsideNearby.isEmpty && rng.chance(0.7) { return rng.pick(area.outsideNearby) }
      return rng.pick(area.outsideAnywhere)
    }
    return rng.pick(area.solidZips)
  }

  /// Maybe turns the session ending in `click` into a lead or a call.
  func convert(
    click: Int32, campaign c: Int, source: Int, clickKind: GeneratorKind, leadRate: Double,
    callRate: Double
  ) {
    let u = rng.unit() / publisherConversion[source]
    if u < leadRate {
      let kind = clickKind == .legit ? problem(Self.leadProblems, source: source) : clickKind
      addLead(click: click, campaign: c, source: source, kind: kind)
    } else if u < leadRate + callRate && (c >= campaigns.count || campaigns[c].takesCalls) {
      let kind = clickKind == .legit ? problem(Self.callProblems, source: source) : clickKind
      addCall(click: click, campaign: c, source: source, kind: kind)
    }
  }

  /// Adds the lead a new person submits after `click`.
  func addLead(
    click: Int32, campaign c: Int, source: Int, kind: GeneratorKind,
    person given: GeneratorPerson? = nil
  ) {
    let outside = kind == .outOfArea || (kind == .formBot && rng.chance(0.3))
    let p = given ?? person(campaign: c, zipIndex: leadZip(campaign: c, outside: outside))
    let clickEvent = events[Int(click)]
    let seconds: Double
    switch kind {
    case .fastSubmit: seconds = rng.double(0.5...4)
    case .formBot: seconds = rng.chance(0.7) ? rng.double(0.5...4) : rng.double(6...60)
    case .softRing: seconds = rng.double(6...20)
    default: seconds = min(1800, max(20, rng.logNormal(median: 150, sigma: 1.0)))
    }
    leads.append(form(person: p, campaign: c, kind: kind))
    leadPeople.append(p)
    var event = GeneratorEvent(
      type: .lead, kind: kind, time: clickEvent.time + Int64(seconds * 1000), campaign: c,
      source: source)
    event.click = click
    event.showsClick =
      kind == .fastSubmit || kind == .softRing || !rng.chance(mix["lead_without_click"])
    if !event.showsClick || rng.chance(0.85) {
      event.ip = clickEvent.ip
      event.ua = kind == .formBot && rng.chance(0.3) ? -1 : clickEvent.ua
    }
    event.detail = Int32(leads.count - 1)
    add(event)
  }

  /// Adds a call after `click` (a click-to-call, or a call from the landing page).
  func addCall(click: Int32, campaign c: Int, source: Int, kind: GeneratorKind) {
    let clickEvent = events[Int(click)]
    let time =
      clickEvent.time + Int64(min(7200, max(15, rng.logNormal(median: 90, sigma: 1.2))) * 1000)
    addCall(at: time, click: click, campaign: c, source: source, kind: kind, number: nil)
  }

  /// Adds a call at `time`; `number` is a caller to repeat, else a new one is drawn.
  func addCall(
    at time: Int64, click: Int32, campaign c: Int, source: Int, kind: GeneratorKind,
    number: Int64?
  ) {
    let known = c < campaigns.count
    let minimum = known ? campaigns[c].minCallSeconds : 0
    var call = GeneratorCall(caller: nil, duration: 0, trackingNumber: trackingNumber(c, source))
    var key = number
    if key == nil {
      let codes =
        !known
        ? tables.geo.areaCodes
        : kind == .outOfAreaCall ? areas[c].outsideAreaCodes : areas[c].solidAreaCodes
      let zip = known ? rng.pick(areas[c].solidZips) : rng.below(tables.geo.zips.count)
      key = person(campaign: c, zipIndex: zip, callerCodes: codes).phone
    }
    let digits = key!
    if kind == .invalidCaller {
      if rng.chance(0.4) {
        call.caller = rng.chance(0.5) ? nil : ""
        call.missingCaller = true
      } else {
        let area = digits / 10_000_000
        call.caller =
          rng.chance(0.5)
          ? "+1\(area)55501\(Self.pad(rng.below(100), 2))"
          : "(\(area)) 1\(rng.int(10...99))-\(Self.pad(Int(digits % 10_000), 4))"
        call.invalidCaller = true
      }
    } else {
      call.caller = rng.chance(0.7) ? "+1\(digits)" : spell(phone: digits)
      call.callerKey = digits
    }
    if kind == .shortCall && minimum > 5 {
      call.duration = rng.int(3...(minimum - 1))
    } else {
      var d = rng.logNormal(median: 260, sigma: 0.9)
      var tries = 0
      while d < Double(minimum + 1) && tries < 20 {
        d = rng.logNormal(median: 260, sigma: 0.9)
        tries += 1
      }
      call.duration = max(Int(d), minimum + rng.int(1...90))
    }
    calls.append(call)
    var event = GeneratorEvent(type: .call, kind: kind, time: time, campaign: c, source: source)
    event.click = click
    event.showsClick = click >= 0 && rng.chance(mix["call_with_click"])
    event.detail = Int32(calls.count - 1)
    add(event)
  }

  /// The tracking number a publisher uses for a campaign (toll-free, stable).
  func trackingNumber(_ campaign: Int, _ source: Int) -> String {
    "+1844" + String(3_100_000 + campaign * 10_000 + source * 100 + 17)
  }
}
