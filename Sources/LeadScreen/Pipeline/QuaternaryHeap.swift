/// A min-heap with four children a node, in one flat array: what the reorder buffer
/// of ``ScorePipeline`` needs (insert, min, remove min) and nothing else.
///
/// swift-collections' `Heap` is a min-max heap (both ends), whose removal compares
/// children and grandchildren; the plain four-way heap is half as deep. Only records
/// that belong more than ``ReorderQueue/reach`` places back come here (see
/// ``ReorderQueue``).
struct QuaternaryHeap<Element: Comparable> {
  private var storage: [Element] = []

  var count: Int { storage.count }
  var min: Element? { storage.first }

  mutating func insert(_ element: Element) {
    storage.append(element)
    storage.withUnsafeMutableBufferPointer { heap in
      var child = heap.count - 1
      while child > 0 {
        let parent = (child - 1) >> 2
        guard element < heap[parent] else { break }
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = element
    }
  }

  /// Removes the smallest element (the heap must not be empty).
  mutating func removeMin() {
    let last = storage.removeLast()
    guard !storage.isEmpty else { return }
    storage.withUnsafeMutableBufferPointer { heap in
      let count = heap.count
      var parent = 0
      while true {
        let first = 4 * parent + 1
        guard first < count else { break }
        var smallest = first
        let end = Swift.min(first + 4, count)
        var child = first + 1
        while child < end {
          if heap[child] < heap[smallest] { smallest = child }
          child += 1
        }
        guard heap[smallest] < last else { break }
        heap[parent] = heap[smallest]
        parent = smallest
      }
      heap[parent] = last
    }
  }
}
