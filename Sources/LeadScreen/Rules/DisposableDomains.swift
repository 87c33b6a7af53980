/// Throwaway-mailbox domains (`rules/disposable-domains.txt`): one domain a line, `#`
/// comments. A listed domain also covers its subdomains.
public final class DisposableDomains: Sendable {
  /// Lower-cased domain -> its line.
  let lines: [String: Int]
  private let file: String

  /// The number of domains listed.
  public var count: Int { lines.count }

  /// Loads the list; a line that is not a plausible domain is an error with its location.
  public init(file: String) throws(RuleFileError) {
    self.file = file
    let text = try RuleFileReader.text(of: file)
    var lines: [String: Int] = [:]
    lines.reserveCapacity(text.count / 12)  // about 15 bytes a domain
    var lowered: [UInt8] = []
    try RuleFileReader.forEachRuleLine(in: text) { line throws(RuleFileError) in
      let range = RuleFileReader.trimmed(line, 0..<line.bytes.count)
      lowered.removeAll(keepingCapacity: true)
      for byte in line[range] { lowered.append(byte >= 65 && byte <= 90 ? byte | 0x20 : byte) }
      let domain = String(decoding: lowered, as: UTF8.self)
      if let bad = lowered.firstIndex(where: { !Self.isDomainByte($0) }) {
        throw RuleFileError(
          file: file, line: line.number, column: bad + 1,
          message: "unexpected character in domain `\(domain)`")
      }
      guard lowered.contains(UInt8(ascii: ".")) else {
        throw RuleFileError(
          file: file, line: line.number, column: 1, message: "`\(domain)` is not a domain (no dot)")
      }
      if lines[domain] == nil { lines[domain] = line.number }
    }
    self.lines = lines
  }

  /// The listed entry that covers `domain` (the domain itself or a parent), or nil.
  public func match(domain: Substring) -> RuleSource? {
    // A normalized address's domain is already trimmed and lower-case: used as it is.
    let isClean = !domain.utf8.contains { $0 == 0x20 || $0 == 0x09 || ($0 >= 65 && $0 <= 90) }
    let text = isClean ? domain : Substring(String(domain).trimmingASCIISpaces().lowercasedASCII())
    // Every suffix that still has a dot ("a.b.c", "b.c"), longest first; by bytes (a
    // search by `Character` walks grapheme clusters).
    var candidate = text.utf8[...]
    while let dot = candidate.firstIndex(of: UInt8(ascii: ".")) {
      let name = String(Substring(candidate))
      if let line = lines[name] { return RuleSource(file: file, line: line, pattern: name) }
      candidate = candidate[candidate.index(after: dot)...]
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
