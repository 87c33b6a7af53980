import Testing

@testable import LeadScreen

/// Seeded random rule files, mostly valid, with bytes inserted, replaced or removed
/// (white space, CR, `#`, separators, signs, NUL, combining marks, invalid UTF-8): the
/// byte loaders must give what the String loaders gave, table or error.
@Suite struct RuleFileLoaderFuzzTests {
  typealias Differential = RuleFileLoaderDifferentialTests

  /// Byte strings a mutation inserts or substitutes.
  static let fragments: [[UInt8]] = [
    [0x20], [0x09], [0x0D], [0x0A], [0x23], [0x2E], [0x3A], [0x2F], [0x2C], [0x2B], [0x2D],
    [0x30], [0x35], [0x39], [0x61], [0x66], [0x78], [0x41], [0x00], [0xC3, 0xA9], [0xCC, 0x81],
    [0xEF, 0xB8, 0x8F], [0xFF], [0xE2, 0x82],
  ]

  /// `line` with a few random edits, or unchanged.
  static func mutate(_ line: [UInt8], rate: UInt64, _ random: inout SplitMix) -> [UInt8] {
    var bytes = line
    guard random.next() % 100 < rate else { return bytes }
    for _ in 0...(random.next() % 2) {
      let fragment = fragments[Int(random.next() % UInt64(fragments.count))]
      let position = Int(random.next() % UInt64(bytes.count + 1))
      switch random.next() % 3 {
      case 0: bytes.insert(contentsOf: fragment, at: position)
      case 1 where position < bytes.count:
        bytes.replaceSubrange(position..<position + 1, with: fragment)
      default: if position < bytes.count { bytes.remove(at: position) }
      }
    }
    return bytes
  }

  /// Blank lines, comments, indentation and a line ending chosen at random.
  static func decorate(_ line: String, _ random: inout SplitMix) -> String {
    let indents = ["", "", "", " ", "\t", "  \t"]
    let tails = ["", "", "", " ", "\t", " # note", "\t#x", "#"]
    let ends = ["\n", "\n", "\n", "\r\n"]
    switch random.next() % 12 {
    case 0: return ends[Int(random.next() % 4)]
    case 1: return "# comment \(random.next() % 100)" + ends[Int(random.next() % 4)]
    default:
      return indents[Int(random.next() % 6)] + line + tails[Int(random.next() % 8)]
        + ends[Int(random.next() % 4)]
    }
  }

  static func cidr(_ random: inout SplitMix) -> String {
    if random.next() % 3 == 0 {
      let groups = (0..<4).map { _ in String(random.next() % 0x10000, radix: 16) }
      let form = random.next() % 3
      let address =
        form == 0
        ? groups.joined(separator: ":") + "::"
        : form == 1 ? "::ffff:\(random.next() % 256).\(random.next() % 256).1.0" : groups[0] + "::1"
      return address + (random.next() % 4 == 0 ? "" : "/\(random.next() % 129)")
    }
    let parts = (0..<4).map { _ in String(random.next() % 256) }
    return parts.joined(separator: ".") + (random.next() % 4 == 0 ? "" : "/\(random.next() % 33)")
  }

  @Test(arguments: 0..<8) func randomRangeFiles(_ batch: Int) throws {
    var random = SplitMix(seed: 0x1A_0000 + UInt64(batch))
    var loaded = 0
    for _ in 0..<40 {
      var bytes: [UInt8] = []
      for _ in 0..<(random.next() % 40) {
        bytes += Self.mutate(
          Array(Self.decorate(Self.cidr(&random), &random).utf8), rate: 3, &random)
      }
      let path = try Differential.file(bytes)
      Differential.expectSameLines(path)
      if Differential.expectSameRanges([path]) { loaded += 1 }
    }
    #expect((4...36).contains(loaded), "both outcomes, loaded and failed, are exercised")
  }

  static func zipRow(_ random: inout SplitMix) -> String {
    let zip = String(100_000 + random.next() % 100_000).dropFirst()
    let state =
      random.next() % 50 == 0
      ? ["tx", "T"][Int(random.next() % 2)] : ["TX", "CA", "NY", "PR"][Int(random.next() % 4)]
    let latitude = Double(Int64(random.next() % 180_000_000) - 90_000_000) / 1_000_000
    let longitude = Double(Int64(random.next() % 360_000) - 180_000) / 1000
    let codes = (0...(random.next() % 3)).map { _ in String(200 + random.next() % 800) }
    return "\(zip)\t\(state)\t\(latitude)\t\(longitude)\t\(codes.joined(separator: ","))"
  }

  @Test(arguments: 0..<8) func randomZipTables(_ batch: Int) throws {
    var random = SplitMix(seed: 0x21B_0000 + UInt64(batch))
    var loaded = 0
    for _ in 0..<40 {
      var bytes = Array("# ZIPs\n".utf8)
      bytes += Self.mutate(Array("zip\tstate\tlat\tlon\tarea_codes\n".utf8), rate: 2, &random)
      for _ in 0..<(random.next() % 40) {
        bytes += Self.mutate(Array((Self.zipRow(&random) + "\n").utf8), rate: 4, &random)
      }
      let path = try Differential.file(bytes, name: "zips.tsv")
      Differential.expectSameLines(path)
      if Differential.expectSameZips(path) { loaded += 1 }
    }
    #expect((4...36).contains(loaded), "both outcomes, loaded and failed, are exercised")
  }

  @Test(arguments: 0..<4) func randomDomainLists(_ batch: Int) throws {
    var random = SplitMix(seed: 0xD0_0000 + UInt64(batch))
    let words = ["mail", "Temp", "x-1", "box_2", "inbox", "0"]
    var loaded = 0
    for _ in 0..<40 {
      var bytes: [UInt8] = []
      for _ in 0..<(random.next() % 40) {
        let labels = (0...(random.next() % 3)).map { _ in words[Int(random.next() % 6)] }
        let line =
          ["", " ", "\t"][Int(random.next() % 3)] + labels.joined(separator: ".") + ".com"
          + ["", " ", "\t "][Int(random.next() % 3)] + ["\n", "\r\n"][Int(random.next() % 2)]
        bytes += Self.mutate(Array(line.utf8), rate: 3, &random)
      }
      let path = try Differential.file(bytes)
      Differential.expectSameLines(path)
      if Differential.expectSameDomains(path) { loaded += 1 }
    }
    #expect((4...36).contains(loaded), "both outcomes, loaded and failed, are exercised")
  }

  /// A file's text is its bytes when they are UTF-8, else what `String(decoding:as:)`
  /// makes of them: random bytes, mostly ASCII, some lead and continuation bytes.
  @Test func textIsWhatAStringOfTheFileHolds() throws {
    var random = SplitMix(seed: 5)
    for _ in 0..<300 {
      let bytes = (0..<(random.next() % 64)).map { _ -> UInt8 in
        let roll = random.next() % 10
        return roll < 6 ? UInt8(32 + random.next() % 90) : UInt8(0x80 + random.next() % 0x80)
      }
      let path = try Differential.file(bytes)
      #expect(
        try RuleFileReader.text(of: path) == Array(String(decoding: bytes, as: UTF8.self).utf8))
    }
  }

  /// The decimal fast path against `Double(_:)`, bit for bit.
  @Test func decimalsReadAsDoubleReadsThem() {
    var random = SplitMix(seed: 99)
    var texts = ["0", "-0", "0.0", "-0.0", "00012.50", "90", "-180.000000000001", "1.5"]
    for _ in 0..<20000 {
      let digits = String(random.next() % 1_000_000_000_000_000)
      let point = Int(random.next() % UInt64(digits.count + 1))
      var text = String(digits.prefix(point))
      if point < digits.count { text += (text.isEmpty ? "0." : ".") + digits.dropFirst(point) }
      texts.append(random.next() % 2 == 0 ? "-" + text : text)
    }
    for text in texts {
      var copy = text
      let fast = copy.withUTF8 { GeoTable.decimal(UnsafeRawBufferPointer($0)) }
      #expect(fast?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }
  }
}
