import Testing

@testable import LeadScreen

/// ``QuaternaryHeap`` against sorting: any mix of inserts and removals gives the
/// elements back smallest first, duplicates included.
@Suite struct QuaternaryHeapTests {
  @Test(arguments: [1, 2, 3])
  func givesElementsBackInOrder(seed: UInt64) {
    var random = SplitMix(seed: seed)
    var heap = QuaternaryHeap<Int>()
    var reference: [Int] = []
    for step in 0..<20_000 {
      // Grows for a while, then drains: sizes from 0 to a few thousand.
      let inserting = step % 4_000 < 2_500 ? random.next() % 3 != 0 : random.next() % 3 == 0
      if inserting || reference.isEmpty {
        let value = Int(random.next() % 500)
        heap.insert(value)
        reference.append(value)
      } else {
        let smallest = reference.min()!
        #expect(heap.min == smallest)
        heap.removeMin()
        reference.remove(at: reference.firstIndex(of: smallest)!)
      }
      #expect(heap.count == reference.count)
    }
    while let smallest = reference.min() {
      #expect(heap.min == smallest)
      heap.removeMin()
      reference.remove(at: reference.firstIndex(of: smallest)!)
    }
    #expect(heap.min == nil)
  }
}
