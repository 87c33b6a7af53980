extension GeneratorWorld {
  /// A later time for a repeat of an event at `time` in `campaign`, inside both the
  /// duplicate window and the generated span; nil when there is no room.
  func repeatTime(after time: Int64, campaign c: Int) -> Int64? {
    let window = Int64(campaigns[c].duplicateWindowDays) * 86_400_000 - 3_600_000
    let limit = min(window, spanEnd - time)
    guard limit > 120_000 else { return nil }
    let delay = Int64(rng.logNormal(median: 3 * 3_600_000, sigma: 1.5))
    return time + min(limit, max(120_000, delay))
  }

  /// Re-submissions of honest leads: the same phone or email again (re-spelled,
  /// re-cased, gmail dots moved), from the same or a new session.
  func duplicateSessions(leads count: Int) {
    let originals = events.indices.filter {
      events[$0].type == .lead && events[$0].kind == .legit && events[$0].campaign < campaigns.count
    }
    guard !originals.isEmpty else { return }
    for _ in 0..<count {
      let original = events[rng.pick(originals)]
      guard let t = repeatTime(after: original.time, campaign: original.campaign) else { continue }
      let c = original.campaign
      var p = leadPeople[Int(original.detail)]
      switch rng.below(3) {
      case 0: break
      case 1: p.phone = freshPhone(campaign: c, areaCode: Int(p.phone / 10_000_000))
      default:
        p.emailDomain = tables.mailDomains[tables.mailWeights.draw(&rng)]
        p.emailLocal = freshMailbox(
          campaign: c, first: p.first, last: p.last, domain: p.emailDomain)
      }
      if p.emailDomain == "gmail.com" && rng.chance(0.4) && p.emailLocal.count > 3 {
        let cut = p.emailLocal.index(p.emailLocal.startIndex, offsetBy: rng.int(1...2))
        if p.emailLocal[cut] != "." && p.emailLocal[p.emailLocal.index(before: cut)] != "." {
          p.emailLocal.insert(".", at: cut)
        }
      }
      let clickEvent = events[Int(original.click)]
      let sameDevice = rng.chance(0.5)
      let source = rng.chance(0.5) ? original.source : publisherFraud.draw(&rng)
      let clickIndex = click(
        kind: .duplicate, time: t, campaign: c, source: source,
        ip: sameDevice ? clickEvent.ip! : residentialIP(),
        ua: sameDevice ? clickEvent.ua : browserUA())
      addLead(click: clickIndex, campaign: c, source: source, kind: .duplicate, person: p)
    }
  }

  /// Callers who call again, or call after submitting a lead, within the window.
  func repeatCallerSessions(calls count: Int) {
    let originals = events.indices.filter {
      let e = events[$0]
      guard e.kind == .legit, e.campaign < campaigns.count, campaigns[e.campaign].takesCalls
      else { return false }
      return e.type == .call ? calls[Int(e.detail)].callerKey != nil : e.type == .lead
    }
    guard !originals.isEmpty else { return }
    for _ in 0..<count {
      let original = events[rng.pick(originals)]
      guard let t = repeatTime(after: original.time, campaign: original.campaign) else { continue }
      let number =
        original.type == .call
        ? calls[Int(original.detail)].callerKey! : leadPeople[Int(original.detail)].phone
      addCall(
        at: t, click: -1, campaign: original.campaign, source: original.source,
        kind: .repeatCaller, number: number)
    }
  }
}
