import Testing

@testable import LeadScreen

/// ``KeyFilter``: never a false "no", and few false "maybe"s at its capacity.
@Suite struct KeyFilterTests {
  @Test(arguments: [1_000, 50_000])
  func noFalseNegativesAndFewFalsePositives(keys: Int) {
    var random = SplitMix(seed: UInt64(keys))
    var filter = KeyFilter(capacity: keys)
    var inserted: [(UInt64, UInt64, UInt32)] = []
    for _ in 0..<keys {
      let key = (random.next(), random.next(), UInt32(random.next() % 16))
      filter.insert(key.0, key.1, key.2)
      inserted.append(key)
    }
    #expect(inserted.allSatisfy { filter.mayContain($0.0, $0.1, $0.2) })
    var maybes = 0
    let probes = 100_000
    for _ in 0..<probes where filter.mayContain(random.next(), random.next(), 3) { maybes += 1 }
    // About 0.5% at 12 bits a key; 2% would mean the bits are correlated.
    #expect(Double(maybes) / Double(probes) < 0.02)
    // Same digest, another campaign or kind: a different key.
    let (high, low, tag) = inserted[0]
    var others = 0
    for other in UInt32(100)..<UInt32(10_100) where filter.mayContain(high, low, other ^ tag) {
      others += 1
    }
    #expect(others < 200)
  }

  @Test func anEmptyFilterSaysNo() {
    let filter = KeyFilter()
    #expect(!filter.mayContain(1, 2, 3))
    #expect(KeyFilter(capacity: 10).mayContain(1, 2, 3) == false)
  }
}
