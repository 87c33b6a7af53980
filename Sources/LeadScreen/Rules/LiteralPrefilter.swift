/// Finds, in one pass over a subject, every occurrence of a set of byte strings,
/// ASCII-case-insensitively: an Aho–Corasick automaton over lower-cased bytes, as a
/// dense transition table over byte classes (bytes that occur in no literal share one).
struct LiteralPrefilter: Sendable {
  /// Flag in a transition target: the target state has outputs.
  static let outputFlag: UInt32 = 0x8000_0000

  /// Byte -> class of its lower-cased form (0: in no literal).
  let byteClass: [UInt8]
  let classCount: Int
  /// state * classCount + class -> next state (| outputFlag when it has outputs): 16-bit
  /// entries when the states fit (half the memory, fewer cache misses), else 32-bit.
  let transitions: [UInt32]
  let narrowTransitions: [UInt16]
  /// Outputs of state s: values[outputStart[s] ..< outputStart[s + 1]].
  let outputStart: [Int32]
  let outputValues: [Int32]

  /// The number of automaton states (for tests and statistics).
  var stateCount: Int { outputStart.count - 1 }

  /// - Parameter literals: (bytes, value) pairs; bytes are lower-cased here. A scan
  ///   reports `value` wherever `bytes` ends in the subject. Empty literals are ignored.
  init(literals: [(bytes: [UInt8], value: Int32)]) {
    let lowered = literals.map { (Self.lowered($0.bytes), $0.value) }.filter { !$0.0.isEmpty }
    var classes = [UInt8](repeating: 0, count: 256)
    var used = [Bool](repeating: false, count: 256)
    for (bytes, _) in lowered { for byte in bytes { used[Int(byte)] = true } }
    var count = 1
    for byte in 0..<256 where used[byte] {
      classes[byte] = UInt8(count)
      count += 1
    }
    for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") {
      classes[Int(upper)] = classes[Int(upper | 0x20)]
    }
    byteClass = classes
    classCount = count

    // Built in 16-bit entries when the states surely fit (a state per literal byte at
    // most), else in 32-bit ones, narrowed after when they turn out to fit.
    let bound = 1 + lowered.reduce(0) { $0 + $1.0.count }
    if bound < 0x8000 {
      let built = Self.automaton(lowered, classes: classes, classCount: count, flag: UInt16(0x8000))
      (narrowTransitions, transitions) = (built.table, [])
      (outputStart, outputValues) = (built.starts, built.values)
    } else {
      let built = Self.automaton(
        lowered, classes: classes, classCount: count, flag: Self.outputFlag)
      if built.starts.count - 1 < 0x8000 {
        narrowTransitions = built.table.map { entry in
          UInt16(truncatingIfNeeded: entry & ~Self.outputFlag)
            | (entry & Self.outputFlag != 0 ? 0x8000 : 0)
        }
        transitions = []
      } else {
        (narrowTransitions, transitions) = ([], built.table)
      }
      (outputStart, outputValues) = (built.starts, built.values)
    }
  }

  /// The Aho–Corasick automaton as a dense table: state * classCount + class -> next
  /// state, with `flag` set when that state has outputs (the states stay below `flag`);
  /// and the outputs of state s, values[starts[s] ..< starts[s + 1]], each once, in
  /// increasing order.
  private static func automaton<Entry: FixedWidthInteger & UnsignedInteger>(
    _ lowered: [([UInt8], Int32)], classes: [UInt8], classCount count: Int, flag: Entry
  ) -> (table: [Entry], starts: [Int32], values: [Int32]) {
    // The trie, built in the table itself: `none` where a state has no child (yet). Its
    // edges are kept apart too: a state has one or two children where it has dozens of
    // classes, and the rows are filled below without testing each entry.
    let none = Entry.max
    var table = [Entry](repeating: none, count: count)
    table.reserveCapacity((1 + lowered.reduce(0) { $0 + $1.0.count }) * count)
    var outputs: [[Int32]] = [[]]
    // (class, child) of every trie edge, in the order the children were made.
    var edges: [(cls: Int, child: Int)] = []
    // State s's edges: `edges[firstEdge[s]]`, then on through `nextEdge` (-1: no more).
    var firstEdge = [Int](repeating: -1, count: 1)
    var nextEdge: [Int] = []
    for (bytes, value) in lowered {
      var state = 0
      for byte in bytes {
        let cls = Int(classes[Int(byte)])
        let slot = state * count + cls
        if table[slot] == none {
          table[slot] = Entry(outputs.count)
          table.append(contentsOf: repeatElement(none, count: count))
          edges.append((cls, outputs.count))
          nextEdge.append(firstEdge[state])
          firstEdge[state] = edges.count - 1
          firstEdge.append(-1)
          outputs.append([])
        }
        state = Int(table[slot])
      }
      outputs[state].append(value)
    }
    // Failure links in breadth-first order: a state's row is its failure state's row
    // (complete, being nearer the root) with its own children put back in.
    var fail = [Int](repeating: 0, count: outputs.count)
    var hasOutputs = [Bool](repeating: false, count: outputs.count)
    var queue: [Int] = []
    queue.reserveCapacity(outputs.count)
    table.withUnsafeMutableBufferPointer { table in
      for cls in 0..<count {
        if table[cls] == none {
          table[cls] = 0
        } else {
          let child = Int(table[cls])
          queue.append(child)
          hasOutputs[child] = !outputs[child].isEmpty
          if hasOutputs[child] { table[cls] |= flag }
        }
      }
      var head = 0
      while head < queue.count {
        let state = queue[head]
        head += 1
        if !outputs[fail[state]].isEmpty { outputs[state] += outputs[fail[state]] }
        let row = table.baseAddress! + state * count
        let failRow = table.baseAddress! + fail[state] * count
        row.update(from: failRow, count: count)
        var edge = firstEdge[state]
        while edge >= 0 {
          let (cls, child) = edges[edge]
          // The child's outputs will be its own and its failure state's, and whether
          // that state has any was settled when it was queued (it is nearer the root, so
          // it was queued before), so the child's entry's flag is known now.
          let childFail = Int(failRow[cls] & ~flag)
          fail[child] = childFail
          hasOutputs[child] = !outputs[child].isEmpty || hasOutputs[childFail]
          row[cls] = Entry(child) | (hasOutputs[child] ? flag : 0)
          queue.append(child)
          edge = nextEdge[edge]
        }
      }
    }
    var starts: [Int32] = [0]
    starts.reserveCapacity(outputs.count + 1)
    var values: [Int32] = []
    for list in outputs {
      if !list.isEmpty {
        let first = values.count
        for value in list.sorted() where values.count == first || values.last != value {
          values.append(value)
        }
      }
      starts.append(Int32(values.count))
    }
    return (table, starts, values)
  }

  /// Calls `report(value, end)` for every literal occurrence, `end` being the index just
  /// past its last byte. Stops early when `report` returns false.
  @inline(__always)
  func scan(_ subject: UnsafeRawBufferPointer, _ report: (Int32, Int) -> Bool) {
    if transitions.isEmpty {
      narrowTransitions.withUnsafeBufferPointer { scan(subject, table: $0, flag: 0x8000, report) }
    } else {
      transitions.withUnsafeBufferPointer {
        scan(subject, table: $0, flag: Self.outputFlag, report)
      }
    }
  }

  @inline(__always)
  private func scan<Entry: FixedWidthInteger & UnsignedInteger>(
    _ subject: UnsafeRawBufferPointer, table: UnsafeBufferPointer<Entry>, flag: Entry,
    _ report: (Int32, Int) -> Bool
  ) {
    let count = classCount
    byteClass.withUnsafeBufferPointer { classes in
      outputStart.withUnsafeBufferPointer { starts in
        var state = 0
        for position in 0..<subject.count {
          let next = table[state &* count &+ Int(classes[Int(subject[position])])]
          state = Int(next & ~flag)
          if next & flag != 0 {
            for slot in Int(starts[state])..<Int(starts[state + 1]) {
              if !report(outputValues[slot], position + 1) { return }
            }
          }
        }
      }
    }
  }

  static func lowered(_ bytes: [UInt8]) -> [UInt8] {
    bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
  }
}
