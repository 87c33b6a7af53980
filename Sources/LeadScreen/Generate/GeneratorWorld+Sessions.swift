extension GeneratorWorld {
  /// Honest visitors: one to three clicks from the same IP and browser a few
  /// minutes apart, then maybe a lead or a call.
  func legitSessions(clicks budget: Int) {
    humanSessions(clicks: budget, kind: .legit)
  }

  /// Visitors behind data-center addresses with ordinary browser user agents.
  func datacenterSessions(clicks budget: Int) {
    humanSessions(clicks: budget, kind: .datacenter)
  }

  /// Traffic that names a campaign the campaigns file does not have.
  func unknownCampaignSessions(clicks budget: Int) {
    humanSessions(clicks: budget, kind: .unknownCampaign)
  }

  private func humanSessions(clicks budget: Int, kind: GeneratorKind) {
    var left = budget
    while left > 0 {
      let c =
        kind == .unknownCampaign
        ? campaigns.count + rng.below(GeneratorCampaign.unknownIDs.count)
        : campaignWeights.draw(&rng)
      let source = kind == .legit ? publisherTraffic.draw(&rng) : publisherFraud.draw(&rng)
      let roll = rng.below(10)
      let n = min(left, roll < 7 ? 1 : roll < 9 ? 2 : 3)
      left -= n
      let ip = kind == .datacenter ? datacenterIP() : residentialIP()
      let ua = browserUA()
      var t = humanTime(campaign: c)
      var last: Int32 = -1
      for i in 0..<n {
        if i > 0 { t += Int64(min(3600, max(20, rng.logNormal(median: 240, sigma: 1))) * 1000) }
        last = click(kind: kind, time: t, campaign: c, source: source, ip: ip, ua: ua)
      }
      convert(
        click: last, campaign: c, source: source, clickKind: kind,
        leadRate: mix["lead_conversion"] * (kind == .unknownCampaign ? 1.5 : 1),
        callRate: kind == .datacenter ? 0 : mix["call_conversion"])
    }
  }

  /// The soft-fraud ring: one publisher, night-time local hours, a small pool of
  /// residential IPs and browsers, machine-made mailboxes, phones from other area
  /// codes than the ZIP's, submits 6–20 s after the click. No rule fires.
  func ringSessions(leads count: Int) {
    guard count > 0 else { return }
    var fixed = rng.fork()
    let ips = (0..<30).map { _ in pickBlock(tables.residential4).address(&fixed) }
    let uas = (0..<4).map { _ in Int32(tables.browserWeights.draw(&fixed)) }
    let targets = campaigns.indices.filter {
      campaigns[$0].id == "legal-injury-ca" || campaigns[$0].id == "auto-insurance-tx"
    }
    let nightHours = GeneratorWeights((0..<24).map { (1...4).contains($0) ? 1 : 0 })
    for _ in 0..<count {
      let c = rng.pick(targets)
      let t = time(campaign: c, hours: nightHours)
      let clickIndex = click(
        kind: .softRing, time: t, campaign: c, source: ringPublisher, ip: rng.pick(ips),
        ua: rng.pick(uas))
      addLead(
        click: clickIndex, campaign: c, source: ringPublisher, kind: .softRing,
        person: ringPerson(campaign: c))
    }
  }

  /// A ring identity: a real-looking name in the area, a phone whose area code is
  /// none of the ZIP's, a machine-made mailbox at a big free provider.
  private func ringPerson(campaign c: Int) -> GeneratorPerson {
    let zipIndex = rng.pick(areas[c].solidZips)
    let zip = tables.geo.zips[zipIndex]
    var code = rng.pick(tables.geo.areaCodes)
    while zip.areaCodes.contains(code) { code = rng.pick(tables.geo.areaCodes) }
    let first = rng.pick(tables.firstNames)
    let last = rng.pick(tables.lastNames)
    let domain = rng.chance(0.7) ? "gmail.com" : rng.chance(0.5) ? "yahoo.com" : "outlook.com"
    var local: String
    if rng.chance(0.6) {
      local =
        String(Self.letters(first).prefix(1)) + String(Self.letters(last).prefix(6))
        + String(rng.int(1000...9999)) + String(randomLetter())
    } else {
      local = String(
        (0..<rng.int(8...11)).map { _ in rng.chance(0.6) ? randomLetter() : randomDigit() })
      if local.first!.isNumber { local = String(randomLetter()) + local }
    }
    while !usedEmails[c].insert(Self.emailKey(local: local, domain: domain)).inserted {
      local.append(randomDigit())
    }
    return GeneratorPerson(
      first: first, last: last, zipIndex: zipIndex, phone: freshPhone(campaign: c, areaCode: code),
      emailLocal: local, emailDomain: domain)
  }

  private func randomLetter() -> Character {
    Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(rng.below(26))))
  }

  private func randomDigit() -> Character {
    Character(UnicodeScalar(UInt8(ascii: "0") + UInt8(rng.below(10))))
  }
}
