import Testing

@testable import LeadScreen

/// ``ReorderQueue`` against sorting: elements put in at any distance from their place
/// (in the queue's reach, beyond it, ties) leave smallest first.
@Suite struct ReorderQueueTests {
  /// Keys nearly in order: each is its position, moved back by up to `spread`
  /// (and a few by far more), with ties.
  static func nearlySorted(count: Int, spread: Int, seed: UInt64) -> [Int] {
    var random = SplitMix(seed: seed)
    return (0..<count).map { position in
      let far = random.next() % 50 == 0 ? Int(random.next() % 2_000) : 0
      return (position - Int(random.next() % UInt64(spread + 1)) - far) / 2 * 2
    }
  }

  @Test(arguments: [(1, 3), (2, 40), (3, 200), (4, 0)] as [(UInt64, Int)])
  func givesElementsBackInOrder(seed: UInt64, spread: Int) {
    let keys = Self.nearlySorted(count: 20_000, spread: spread, seed: seed)
    var queue = ReorderQueue<Int>()
    var reference: [Int] = []  // sorted, the elements held
    var out: [Int] = []
    var random = SplitMix(seed: seed &* 7)
    var mostInHeap = 0
    for key in keys {
      queue.insert(key)
      mostInHeap = max(mostInHeap, queue.heapCount)
      reference.insert(key, at: reference.firstIndex { $0 > key } ?? reference.count)
      // Hold a few hundred, like a reorder window; sometimes drain further.
      while queue.count > 300 || (random.next() % 100 == 0 && queue.count > 0) {
        #expect(queue.min == reference.first)
        out.append(queue.min!)
        queue.removeMin()
        reference.removeFirst()
      }
      #expect(queue.count == reference.count)
    }
    while let smallest = queue.min {
      out.append(smallest)
      queue.removeMin()
    }
    #expect(queue.count == 0)
    #expect(out.count == keys.count)
    #expect(out.sorted() == keys.sorted())
    // Some keys belong far back (2% move by up to 2,000): those went to the heap.
    #expect(mostInHeap > 0)
  }

  /// Keys no further than the reach from their place never use the heap.
  @Test func nearKeysStayInTheQueue() {
    var random = SplitMix(seed: 5)
    var queue = ReorderQueue<Int>()
    var out: [Int] = []
    for position in 0..<10_000 {
      queue.insert(position * 100 - Int(random.next() % UInt64(ReorderQueue<Int>.reach - 1)) * 100)
      #expect(queue.heapCount == 0)
      if queue.count > 500 {
        out.append(queue.min!)
        queue.removeMin()
      }
    }
    while let smallest = queue.min {
      out.append(smallest)
      queue.removeMin()
    }
    #expect(out == out.sorted())
    #expect(out.count == 10_000)
  }
}
