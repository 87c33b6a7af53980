/// Finds, in one pass over a subject, every occurrence of a set of byte strings,
/// ASCII-case-insensitively: an Aho–Corasick automaton over lower-cased bytes, as a
/// dense transition table over byte classes (bytes that occur in no literal share one).
struct LiteralPrefilter: Sendable {
  /// Flag in a transition target: the target state has outputs.
  static let outputFlag: UInt32 = 0x8000_0000

  /// Byte -> class of its lower-cased form (0: in no literal).
  private let byteClass: [UInt8]
  let classCount: Int
  /// state * classCount + class -> next state (| outputFlag when it has outputs): 16-bit
  /// entries when the states fit (half the memory, fewer cache misses), else 32-bit.
  private let transitions: [UInt32]
  private let narrowTransitions: [UInt16]
  /// Outputs of state s: values[outputStart[s] ..< outputStart[s + 1]].
  private let outputStart: [Int32]
  private let outputValues: [Int32]

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

    // The trie.
    var children: [[Int32]] = [[Int32](repeating: -1, count: count)]
    var outputs: [[Int32]] = [[]]
    for (bytes, value) in lowered {
      var state = 0
      for byte in bytes {
        let cls = Int(classes[Int(byte)])
        if children[state][cls] < 0 {
          children[state][cls] = Int32(children.count)
          children.append([Int32](repeating: -1, count: count))
          outputs.append([])
        }
        state = Int(children[state][cls])
      }
      outputs[state].append(value)
    }
    // Failure links in breadth-first order; the dense table follows them.
    var fail = [Int](repeating: 0, count: children.count)
    var table = [UInt32](repeating: 0, count: children.count * count)
    var queue: [Int] = []
    for cls in 0..<count {
      let child = children[0][cls]
      if child >= 0 {
        queue.append(Int(child))
        table[cls] = UInt32(child)
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      outputs[state] += outputs[fail[state]]
      for cls in 0..<count {
        let child = children[state][cls]
        if child >= 0 {
          fail[Int(child)] = Int(table[fail[state] * count + cls])
          table[state * count + cls] = UInt32(child)
          queue.append(Int(child))
        } else {
          table[state * count + cls] = table[fail[state] * count + cls]
        }
      }
    }
    var starts: [Int32] = [0]
    var values: [Int32] = []
    for list in outputs {
      values += Set(list).sorted()
      starts.append(Int32(values.count))
    }
    for index in table.indices where !outputs[Int(table[index])].isEmpty {
      table[index] |= Self.outputFlag
    }
    if children.count < 0x8000 {
      narrowTransitions = table.map { entry in
        UInt16(entry & ~Self.outputFlag) | (entry & Self.outputFlag != 0 ? 0x8000 : 0)
      }
      transitions = []
    } else {
      narrowTransitions = []
      transitions = table
    }
    outputStart = starts
    outputValues = values
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
