import Testing

@testable import LeadScreen

/// The flat tables of the click state against the standard library's dictionary.
@Suite struct CountTableTests {
  @Test(arguments: [3, 50, 5_000])
  func matchesADictionaryUnderChurn(keys: Int) {
    var random = SplitMix(seed: UInt64(keys))
    var table = CountTable(capacity: 4)
    var reference: [FlatKey: Int32] = [:]
    for step in 0..<60_000 {
      let value = Int(random.next() % UInt64(keys))
      // Keys of every kind, including an IPv4 and an IPv6 address with equal low words.
      let key: FlatKey
      switch value % 3 {
      case 0: key = IPAddress.v4(UInt32(value)).flatKey
      case 1: key = IPAddress.v6(UInt128(value)).flatKey
      default: key = value.flatKey
      }
      if random.next() % 3 == 0, reference[key] != nil {
        table.decrement(key)
        reference[key]! -= 1
        if reference[key] == 0 { reference[key] = nil }
      } else {
        #expect(table.increment(key) == reference[key, default: 0] + 1)
        reference[key, default: 0] += 1
      }
      if step % 997 == 0 {
        #expect(table.count == reference.count)
        for (key, count) in reference { #expect(table.count(of: key) == count) }
      }
    }
    for (key, count) in reference { #expect(table.count(of: key) == count) }
    // Taking every key down to zero empties the table, and absent keys read as 0.
    for (key, count) in reference {
      for _ in 0..<count { table.decrement(key) }
    }
    #expect(table.count == 0)
    #expect(table.count(of: IPAddress.v4(1).flatKey) == 0)
  }

  @Test func aCopyIsIndependent() {
    var table = CountTable()
    let key = IPAddress.v4(0x0A00_0001).flatKey
    _ = table.increment(key)
    var copy = table
    _ = copy.increment(key)
    copy.decrement(key)
    copy.decrement(key)
    #expect(table.count(of: key) == 1)
    #expect(copy.count(of: key) == 0)
  }

  @Test func addressFamiliesAndNetworksNeverShareAKey() {
    let v4 = IPAddress.v4(0x0A00_0001)
    let mapped = IPAddress.v6(0xFFFF_0A00_0001)
    #expect(v4.flatKey != mapped.flatKey)
    #expect(v4.flatKey != 0x0A00_0001.flatKey)
    #expect(v4.subnet.flatKey == IPAddress.v4(0x0A00_00FE).subnet.flatKey)
  }

  @Test func identifierDigestsDifferForNearIdentifiers() {
    var seen = Set<FlatKey>()
    for index in 0..<200_000 { seen.insert(IdentifierDigest.key("C\(index)")) }
    for length in 0..<40 {
      seen.insert(IdentifierDigest.key(String(repeating: "a", count: length)))
    }
    #expect(seen.count == 200_040)
    #expect(IdentifierDigest.key("C000000001") == IdentifierDigest.key("C000000001"))
  }
}

@Suite struct NarrowCountTableTests {
  @Test(arguments: [2, 40, 3_000])
  func matchesADictionaryUnderChurn(keys: Int) {
    var random = SplitMix(seed: UInt64(keys) &+ 11)
    var table = NarrowCountTable(capacity: 2)
    var reference: [UInt32: Int32] = [:]
    for step in 0..<60_000 {
      // Address 0 and the top of the range included: no key value is reserved.
      let key = UInt32(truncatingIfNeeded: random.next() % UInt64(keys)) &* 0x0101_0101
      if random.next() % 3 == 0, reference[key] != nil {
        table.decrement(key)
        reference[key]! -= 1
        if reference[key] == 0 { reference[key] = nil }
      } else {
        #expect(table.increment(key) == reference[key, default: 0] + 1)
        reference[key, default: 0] += 1
      }
      if step % 1_009 == 0 {
        #expect(table.count == reference.count)
        for (key, count) in reference { #expect(table.count(of: key) == count) }
      }
    }
    for (key, count) in reference {
      for _ in 0..<count { table.decrement(key) }
    }
    #expect(table.count == 0)
  }
}
