import Testing

@testable import LeadScreen

@Suite struct BurstWindowsTests {
  private static func v4(_ text: String) -> IPAddress { IPAddress(text)! }

  @Test func countsOnlyClicksInsideEachWindow() {
    var windows = BurstWindows(ipWindowSeconds: 10, subnetWindowSeconds: 20)
    let a = Self.v4("10.0.0.1")
    let b = Self.v4("10.0.0.2")
    #expect(windows.add(a, at: 0) == (1, 1))
    #expect(windows.add(a, at: 5_000) == (2, 2))
    #expect(windows.add(b, at: 6_000) == (1, 3))
    #expect(windows.add(a, at: 10_000) == (3, 4))  // 0 is exactly 10 s before: still inside
    #expect(windows.add(a, at: 10_001) == (3, 5))  // 0 fell out of the IP window only
    #expect(windows.count(b, at: 16_001) == 0)
    #expect(windows.subnetCount(b, at: 16_001) == 5)
    #expect(windows.subnetCount(a, at: 20_001) == 4)  // 0 fell out of the subnet window
    #expect(windows.count(a, at: 20_001) == 1)
    #expect(windows.subnetCount(Self.v4("10.0.1.1"), at: 20_001) == 0)
  }

  /// One window as a separate counter: clicks leave in the order they came, when the
  /// window is read or added to at a later time.
  private struct FIFOWindow {
    let window: Int64
    var events: [(time: Int64, key: IPAddress)] = []

    mutating func advance(to time: Int64) {
      while let first = events.first, first.time < time - window { events.removeFirst() }
    }

    mutating func add(_ key: IPAddress, at time: Int64) -> Int {
      advance(to: time)
      events.append((time, key))
      return events.filter { $0.key == key }.count
    }

    mutating func count(_ key: IPAddress, at time: Int64) -> Int {
      advance(to: time)
      return events.filter { $0.key == key }.count
    }
  }

  /// Records evaluated late (past the reorder window, or forced out by the pending
  /// limit) go back in time: each window must move only when it is used, as two
  /// separate counters did, so that a lead's IP count does not empty the subnet window.
  @Test(arguments: [(30, 30), (20, 60), (60, 10)])
  func lateTimesCountAsTwoSeparateCounters(ipWindow: Int, subnetWindow: Int) {
    var random = SplitMix(seed: UInt64(ipWindow * 100 + subnetWindow))
    let pool: [IPAddress] = (0..<12).map { (index: Int) -> IPAddress in
      if index % 4 == 3 {
        let network = UInt128(0x2001_0db8) << 96 | UInt128(index % 2) << 64
        return .v6(network | UInt128(index))
      }
      return .v4(0x0A00_0000 | UInt32(index % 3) << 8 | UInt32(index))
    }
    var windows = BurstWindows(ipWindowSeconds: ipWindow, subnetWindowSeconds: subnetWindow)
    var byIP = FIFOWindow(window: Int64(ipWindow) * 1000)
    var bySubnet = FIFOWindow(window: Int64(subnetWindow) * 1000)
    var time: Int64 = 0
    for _ in 0..<3_000 {
      time += Int64(random.next() % 4_000)
      // One in eight is late by up to two minutes.
      let at = random.next() % 8 == 0 ? time - Int64(random.next() % 120_000) : time
      let ip = pool[Int(random.next() % UInt64(pool.count))]
      switch random.next() % 4 {
      case 0: #expect(windows.count(ip, at: at) == byIP.count(ip, at: at))
      case 1: #expect(windows.subnetCount(ip, at: at) == bySubnet.count(ip.subnet, at: at))
      default:
        let expected = (byIP.add(ip, at: at), bySubnet.add(ip.subnet, at: at))
        #expect(windows.add(ip, at: at) == expected)
      }
    }
  }

  /// Thousands of clicks in the windows, arriving slowly and then fast: the clicks' ring
  /// grows while its oldest click is not at its start (and wraps), and a copy of the
  /// windows taken midway keeps its own counts while the original goes on.
  @Test(arguments: [(600, 600), (600, 300)])
  func manyClicksGrowTheRingAndCopiesStayApart(ipWindow: Int, subnetWindow: Int) {
    /// Counts per key over a window, from a queue of the clicks in it.
    struct Reference {
      let window: Int64
      var events: [(time: Int64, key: IPAddress)] = []
      var first = 0
      var counts: [IPAddress: Int] = [:]

      mutating func add(_ key: IPAddress, at time: Int64) -> Int {
        while first < events.count, events[first].time < time - window {
          counts[events[first].key]! -= 1
          first += 1
        }
        events.append((time, key))
        counts[key, default: 0] += 1
        return counts[key]!
      }
    }
    var pool: [IPAddress] = []
    for index in 0..<50 {
      let host = UInt32(index)
      pool.append(.v4(0x0A00_0000 | host % 5 << 8 | host))
    }
    for index in 50..<60 {
      let host = UInt128(index)
      let network: UInt128 = UInt128(0x2001_0db8) << 96 | host % 3 << 64
      pool.append(.v6(network | host))
    }
    var random = SplitMix(seed: UInt64(ipWindow + subnetWindow))
    var windows = BurstWindows(ipWindowSeconds: ipWindow, subnetWindowSeconds: subnetWindow)
    var byIP = Reference(window: Int64(ipWindow) * 1000)
    var bySubnet = Reference(window: Int64(subnetWindow) * 1000)
    var snapshot: (windows: BurstWindows, byIP: Reference, bySubnet: Reference, time: Int64)?
    var time: Int64 = 0
    var mismatches = 0
    for click in 0..<14_000 {
      // A click a second for 2,000 s, then one every 20 ms.
      time += click < 2_000 ? 1_000 : 20
      let ip = pool[Int(random.next() % UInt64(pool.count))]
      let expected = (byIP.add(ip, at: time), bySubnet.add(ip.subnet, at: time))
      if windows.add(ip, at: time) != expected { mismatches += 1 }
      if click == 1_000 { snapshot = (windows, byIP, bySubnet, time) }
    }
    #expect(mismatches == 0)
    #expect(windows.size > 10_000)
    // The copy has not seen the 13,000 clicks after it (the original then wrote over
    // every slot of the ring they shared, before and after growing).
    var (copy, copyIP, copySubnet, copyTime) = try! #require(snapshot)
    for ip in pool {
      let next = copyTime + 1
      #expect(
        copy.add(ip, at: next) == (copyIP.add(ip, at: next), copySubnet.add(ip.subnet, at: next)))
      copyTime = next
    }
  }

  @Test func memoryIsBoundedByTheLongerWindowNotTheInput() {
    for (ip, subnet) in [(60, 30), (30, 60), (60, 60)] {
      var windows = BurstWindows(ipWindowSeconds: ip, subnetWindowSeconds: subnet)
      for second in 0..<100_000 {
        _ = windows.add(.v4(UInt32(second % 97)), at: Int64(second) * 1000)
      }
      #expect(windows.size == 61)
    }
  }

  /// Against counting the history naively, with IPv4 and IPv6 addresses sharing and
  /// not sharing networks, windows of equal and unequal length, and reads between adds.
  @Test(arguments: [(1, 30, 30), (3, 30, 60), (10, 60, 20), (40, 45, 45)])
  func matchesANaiveCountOverRandomTraffic(addresses: Int, ipWindow: Int, subnetWindow: Int) {
    var generator = SplitMix(seed: UInt64(addresses * 1_000 + ipWindow))
    let pool: [IPAddress] = (0..<addresses).map { index in
      switch index % 3 {
      case 0: .v4(0x0A00_0000 | UInt32(index % 5) << 8 | UInt32(index))
      case 1: .v6(UInt128(0x2001_0db8) << 96 | UInt128(index % 4) << 64 | UInt128(index))
      default: .v4(0xC0A8_0000 | UInt32(index))
      }
    }
    var windows = BurstWindows(ipWindowSeconds: ipWindow, subnetWindowSeconds: subnetWindow)
    var history: [(time: Int64, ip: IPAddress)] = []
    var time: Int64 = 0
    for _ in 0..<2_000 {
      time += Int64(generator.next() % 5_000)
      let ip = pool[Int(generator.next() % UInt64(addresses))]
      let inIP = { (t: Int64) in t >= time - Int64(ipWindow) * 1000 }
      let inSubnet = { (t: Int64) in t >= time - Int64(subnetWindow) * 1000 }
      if generator.next() % 4 == 0 {
        let naiveIP = history.filter { $0.ip == ip && inIP($0.time) }.count
        let naiveSubnet = history.filter { $0.ip.subnet == ip.subnet && inSubnet($0.time) }.count
        #expect(windows.count(ip, at: time) == naiveIP)
        #expect(windows.subnetCount(ip, at: time) == naiveSubnet)
        continue
      }
      history.append((time, ip))
      let naiveIP = history.filter { $0.ip == ip && inIP($0.time) }.count
      let naiveSubnet = history.filter { $0.ip.subnet == ip.subnet && inSubnet($0.time) }.count
      #expect(windows.add(ip, at: time) == (naiveIP, naiveSubnet))
    }
  }
}

@Suite struct ClickIndexTests {
  @Test func findsRecentClicksAndForgetsOldOnes() {
    var index = ClickIndex(lookbackHours: 2)
    index.insert(id: "C1", facts: ClickFacts(time: Timestamp(seconds: 0)))
    #expect(index.lookup("C1", at: Timestamp(seconds: 3_600)) != nil)
    #expect(index.lookup("C1", at: Timestamp(seconds: 7_201)) == nil)
    #expect(index.lookup("C2", at: Timestamp(seconds: 10)) == nil)
  }

  @Test func holdsAtMostOneAndAHalfLookbacksOfClicks() {
    var index = ClickIndex(lookbackHours: 1)
    for minute in 0..<(24 * 60) {
      index.insert(
        id: "C\(minute)", facts: ClickFacts(time: Timestamp(seconds: Int64(minute) * 60)))
      #expect(index.count <= 91)
    }
    #expect(
      index.lookup("C\(24 * 60 - 60)", at: Timestamp(seconds: Int64(24 * 60 - 1) * 60)) != nil)
  }

  @Test func internsRuleSources() {
    var index = ClickIndex(lookbackHours: 1)
    let a = RuleSource(file: "rules/bots/generic.txt", line: 3, pattern: "curl")
    let b = RuleSource(file: "rules/bots/generic.txt", line: 4, pattern: "wget")
    #expect(index.intern(a) == 0)
    #expect(index.intern(b) == 1)
    #expect(index.intern(a) == 0)
    #expect(index.rules[1] == b)
  }
}

@Suite struct DuplicateIndexTests {
  private func contact(_ id: String, day: Int64) -> EarlierContact {
    EarlierContact(id: id, type: .lead, time: Timestamp(seconds: day * 86_400))
  }

  @Test func sameContactWithinTheWindowIsADuplicate() {
    var index = DuplicateIndex(retentionDays: 30)
    let phone = ContactHasher.builtIn.phone(PhoneNumber(national: 5_125_550_123))
    #expect(
      index.check(campaign: "a", keys: [phone], windowDays: 30, record: contact("L1", day: 0))
        == nil)
    let hit = index.check(
      campaign: "a", keys: [phone], windowDays: 30, record: contact("L2", day: 29))
    #expect(hit?.earlier.id == "L1")
    #expect(
      index.check(campaign: "a", keys: [phone], windowDays: 30, record: contact("L3", day: 60))
        == nil)
  }

  @Test func campaignsAreSeparate() {
    var index = DuplicateIndex(retentionDays: 30)
    let email = ContactHasher.builtIn.email(duplicateKey: "ann@example.com")
    _ = index.check(campaign: "a", keys: [email], windowDays: 30, record: contact("L1", day: 0))
    #expect(
      index.check(campaign: "b", keys: [email], windowDays: 30, record: contact("L2", day: 1))
        == nil)
    #expect(
      index.check(campaign: "a", keys: [email], windowDays: 30, record: contact("L3", day: 1))
        != nil)
  }

  @Test func oldEntriesAreSweptOut() {
    var index = DuplicateIndex(retentionDays: 2)
    for day in 0..<100 {
      _ = index.check(
        campaign: "a", keys: [ContactHasher.builtIn.phone(PhoneNumber(national: UInt64(day)))],
        windowDays: 2,
        record: contact("L\(day)", day: Int64(day)))
    }
    #expect(index.count <= 4)
  }

  @Test func sweepingFindsOldEntriesWhateverOrderTheyCameIn() {
    var index = DuplicateIndex(retentionDays: 30)
    let keys = (1...3).map {
      ContactHasher.builtIn.phone(PhoneNumber(national: 5_125_550_100 + $0))
    }
    index.preload(campaign: "a", key: keys[0], earlier: contact("L1", day: 40))
    index.preload(campaign: "b", key: keys[1], earlier: contact("L2", day: 0))
    #expect(index.count == 2)
    // Day 35: the day-0 entry is past the 30-day retention, the day-40 one is not.
    _ = index.check(campaign: "a", keys: [keys[2]], windowDays: 30, record: contact("L3", day: 35))
    #expect(index.count == 2)
    #expect(
      index.check(campaign: "a", keys: [keys[0]], windowDays: 30, record: contact("L4", day: 41))?
        .earlier.id == "L1")
  }

  @Test func preloadedContactsCountAndLaterOnesDoNot() {
    var index = DuplicateIndex(retentionDays: 30)
    let phone = ContactHasher.builtIn.phone(PhoneNumber(national: 5_125_550_123))
    index.preload(campaign: "a", key: phone, earlier: contact("L1", day: 10))
    index.preload(campaign: "a", key: phone, earlier: contact("L9", day: 20))
    // Day 15 sees L1 (day 10), not L9 (day 20, later in time).
    let hit = index.check(
      campaign: "a", keys: [phone], windowDays: 30, record: contact("L5", day: 15))
    #expect(hit?.earlier.id == "L1")
    let later = index.check(
      campaign: "a", keys: [phone], windowDays: 30, record: contact("L6", day: 21))
    #expect(later?.earlier.id == "L9")
    #expect(
      index.check(campaign: "a", keys: [phone], windowDays: 30, record: contact("L0", day: 5))
        == nil)
  }
}

@Suite struct ClickIndexDigestTests {
  @Test func everyRecentClickIsFoundWithItsFactsAcrossGenerations() {
    var index = ClickIndex(lookbackHours: 1)
    // 30,000 clicks over 3 hours: 10,000 an hour, the table grows and turns over.
    for n in 0..<30_000 {
      var facts = ClickFacts(time: Timestamp(milliseconds: Int64(n) * 360))
      facts.burstCount = Int32(n % 1000)
      index.insert(id: "click-\(n)", facts: facts)
    }
    let now = Timestamp(milliseconds: 30_000 * 360)
    for n in stride(from: 20_001, to: 30_000, by: 7) {
      #expect(index.lookup("click-\(n)", at: now)?.burstCount == Int32(n % 1000))
    }
    for n in stride(from: 0, to: 19_000, by: 11) {
      #expect(index.lookup("click-\(n)", at: now) == nil)
    }
    #expect(index.count <= 15_001)
  }

  /// Clicks over five look-backs (so chunks of dropped generations are reused), ids
  /// repeated within and across generations, against a dictionary of the latest facts.
  @Test func agreesWithADictionaryOfTheLatestClicks() {
    var random = SplitMix(seed: 7)
    var index = ClickIndex(lookbackHours: 1)
    var latest: [String: ClickFacts] = [:]
    var time: Int64 = 0
    for n in 0..<60_000 {
      // Busy and quiet stretches: generations of very different sizes.
      time += (n / 5_000) % 2 == 0 ? Int64(random.next() % 60) : Int64(random.next() % 900)
      let id = "C\(random.next() % 40_000)"
      var facts = ClickFacts(time: Timestamp(milliseconds: time))
      facts.botRule = Int32(n % 7) - 1
      facts.datacenterRule = Int32(n % 5) - 1
      facts.burstCount = Int32(n % 3)
      facts.burstBySubnet = n % 2 == 0
      index.insert(id: id, facts: facts)
      latest[id] = facts
      if n % 97 == 0 {
        let probe = "C\(random.next() % 40_000)"
        let now = Timestamp(milliseconds: time)
        let want = latest[probe].flatMap {
          now.milliseconds - $0.time.milliseconds <= 3_600_000 ? $0 : nil
        }
        #expect(index.lookup(probe, at: now) == want, "click \(n)")
      }
    }
    let held = latest.values.filter { time - $0.time.milliseconds <= 3_600_000 }.count
    #expect(index.count >= held)
  }

  @Test func aRepeatedIdKeepsItsLatestFacts() {
    var index = ClickIndex(lookbackHours: 1)
    index.insert(id: "C1", facts: ClickFacts(time: Timestamp(seconds: 10)))
    var later = ClickFacts(time: Timestamp(seconds: 20))
    later.botRule = 3
    index.insert(id: "C1", facts: later)
    #expect(index.count == 1)
    #expect(index.lookup("C1", at: Timestamp(seconds: 30)) == later)
  }
}
