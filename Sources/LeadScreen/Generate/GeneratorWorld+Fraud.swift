extension GeneratorWorld {
  /// Automated clients: each actor (one user agent, one IP) makes a few clicks over
  /// the span; some fill in the form too.
  func botSessions(clicks budget: Int) {
    let weights = GeneratorWeights(tables.bots.map(\.weight))
    let flat = GeneratorWeights([Double](repeating: 1, count: 24))
    var left = budget
    while left > 0 {
      let bot = tables.bots[weights.draw(&rng)]
      let ua = addUA(render(bot.template), isBot: true)
      let dcShare: Double =
        switch bot.kind {
        case .crawler: 1
        case .library: 0.7
        case .headless: 0.6
        case .empty: 0.5
        }
      let ip = rng.chance(dcShare) ? datacenterIP() : residentialIP()
      let source = publisherFraud.draw(&rng)
      let n = min(left, rng.int(1...6))
      left -= n
      for _ in 0..<n {
        let c = campaignWeights.draw(&rng)
        let t = time(campaign: c, hours: flat)
        let clickIndex = click(kind: .bot, time: t, campaign: c, source: source, ip: ip, ua: ua)
        if bot.kind != .crawler && rng.chance(mix["form_bot"]) {
          addLead(click: clickIndex, campaign: c, source: source, kind: .formBot)
        }
      }
    }
  }

  /// Expands `{n:A-B}` and `{chrome}` in a bot template.
  func render(_ template: String) -> String {
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      out += rest[..<open]
      let token = rest[rest.index(after: open)..<close]
      if token == "chrome" {
        out += "\(rng.int(118...131)).0.\(rng.int(5000...6900)).\(rng.int(10...220))"
      } else if token.hasPrefix("n:") {
        let bounds = token.dropFirst(2).split(separator: "-").compactMap { Int($0) }
        out += bounds.count == 2 ? String(rng.int(bounds[0]...bounds[1])) : ""
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  /// Click-farm bursts from one IP: 15–60 clicks within two to eight minutes.
  func burstIPSessions(clicks budget: Int) {
    var left = budget
    while left > 0 {
      let n = min(left, rng.int(15...60))
      left -= n
      let c = campaignWeights.draw(&rng)
      let source = publisherFraud.draw(&rng)
      let v6 = rng.chance(0.2)
      let ip = pickBlock(v6 ? tables.residential6 : tables.residential4).address(&rng)
      let sharedUA = rng.chance(0.7) ? browserUA() : -1
      let start = humanTime(campaign: c)
      let span = rng.int(120...480) * 1000
      for _ in 0..<n {
        let t = start + Int64(rng.below(span))
        let ua = sharedUA >= 0 ? sharedUA : browserUA()
        let clickIndex = click(kind: .burstIP, time: t, campaign: c, source: source, ip: ip, ua: ua)
        convert(
          click: clickIndex, campaign: c, source: source, clickKind: .burstIP, leadRate: 0.02,
          callRate: 0)
      }
    }
  }

  /// Click-farm bursts from many IPs of one /24 (or /64): 45–90 clicks within three
  /// to nine minutes, at most eight per IP.
  func burstSubnetSessions(clicks budget: Int) {
    var left = budget
    while left > 0 {
      let n = min(left, rng.int(45...90))
      left -= n
      let c = campaignWeights.draw(&rng)
      let source = publisherFraud.draw(&rng)
      let v6 = rng.chance(0.2)
      let network = pickBlock(v6 ? tables.residential6 : tables.residential4).network(&rng)
      let minimum = (n + 7) / 8
      let m = rng.int(minimum...max(minimum, 24))
      var hosts = Array(1...254)
      var members: [(GeneratorIP, Int32)] = []
      for i in 0..<m {
        let pick = i + rng.below(hosts.count - i)
        hosts.swapAt(i, pick)
        let low: UInt128 = v6 ? UInt128(rng.next()) : UInt128(hosts[i])
        members.append((GeneratorIP(value: network.value | low, isV6: v6), browserUA()))
      }
      let start = humanTime(campaign: c)
      let span = rng.int(180...540) * 1000
      for i in 0..<n {
        let (ip, ua) = members[i % m]
        let t = start + Int64(rng.below(span))
        let clickIndex = click(
          kind: .burstSubnet, time: t, campaign: c, source: source, ip: ip, ua: ua)
        convert(
          click: clickIndex, campaign: c, source: source, clickKind: .burstSubnet, leadRate: 0.02,
          callRate: 0)
      }
    }
  }
}
