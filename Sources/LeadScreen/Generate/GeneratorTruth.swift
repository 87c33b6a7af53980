/// The generator's own evaluation of docs/reasons.md over the records it made,
/// with the default thresholds. It never calls the rule code: bot and data-center
/// flags come from construction (which table an agent or address was drawn from),
/// bursts from its own sliding windows, duplicates from its own key book-keeping,
/// areas from its own haversine over the ZIP table.
struct GeneratorTruth {
  /// Default thresholds (rules/thresholds.yaml defaults).
  static let windowMs: Int64 = 600_000
  static let ipMax = 10
  static let subnetMax = 40
  static let fastSubmitMs: Int64 = 5000
  static let lookbackMs: Int64 = 24 * 3_600_000

  /// Reason bits per event (index as in `world.events`).
  var reasons: [UInt16]

  /// Clicks seen so far in evaluation order, each linked to the previous click of
  /// the same address and of the same network: a window count walks back along the
  /// chain and stops past the limit, so each count costs at most limit + 1 steps.
  private struct ClickChains {
    var times: [Int64] = []
    var previousByIP: [Int32] = []
    var previousByNet: [Int32] = []
    var lastByIP: [GeneratorIP: Int32] = [:]
    var lastByNet: [GeneratorIP: Int32] = [:]

    init(capacity: Int) {
      times.reserveCapacity(capacity)
      previousByIP.reserveCapacity(capacity)
      previousByNet.reserveCapacity(capacity)
      lastByIP.reserveCapacity(capacity)
      lastByNet.reserveCapacity(capacity / 2)
    }

    /// Records a click.
    mutating func add(_ ip: GeneratorIP, at t: Int64) {
      let slot = Int32(times.count)
      times.append(t)
      previousByIP.append(lastByIP.updateValue(slot, forKey: ip) ?? -1)
      previousByNet.append(lastByNet.updateValue(slot, forKey: ip.subnet) ?? -1)
    }

    /// Whether the clicks of `ip` (or its network) in `[t - window, t]` exceed the limits.
    func burst(_ ip: GeneratorIP, at t: Int64) -> Bool {
      count(from: lastByIP[ip] ?? -1, t, GeneratorTruth.ipMax, previousByIP) > GeneratorTruth.ipMax
        || count(from: lastByNet[ip.subnet] ?? -1, t, GeneratorTruth.subnetMax, previousByNet)
          > GeneratorTruth.subnetMax
    }

    private func count(from start: Int32, _ t: Int64, _ limit: Int, _ previous: [Int32]) -> Int {
      var n = 0
      var slot = start
      while slot >= 0 && n <= limit && times[Int(slot)] >= t - GeneratorTruth.windowMs {
        n += 1
        slot = previous[Int(slot)]
      }
      return n
    }
  }

  /// Evaluates every event in time order (ties: output position), as the rules must.
  /// `emitted` is each event's time as written; `order` the events in output order.
  init(world w: GeneratorWorld, emitted: [Int64], order: [Int32]) {
    let events = w.events
    var reasons = [UInt16](repeating: 0, count: events.count)
    var evaluated = [Bool](repeating: false, count: events.count)
    let evalOrder = order.indices.sorted {
      let a = emitted[Int(order[$0])]
      let b = emitted[Int(order[$1])]
      return a != b ? a < b : $0 < $1
    }
    var chains = ClickChains(capacity: w.clickCount)
    var phoneSeen = [[Int64: Int64]](repeating: [:], count: w.campaigns.count)
    var emailSeen = [[String: Int64]](repeating: [:], count: w.campaigns.count)
    let blocks = w.tables.datacenter4 + w.tables.datacenter6
    func isDatacenter(_ ip: GeneratorIP) -> Bool {
      blocks.contains { b in
        b.isV6 == ip.isV6
          && ip.value >> UInt128((ip.isV6 ? 128 : 32) - b.prefix)
            == b.base >> UInt128((b.isV6 ? 128 : 32) - b.prefix)
      }
    }
    for position in evalOrder {
      let index = Int(order[position])
      let e = events[index]
      let t = emitted[index]
      var r: UInt16 = 0
      let known = e.campaign < w.campaigns.count
      if !known { r |= GeneratorReason.unknownCampaign.bit }
      if e.ua >= 0 && w.uaIsBot[Int(e.ua)] { r |= GeneratorReason.botUA.bit }
      if let ip = e.ip, isDatacenter(ip) { r |= GeneratorReason.datacenterIP.bit }
      if e.type == .click {
        let ip = e.ip!
        chains.add(ip, at: t)
        if chains.burst(ip, at: t) { r |= GeneratorReason.ipBurst.bit }
        reasons[index] = r
        evaluated[index] = true
        continue
      }
      let click = Int(e.click)
      let clickKnown =
        e.showsClick && click >= 0 && evaluated[click] && t - emitted[click] <= Self.lookbackMs
      if clickKnown {
        let inherited: UInt16 =
          GeneratorReason.botUA.bit | GeneratorReason.datacenterIP.bit | GeneratorReason.ipBurst.bit
        r |= reasons[click] & inherited
        if e.type == .lead && t - emitted[click] < Self.fastSubmitMs {
          r |= GeneratorReason.fastSubmit.bit
        }
      } else if let ip = e.ip {
        if chains.burst(ip, at: t) { r |= GeneratorReason.ipBurst.bit }
      }
      var phoneKey: Int64?
      var emailKey: String?
      if e.type == .lead {
        let f = w.leads[Int(e.detail)]
        if f.incomplete && known { r |= GeneratorReason.incompleteForm.bit }
        if f.invalidEmail { r |= GeneratorReason.invalidEmail.bit }
        if f.invalidPhone { r |= GeneratorReason.invalidPhone.bit }
        if f.disposable { r |= GeneratorReason.disposableEmail.bit }
        if f.fakeName { r |= GeneratorReason.fakeName.bit }
        if known, let zip = f.zipIndex, !w.areas[e.campaign].zipInArea[zip] {
          r |= GeneratorReason.outOfArea.bit
        }
        phoneKey = f.phoneKey
        emailKey = f.emailKey
      } else {
        let call = w.calls[Int(e.detail)]
        if call.missingCaller { r |= GeneratorReason.incompleteForm.bit }
        if call.invalidCaller { r |= GeneratorReason.invalidPhone.bit }
        if known, call.duration < w.campaigns[e.campaign].minCallSeconds {
          r |= GeneratorReason.shortCall.bit
        }
        if known, let key = call.callerKey,
          !w.areas[e.campaign].areaCodeInArea.contains(Int(key / 10_000_000))
        {
          r |= GeneratorReason.outOfArea.bit
        }
        phoneKey = call.callerKey
      }
      if known {
        let c = e.campaign
        let since = t - Int64(w.campaigns[c].duplicateWindowDays) * 86_400_000
        var dup = false
        if let key = phoneKey {
          if let last = phoneSeen[c][key], last >= since { dup = true }
          phoneSeen[c][key] = t
        }
        if let key = emailKey {
          if let last = emailSeen[c][key], last >= since { dup = true }
          emailSeen[c][key] = t
        }
        if dup { r |= GeneratorReason.duplicate.bit }
      }
      reasons[index] = r
      evaluated[index] = true
    }
    self.reasons = reasons
  }
}
