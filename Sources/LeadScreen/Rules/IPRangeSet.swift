/// Sets of IP ranges (hosting and cloud networks) loaded from CIDR lists, with
/// O(log n) lookup: sorted, disjoint intervals per family, each keeping its source.
public final class IPRangeSet: Sendable {
  /// Disjoint IPv4 intervals sorted by start, and the source of each.
  private let v4Starts: [UInt32]
  private let v4Ends: [UInt32]
  private let v4Sources: [Int32]
  /// For each /16 prefix p (and 65,536 past the end), the first IPv4 range starting at
  /// or after p.0.0: a look-up searches only the ranges starting in its own /16.
  private let v4Firsts: [UInt32]
  private let v6Starts: [UInt128]
  private let v6Ends: [UInt128]
  private let v6Sources: [Int32]
  private let origins: RangeOrigins

  /// The number of CIDR lines read (before nested ranges are folded together).
  public var rangeCount: Int { origins.count }

  /// Loads every `*.txt` in `directory`, or the file itself when `directory` is a file.
  public convenience init(directory: String) throws(RuleFileError) {
    if RuleFileReader.isDirectory(directory) {
      try self.init(files: try RuleFileReader.textFiles(in: directory))
    } else {
      try self.init(files: [directory])
    }
  }

  /// Loads the files: one CIDR a line (`10.0.0.0/8`, `2600:1f00::/24`; a bare address is
  /// a single host), `#` comments and blank lines. Host bits set past the prefix are
  /// cleared. A bad line is an error naming file:line:column.
  public init(files: [String]) throws(RuleFileError) {
    let parsed = try Self.parse(files: files)
    origins = parsed.origins
    (v4Starts, v4Ends, v4Sources) = Self.disjoint(parsed.v4)
    (v6Starts, v6Ends, v6Sources) = Self.disjoint(parsed.v6)
    var firsts = [UInt32](repeating: 0, count: 65_537)
    var slot = 0
    for prefix in 0...65_536 {
      while slot < v4Starts.count, Int(v4Starts[slot] >> 16) < prefix { slot += 1 }
      firsts[prefix] = UInt32(slot)
    }
    v4Firsts = firsts
  }

  /// The CIDR lines of the files as read: every line's origin, and its interval with
  /// the index of its origin, per family.
  struct Parsed {
    var origins = RangeOrigins()
    var v4: [(start: UInt32, end: UInt32, source: Int32)] = []
    var v6: [(start: UInt128, end: UInt128, source: Int32)] = []

    /// Every line's source, in line order.
    var sources: [RuleSource] { (0..<origins.count).map { origins.source(at: $0) } }
  }

  /// Reads the files (see ``init(files:)``).
  static func parse(files: [String]) throws(RuleFileError) -> Parsed {
    var parsed = Parsed()
    for file in files {
      let text = try RuleFileReader.text(of: file)
      guard text.count <= Int(UInt32.max) else {
        throw RuleFileError(file: file, line: 0, column: 0, message: "file over 4 GB")
      }
      let fileIndex = UInt32(parsed.origins.files.count)
      // About 16 bytes a line: room for every line, so the arrays are not copied as they grow.
      parsed.origins.lines.reserveCapacity(parsed.origins.count + text.count / 12)
      parsed.v4.reserveCapacity(parsed.v4.count + text.count / 12)
      let failure = text.withUnsafeBytes { whole -> RuleFileError? in
        do throws(RuleFileError) {
          try RuleFileReader.forEachRuleLine(in: whole) { line throws(RuleFileError) in
            let (body, cidr): (Range<Int>, CIDR)
            if line.isASCII, let plain = CIDR.plainIPv4(line.bytes) {
              (body, cidr) = plain
            } else {
              body = cidrText(line)
              do throws(CIDRError) {
                cidr = try CIDR(bytes: line[body])
              } catch {
                throw RuleFileError(
                  file: file, line: line.number, column: body.lowerBound + error.offset + 1,
                  message: "\(error.message) in `\(String(decoding: line[body], as: UTF8.self))`")
              }
            }
            let index = Int32(parsed.origins.count)
            let offset = line.bytes.baseAddress! - whole.baseAddress!
            parsed.origins.lines.append(
              RangeOrigins.Line(
                file: fileIndex, number: UInt32(truncatingIfNeeded: line.number),
                start: UInt32(offset + body.lowerBound), count: UInt32(body.count)))
            switch cidr {
            case .v4(let start, let end): parsed.v4.append((start, end, index))
            case .v6(let start, let end): parsed.v6.append((start, end, index))
            }
          }
          return nil
        } catch {
          return error
        }
      }
      if let failure { throw failure }
      parsed.origins.files.append(file)
      parsed.origins.texts.append(text)
    }
    return parsed
  }

  /// Where the CIDR is in a rule line: after leading spaces and tabs, before a `#`
  /// comment and trailing spaces and tabs.
  static func cidrText(_ line: RuleFileReader.RawLine) -> Range<Int> {
    let bytes = line.bytes
    guard line.isASCII else {
      // The same on characters (a space or `#` with a combining mark is not one).
      let text = line.text
      let leading = text.prefix { $0 == " " || $0 == "\t" }.utf8.count
      var body = Substring(text).dropFirst(leading)
      if let hash = body.firstIndex(of: "#") { body = body[..<hash] }
      while let last = body.last, last == " " || last == "\t" { body = body.dropLast() }
      return leading..<leading + body.utf8.count
    }
    var start = 0
    while start < bytes.count && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    var end = start
    while end < bytes.count && bytes[end] != UInt8(ascii: "#") { end += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return start..<end
  }

  /// The range containing `ip`, or nil; `pattern` is the CIDR text. An IPv4-mapped IPv6
  /// address not in an IPv6 range is looked up as its IPv4 address.
  public func lookup(_ ip: IPAddress) -> RuleSource? {
    source(at: lookupIndex(ip))
  }

  /// The index of the range containing `ip` (see ``source(at:)``), or -1.
  public func lookupIndex(_ ip: IPAddress) -> Int32 {
    switch ip {
    case .v4(let address):
      // The last range starting at or before the address: among those starting in its
      // /16, else the one before them.
      let prefix = Int(address >> 16)
      var low = Int(v4Firsts[prefix])
      var high = Int(v4Firsts[prefix + 1])
      while low < high {
        let middle = (low + high) / 2
        if v4Starts[middle] <= address { low = middle + 1 } else { high = middle }
      }
      let slot = low - 1
      guard slot >= 0, address <= v4Ends[slot] else { return -1 }
      return v4Sources[slot]
    case .v6(let address):
      let slot = Self.search(v6Starts, address)
      if slot >= 0, address <= v6Ends[slot] { return v6Sources[slot] }
      // An IPv4-mapped address (::ffff:a.b.c.d) is also looked up as IPv4.
      if address >> 32 == 0xFFFF { return lookupIndex(.v4(UInt32(truncatingIfNeeded: address))) }
      return -1
    }
  }

  /// The range a ``lookupIndex(_:)`` result names, or nil for -1.
  public func source(at index: Int32) -> RuleSource? {
    index >= 0 ? origins.source(at: Int(index)) : nil
  }

  /// The index of the last start <= value, or -1.
  private static func search<T: Comparable>(_ starts: [T], _ value: T) -> Int {
    var low = 0
    var high = starts.count
    while low < high {
      let middle = (low + high) / 2
      if starts[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low - 1
  }

  /// CIDR blocks nest or are disjoint: sorted by start and then widest first, a block
  /// inside the previous kept one adds nothing, so what remains is disjoint.
  private static func disjoint<T: FixedWidthInteger>(
    _ ranges: [(start: T, end: T, source: Int32)]
  ) -> ([T], [T], [Int32]) {
    let sorted = ranges.sorted {
      $0.start != $1.start
        ? $0.start < $1.start : ($0.end != $1.end ? $0.end > $1.end : $0.source < $1.source)
    }
    var starts: [T] = []
    var ends: [T] = []
    var owners: [Int32] = []
    for range in sorted {
      if let lastEnd = ends.last, range.start <= lastEnd {
        if range.end <= lastEnd { continue }
        // Not possible for CIDR blocks; keep the remainder to stay disjoint anyway.
        starts.append(lastEnd + 1)
      } else {
        starts.append(range.start)
      }
      ends.append(range.end)
      owners.append(range.source)
    }
    return (starts, ends, owners)
  }
}

/// Where each CIDR line of an ``IPRangeSet`` came from: the files' text and, per line,
/// its file, number and CIDR bytes. A ``RuleSource`` (two strings) is made only when a
/// range is reported, not for each of the tens of thousands of lines loaded.
struct RangeOrigins: Sendable {
  struct Line: Sendable {
    var file: UInt32
    var number: UInt32
    var start: UInt32
    var count: UInt32
  }

  var files: [String] = []
  var texts: [[UInt8]] = []
  var lines: [Line] = []

  var count: Int { lines.count }

  /// The source of line `index` (in load order).
  func source(at index: Int) -> RuleSource {
    let line = lines[index]
    let start = Int(line.start)
    let text = texts[Int(line.file)][start..<start + Int(line.count)]
    return RuleSource(
      file: files[Int(line.file)], line: Int(line.number),
      pattern: String(decoding: text, as: UTF8.self))
  }
}
