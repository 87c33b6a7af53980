import CByteScan

/// Throwaway-mailbox domains (`rules/disposable-domains.txt`): one domain a line, `#`
/// comments. A listed domain also covers its subdomains.
///
/// The domains are kept as bytes, lower-cased, one after the other, in an
/// open-addressing table (linear probing, at most half full) keyed by their hash: no
/// `String` and no `Dictionary` entry per domain (the ten thousand of the shipped list
/// took 22M instructions to load that way, 11M this way; callgrind).
public final class DisposableDomains: Sendable {
  private struct Entry {
    var start: UInt32
    var count: UInt32
    var line: UInt32
    var hash: UInt32
  }

  private let file: String
  /// The listed domains, lower-cased, one after the other.
  private let text: [UInt8]
  /// Each distinct domain: its bytes in `text`, the first line listing it, its hash.
  private let entries: [Entry]
  /// Index + 1 of an entry, or 0 (empty); a power of two of slots.
  private let slots: [UInt32]

  /// The number of domains listed.
  public var count: Int { entries.count }

  /// Lower-cased domain -> its line (the first that lists it).
  var lines: [String: Int] {
    var lines: [String: Int] = [:]
    for entry in entries {
      let bytes = text[Int(entry.start)..<Int(entry.start + entry.count)]
      lines[String(decoding: bytes, as: UTF8.self)] = Int(entry.line)
    }
    return lines
  }

  /// Loads the list; a line that is not a plausible domain is an error with its location.
  public init(file: String) throws(RuleFileError) {
    self.file = file
    let source = try RuleFileReader.text(of: file)
    // Room for every byte of the file (a domain is never longer than its line); `used`
    // of them hold the domains kept so far.
    var text = [UInt8](repeating: 0, count: source.count)
    var used = 0
    var entries: [Entry] = []
    var slots = [UInt32](repeating: 0, count: 1 << 10)
    try RuleFileReader.forEachRuleLine(in: source) { line throws(RuleFileError) in
      let range = RuleFileReader.trimmed(line, 0..<line.bytes.count)
      let start = used
      let (bad, sawDot) = text.withUnsafeMutableBufferPointer { out -> (Int?, Bool) in
        var sawDot = false
        var bad: Int?
        var at = start
        for byte in line[range] {
          let lowered = byte &- 65 < 26 ? byte | 0x20 : byte
          if bad == nil && !Self.isDomainByte(lowered) { bad = at &- start }
          sawDot = sawDot || lowered == UInt8(ascii: ".")
          out[at] = lowered
          at &+= 1
        }
        return (bad, sawDot)
      }
      used = start + range.count
      let domain = text[start..<used]
      if let bad {
        throw RuleFileError(
          file: file, line: line.number, column: bad + 1,
          message: "unexpected character in domain `\(Self.string(domain))`")
      }
      guard sawDot else {
        throw RuleFileError(
          file: file, line: line.number, column: 1,
          message: "`\(Self.string(domain))` is not a domain (no dot)")
      }
      let hash = Self.hash(domain)
      if Self.find(domain, hash: hash, text: text, entries: entries, slots: slots) != nil {
        used = start  // listed before: the first line is kept
        return
      }
      entries.append(
        Entry(
          start: UInt32(start), count: UInt32(range.count), line: UInt32(line.number), hash: hash))
      if entries.count * 2 > slots.count {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        for index in entries.indices { Self.place(index, entries[index].hash, in: &slots) }
      } else {
        Self.place(entries.count - 1, hash, in: &slots)
      }
    }
    text.removeSubrange(used...)
    self.text = text
    self.entries = entries
    self.slots = slots
  }

  /// The listed entry that covers `domain` (the domain itself or a parent), or nil.
  public func match(domain: Substring) -> RuleSource? {
    // A normalized address's domain is already trimmed and lower-case: used as it is.
    let isClean = !domain.utf8.contains { $0 == 0x20 || $0 == 0x09 || ($0 >= 65 && $0 <= 90) }
    let name = isClean ? domain : Substring(String(domain).trimmingASCIISpaces().lowercasedASCII())
    // Every suffix that still has a dot ("a.b.c", "b.c"), longest first.
    let bytes = Array(name.utf8)
    var from = 0
    while let dot = bytes[from...].firstIndex(of: UInt8(ascii: ".")) {
      let candidate = bytes[from...]
      if let index = Self.find(
        candidate, hash: Self.hash(candidate), text: text, entries: entries, slots: slots)
      {
        return RuleSource(
          file: file, line: Int(entries[index].line), pattern: Self.string(candidate))
      }
      from = dot + 1
    }
    return nil
  }

  private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      UInt32(truncatingIfNeeded: leadscreen_hash64(buffer.baseAddress, buffer.count))
    }
  }

  private static func string(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// Puts entry `index` into the first free slot of its probe run.
  private static func place(_ index: Int, _ hash: UInt32, in slots: inout [UInt32]) {
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = UInt32(index + 1)
  }

  /// The entry whose domain is `bytes`, or nil.
  private static func find(
    _ bytes: ArraySlice<UInt8>, hash: UInt32, text: [UInt8], entries: [Entry], slots: [UInt32]
  ) -> Int? {
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    while slots[slot] != 0 {
      let index = Int(slots[slot]) - 1
      let entry = entries[index]
      if entry.hash == hash && Int(entry.count) == bytes.count
        && text[Int(entry.start)..<Int(entry.start + entry.count)].elementsEqual(bytes)
      {
        return index
      }
      slot = (slot + 1) & mask
    }
    return nil
  }

  private static func isDomainByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  func trimmingASCIISpaces() -> String {
    let trimmed = drop { $0 == " " || $0 == "\t" }
    var end = trimmed.endIndex
    while end > trimmed.startIndex {
      let previous = trimmed.index(before: end)
      guard trimmed[previous] == " " || trimmed[previous] == "\t" else { break }
      end = previous
    }
    return String(trimmed[..<end])
  }

  /// ASCII letters lower-cased, other bytes unchanged.
  func lowercasedASCII() -> String {
    String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
  }
}
