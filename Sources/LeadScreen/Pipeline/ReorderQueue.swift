/// The reorder buffer of ``ScorePipeline``: elements come nearly in order and leave
/// smallest first.
///
/// Traffic logs are out of order by a little, often: in a generated day 82% of records
/// come after a later one, but 97% belong among the last 50 held. So elements are kept
/// in a ring buffer in order, each put in its place by a short scan back from the end
/// and a move of the few elements after it (predictable branches); one that belongs
/// further back than ``reach`` goes to a heap instead, whose insertion and removal
/// branch unpredictably at every level. The smallest element is the smaller of the two
/// fronts.
///
/// Elements are plain values (`BitwiseCopyable`): the ring is raw memory, copied when
/// a copy of the queue is changed (copy on write, like the standard collections).
struct ReorderQueue<Element: Comparable & BitwiseCopyable> {
  /// How far back from the end of the ring an element is put in its place.
  static var reach: Int { 64 }

  /// ``ringCount`` elements from ``head``, wrapping at the capacity.
  private var ring = RingStorage<Element>(capacity: 64)
  /// The ring's first element's slot, and how many it holds (kept here, not in the
  /// class: a class's stored `var`s are checked for exclusive access at run time).
  private var head = 0
  private var ringCount = 0
  private var heap = QuaternaryHeap<Element>()

  var count: Int { ringCount + heap.count }

  /// Elements held in the heap (they belonged further back than ``reach``).
  var heapCount: Int { heap.count }

  mutating func insert(_ element: Element) {
    if !isKnownUniquelyReferenced(&ring) { reallocate(capacity: ring.capacity) }
    if ringCount == ring.capacity { reallocate(capacity: ring.capacity * 2) }
    let slots = ring.slots
    let mask = ring.capacity - 1
    let head = head
    let count = ringCount
    var position = count
    let stop = Swift.max(0, count - Self.reach)
    // Positions wrap with `&` (no overflow checks in the scan and the move).
    while position > stop, element < slots[(head &+ position &- 1) & mask] { position &-= 1 }
    if position == stop, position > 0, element < slots[(head &+ position &- 1) & mask] {
      heap.insert(element)
      return
    }
    var index = count
    while index > position {
      slots[(head &+ index) & mask] = slots[(head &+ index &- 1) & mask]
      index &-= 1
    }
    slots[(head &+ position) & mask] = element
    ringCount = count &+ 1
  }

  /// Moves the ring's elements to a new ring of `capacity` slots, from slot 0.
  private mutating func reallocate(capacity: Int) {
    let new = RingStorage<Element>(capacity: capacity)
    let mask = ring.capacity - 1
    for index in 0..<ringCount { new.slots[index] = ring.slots[(head + index) & mask] }
    ring = new
    head = 0
  }

  /// The smallest element, if any.
  @inline(__always)
  var min: Element? {
    guard let first = ringFront else { return heap.min }
    guard let top = heap.min else { return first }
    return top < first ? top : first
  }

  /// The ring's second element, if any: usually the second smallest (for a prefetch
  /// hint; the heap is not looked at).
  @inline(__always)
  var second: Element? { ringCount > 1 ? ring.slots[(head &+ 1) & (ring.capacity &- 1)] : nil }

  /// Removes the smallest element (the queue must not be empty).
  @inline(__always)
  mutating func removeMin() {
    if let first = ringFront, !(heap.min.map { $0 < first } ?? false) {
      head = (head + 1) & (ring.capacity - 1)
      ringCount -= 1
    } else {
      heap.removeMin()
    }
  }

  /// The ring's first (smallest) element, if any.
  @inline(__always)
  private var ringFront: Element? { ringCount > 0 ? ring.slots[head] : nil }

}
