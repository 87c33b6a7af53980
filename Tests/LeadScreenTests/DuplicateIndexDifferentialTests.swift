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

  /// Checks lead `id` of campaign "a" whose one contact is phone number `phone`.
  private static func checkPhone(
    _ index: inout DuplicateIndex, _ phone: Int, id: String, at time: Timestamp, windowDays: Int
  ) -> EarlierContact? {
    index.check(
      campaign: "a", keys: [ContactHasher.builtIn.phone(PhoneNumber(national: UInt64(phone)))],
      windowDays: windowDays, record: EarlierContact(id: id, type: .lead, time: time)
    )?.earlier
  }

  /// In memory only, and with segments of a few entries written to a real file (and
  /// a lag of an hour, so records later than that start segments of their own).
  @Test(arguments: [1, 2, 3, 4], [false, true])
  func agreesWithThePlainDefinition(seed: UInt64, spills: Bool) {
    var random = SplitMix(seed: seed)
    let spill = spills ? DuplicateSpill(file: SpillFile(), entries: Int(3 + seed * 5)) : .off
    var index = DuplicateIndex(retentionDays: 60, spill: spill)
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
    if let file = spill.file {
      #expect(file.writeProblem == nil)
      #expect(file.failure == nil)
      #expect(index.spilledSegments > 10)
      #expect(index.liveCount < index.count / 4)
    } else {
      #expect(index.liveCount == index.count)
    }
  }

  /// Out-of-order records land in buckets already written out: they are found, and
  /// among equal times the one added last still wins.
  @Test func lateRecordsInSealedBucketsAreFound() {
    let spill = DuplicateSpill(file: SpillFile(), entries: 4, lagMilliseconds: 0)
    var index = DuplicateIndex(retentionDays: 8, spill: spill)
    var reference = Reference()
    let hasher = ContactHasher.builtIn
    var random = SplitMix(seed: 9)
    var hits = 0
    for n in 0..<2_000 {
      // Mostly forward in time, a fifth of the records up to two days late.
      let hour = Int64(n) - (random.next() % 5 == 0 ? Int64(random.next() % 48) : 0)
      let keys = [hasher.phone(PhoneNumber(national: 5_125_550_000 + random.next() % 60))]
      let record = EarlierContact(
        id: "L\(n)", type: .lead, time: Timestamp(seconds: max(hour, 0) * 3_600))
      // A 6-day window under 8 days of retention: a record two days late still has its
      // whole window held (retention counts back from the latest record, not this one).
      let got = index.check(campaign: "a", keys: keys, windowDays: 6, record: record)
      let want = reference.check(campaign: "a", keys: keys, windowDays: 6, record: record)
      #expect(got?.earlier == want?.earlier, "record \(n)")
      if want != nil { hits += 1 }
    }
    #expect(hits > 1_000)
    #expect(index.spilledSegments > 20)
  }

  /// With segments written out, memory holds about one segment, however long the window.
  @Test func holdsAboutOneSegmentInMemory() {
    let file = SpillFile()
    var index = DuplicateIndex(retentionDays: 60, spill: DuplicateSpill(file: file, entries: 500))
    // 2,000 contacts a day for 30 days: nothing expires.
    for n in 0..<60_000 {
      let time = Timestamp(milliseconds: Int64(n) * 43_200)
      _ = Self.checkPhone(&index, n, id: "L\(n)", at: time, windowDays: 60)
      #expect(index.liveCount <= 1_000)  // a segment, and the last bucket's rest until the lag
    }
    #expect(index.count == 60_000)
    #expect(file.bytesWritten > 60_000 * 40)
    // Every contact is found again, from disk.
    for n in stride(from: 0, to: 60_000, by: 997) {
      let time = Timestamp(milliseconds: 60_000 * 43_200)
      #expect(Self.checkPhone(&index, n, id: "again", at: time, windowDays: 60)?.id == "L\(n)")
    }
  }

  /// Segments of dropped buckets give their space back; the file goes with the index.
  @Test func droppedSegmentsGiveTheirSpaceBack() {
    let file = SpillFile()
    do {
      var index = DuplicateIndex(retentionDays: 2, spill: DuplicateSpill(file: file, entries: 100))
      let hasher = ContactHasher.builtIn
      for n in 0..<20_000 {
        let record = EarlierContact(
          id: "L\(n)", type: .lead, time: Timestamp(milliseconds: Int64(n) * 86_400))
        _ = index.check(
          campaign: "a", keys: [hasher.email(duplicateKey: "p\(n % 5_000)@example.com")],
          windowDays: 2, record: record)
      }
      // 20 days went by under a 2-day retention: most segments were dropped.
      #expect(file.bytesDiscarded > file.bytesWritten / 2)
      #expect(index.count <= 2_250 + 100)
    }
    #expect(file.bytesDiscarded == file.bytesWritten)
  }

  /// A folder that cannot take the file: everything stays in memory, results unchanged.
  @Test func aFileThatCannotBeWrittenKeepsEverythingInMemory() {
    let file = SpillFile(directory: "/nonexistent/leadscreen")
    var index = DuplicateIndex(retentionDays: 30, spill: DuplicateSpill(file: file, entries: 2))
    for n in 0..<100 {
      let time = Timestamp(seconds: Int64(n) * 60)
      let hit = Self.checkPhone(&index, n % 10, id: "L\(n)", at: time, windowDays: 30)
      #expect(hit?.id == (n < 10 ? nil : "L\(n - 10)"))
    }
    #expect(file.writeProblem?.contains("/nonexistent/leadscreen") == true)
    #expect(index.spilledSegments == 0)
    #expect(index.liveCount == 100)
  }

  @Test func holdsAtMostAnEighthMoreThanTheRetention() {
    var index = DuplicateIndex(retentionDays: 8, spill: .off)
    // 100 contacts a day for 40 days.
    for n in 0..<4_000 {
      let time = Timestamp(milliseconds: Int64(n) * 864_000)
      _ = Self.checkPhone(&index, n, id: "L\(n)", at: time, windowDays: 8)
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
