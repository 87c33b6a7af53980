import Testing

@testable import LeadScreen

/// ``DuplicateIndex`` (time buckets, flat arrays) against the plain definition of a
/// duplicate: the latest earlier entry of the same campaign and key at or before the
/// record's time (the one added last among equal times), if inside the window.
@Suite struct DuplicateIndexDifferentialTests {
  private struct Entry {
    var campaign: String
    var key: ContactKey
    var contact: EarlierContact
  }

  /// Everything ever added, searched in full.
  private struct Reference {
    var entries: [Entry] = []

    mutating func check(
      campaign: String, keys: [ContactKey], windowDays: Int, record: EarlierContact
    ) -> (key: ContactKey, earlier: EarlierContact)? {
      var found: (key: ContactKey, earlier: EarlierContact)?
      for key in keys where found == nil {
        let candidates = entries.filter {
          $0.campaign == campaign && $0.key == key && $0.contact.time <= record.time
        }
        let newest = candidates.map(\.contact.time).max()
        let earlier = candidates.last { $0.contact.time == newest }
        if let earlier,
          record.time.milliseconds - earlier.contact.time.milliseconds
            <= Int64(windowDays) * 86_400_000
        {
          found = (key, earlier.contact)
        }
      }
      for key in keys { entries.append(Entry(campaign: campaign, key: key, contact: record)) }
      return found
    }
  }

  private static let campaigns = [("a", 30), ("b", 60), ("c", 1)]

  @Test(arguments: [1, 2, 3, 4])
  func agreesWithThePlainDefinition(seed: UInt64) {
    var random = SplitMix(seed: seed)
    var index = DuplicateIndex(retentionDays: 60)
    var reference = Reference()
    let hasher = ContactHasher.builtIn
    // Preloaded contacts of an earlier run, in no particular order, some at equal times.
    for n in 0..<300 {
      let (campaign, _) = Self.campaigns[Int(random.next() % 3)]
      let key = hasher.phone(PhoneNumber(national: 5_125_550_000 + random.next() % 200))
      let time = Timestamp(seconds: -Int64(random.next() % (90 * 24)) * 3_600)
      let contact = EarlierContact(id: "P\(n)", type: .call, time: time)
      index.preload(campaign: campaign, key: key, earlier: contact)
      reference.entries.append(Entry(campaign: campaign, key: key, contact: contact))
    }
    // 200 days of leads and calls in time order (some share a second), few distinct contacts.
    var seconds: Int64 = 0
    var hits = 0
    for n in 0..<3_000 {
      seconds += Int64(random.next() % 11_520)
      let (campaign, window) = Self.campaigns[Int(random.next() % 3)]
      var keys: [ContactKey] = []
      if random.next() % 4 != 0 {
        keys.append(hasher.phone(PhoneNumber(national: 5_125_550_000 + random.next() % 200)))
      }
      if random.next() % 3 != 0 {
        keys.append(hasher.email(duplicateKey: "person\(random.next() % 300)@example.com"))
      }
      let record = EarlierContact(
        id: "L\(n)-\(String(repeating: "x", count: Int(random.next() % 40)))",
        type: n % 2 == 0 ? .lead : .call, time: Timestamp(seconds: seconds))
      let got = index.check(campaign: campaign, keys: keys, windowDays: window, record: record)
      let want = reference.check(
        campaign: campaign, keys: keys, windowDays: window, record: record)
      #expect(got?.key == want?.key, "record \(n)")
      #expect(got?.earlier == want?.earlier, "record \(n)")
      if want != nil { hits += 1 }
    }
    // The stream must exercise both outcomes for the comparison to mean something.
    #expect(hits > 300)
    #expect(hits < 2_900)
  }

  @Test func holdsAtMostAnEighthMoreThanTheRetention() {
    var index = DuplicateIndex(retentionDays: 8)
    let hasher = ContactHasher.builtIn
    // 100 contacts a day for 40 days.
    for n in 0..<4_000 {
      let record = EarlierContact(
        id: "L\(n)", type: .lead, time: Timestamp(milliseconds: Int64(n) * 864_000))
      _ = index.check(
        campaign: "a", keys: [hasher.phone(PhoneNumber(national: UInt64(n)))], windowDays: 8,
        record: record)
      if n >= 900 { #expect(index.count <= 901) }
    }
    #expect(index.count >= 800)
  }

  @Test func idsOfEveryLengthComeBackWhole() {
    var index = DuplicateIndex(retentionDays: 30)
    let hasher = ContactHasher.builtIn
    let ids = ["", "a", "ü-lead-✓", String(repeating: "9", count: 300), "L1"]
    for (n, id) in ids.enumerated() {
      _ = index.check(
        campaign: "a", keys: [hasher.email(duplicateKey: "x\(n)@example.com")], windowDays: 30,
        record: EarlierContact(id: id, type: .lead, time: Timestamp(seconds: Int64(n))))
    }
    for (n, id) in ids.enumerated() {
      let hit = index.check(
        campaign: "a", keys: [hasher.email(duplicateKey: "x\(n)@example.com")], windowDays: 30,
        record: EarlierContact(id: "again", type: .call, time: Timestamp(seconds: 100)))
      let want = EarlierContact(id: id, type: .lead, time: Timestamp(seconds: Int64(n)))
      #expect(hit?.earlier == want)
    }
  }
}
