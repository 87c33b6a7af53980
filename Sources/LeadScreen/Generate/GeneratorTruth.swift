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

  /// A sliding window of click times for one address or network.
  private struct Window {
    var times: [Int64] = []
    var head = 0

    /// Drops times before `t - window` and returns how many remain.
    mutating func count(at t: Int64) -> Int {
      while head < times.count && times[head] < t - GeneratorTruth.windowMs { head += 1 }
      return times.count - head
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
    var ipWindows: [GeneratorIP: Window] = [:]
    var netWindows: [GeneratorIP: Window] = [:]
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
        ipWindows[ip, default: Window()].times.append(t)
        netWindows[ip.subnet, default: Window()].times.append(t)
        let ipCount = ipWindows[ip]!.count(at: t)
        let netCount = netWindows[ip.subnet]!.count(at: t)
        if ipCount > Self.ipMax || netCount > Self.subnetMax { r |= GeneratorReason.ipBurst.bit }
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
        let ipCount = ipWindows[ip]?.count(at: t) ?? 0
        let netCount = netWindows[ip.subnet]?.count(at: t) ?? 0
        if ipCount > Self.ipMax || netCount > Self.subnetMax { r |= GeneratorReason.ipBurst.bit }
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
