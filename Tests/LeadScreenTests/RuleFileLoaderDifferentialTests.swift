import Foundation
import Testing

@testable import LeadScreen

/// The byte-level rule loaders against the String-based ones they replaced
/// (``ReferenceLoaders``): the same tables, sources and errors (file, line, column and
/// message) for the shipped rules, for edge cases (CRLF, tabs, comments, trailing
/// spaces, combining marks, invalid UTF-8, a bad line in the middle) and for seeded
/// random files.
@Suite struct RuleFileLoaderDifferentialTests {
  // MARK: Files

  /// Writes `contents` (raw bytes) to a fresh file and returns its path.
  static func file(_ contents: [UInt8], name: String = "rules.txt") throws -> String {
    let directory = try RulesPaths.temporaryDirectory([:])
    let path = directory + "/" + name
    try Data(contents).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func file(_ text: String, name: String = "rules.txt") throws -> String {
    try file(Array(text.utf8), name: name)
  }

  static func outcome<T>(_ body: () throws(RuleFileError) -> T) -> Result<T, RuleFileError> {
    do throws(RuleFileError) { return .success(try body()) } catch { return .failure(error) }
  }

  // MARK: Comparisons

  @discardableResult
  static func expectSameLines(
    _ path: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> Bool {
    let new = outcome { () throws(RuleFileError) in try RuleFileReader.ruleLines(of: path) }
    let old = outcome { () throws(RuleFileError) in try ReferenceLoaders.ruleLines(of: path) }
    switch (new, old) {
    case (.success(let new), .success(let old)):
      #expect(new.map(\.number) == old.map(\.number), sourceLocation: sourceLocation)
      #expect(new.map(\.text) == old.map(\.text), sourceLocation: sourceLocation)
    case (.failure(let new), .failure(let old)):
      #expect(new == old, sourceLocation: sourceLocation)
    default:
      Issue.record("\(new) vs \(old)", sourceLocation: sourceLocation)
    }
    return (try? new.get()) != nil
  }

  @discardableResult
  static func expectSameRanges(
    _ files: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) -> Bool {
    let new = outcome { () throws(RuleFileError) in try IPRangeSet.parse(files: files) }
    let old = outcome { () throws(RuleFileError) in try ReferenceLoaders.ipRanges(files: files) }
    switch (new, old) {
    case (.success(let new), .success(let old)):
      #expect(new.sources == old.sources, sourceLocation: sourceLocation)
      #expect(new.v4.map(\.start) == old.v4.map(\.start), sourceLocation: sourceLocation)
      #expect(new.v4.map(\.end) == old.v4.map(\.end), sourceLocation: sourceLocation)
      #expect(new.v4.map(\.source) == old.v4.map(\.source), sourceLocation: sourceLocation)
      #expect(new.v6.map(\.start) == old.v6.map(\.start), sourceLocation: sourceLocation)
      #expect(new.v6.map(\.end) == old.v6.map(\.end), sourceLocation: sourceLocation)
      #expect(new.v6.map(\.source) == old.v6.map(\.source), sourceLocation: sourceLocation)
    case (.failure(let new), .failure(let old)):
      #expect(new == old, sourceLocation: sourceLocation)
    default:
      Issue.record("\(new) vs \(old)", sourceLocation: sourceLocation)
    }
    return (try? new.get()) != nil
  }

  @discardableResult
  static func expectSameZips(_ path: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> Bool
  {
    let new = outcome { () throws(RuleFileError) in try GeoTable.loadZips(path) }
    let old = outcome { () throws(RuleFileError) in try ReferenceLoaders.loadZips(path) }
    switch (new, old) {
    case (.success(let new), .success(let old)):
      #expect(new == old, sourceLocation: sourceLocation)
      // Bit for bit (== does not tell -0.0 from 0.0).
      #expect(
        new.map { [$0.latitude.bitPattern, $0.longitude.bitPattern] }
          == old.map { [$0.latitude.bitPattern, $0.longitude.bitPattern] },
        sourceLocation: sourceLocation)
    case (.failure(let new), .failure(let old)):
      #expect(new == old, sourceLocation: sourceLocation)
    default:
      Issue.record("\(new) vs \(old)", sourceLocation: sourceLocation)
    }
    return (try? new.get()) != nil
  }

  @discardableResult
  static func expectSameAreaCodes(
    _ path: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> Bool {
    let new = outcome { () throws(RuleFileError) in try GeoTable.loadAreaCodes(path) }
    let old = outcome { () throws(RuleFileError) in try ReferenceLoaders.loadAreaCodes(path) }
    switch (new, old) {
    case (.success(let new), .success(let old)):
      #expect(new == old, sourceLocation: sourceLocation)
    case (.failure(let new), .failure(let old)):
      #expect(new == old, sourceLocation: sourceLocation)
    default:
      Issue.record("\(new) vs \(old)", sourceLocation: sourceLocation)
    }
    return (try? new.get()) != nil
  }

  @discardableResult
  static func expectSameDomains(_ path: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> Bool
  {
    let new = outcome { () throws(RuleFileError) in try DisposableDomains(file: path).lines }
    let old = outcome { () throws(RuleFileError) in
      try ReferenceLoaders.disposableDomains(file: path)
    }
    switch (new, old) {
    case (.success(let new), .success(let old)):
      #expect(new == old, sourceLocation: sourceLocation)
    case (.failure(let new), .failure(let old)):
      #expect(new == old, sourceLocation: sourceLocation)
    default:
      Issue.record("\(new) vs \(old)", sourceLocation: sourceLocation)
    }
    return (try? new.get()) != nil
  }

  // MARK: Shipped rules

  @Test func shippedRuleFilesGiveTheSameLines() throws {
    let rules = RulesPaths.rules
    let files =
      try RuleFileReader.textFiles(in: rules + "/bots")
      + RuleFileReader.textFiles(in: rules + "/datacenter")
      + [rules + "/disposable-domains.txt", rules + "/fake-names.txt"]
      + [rules + "/geo/zips.tsv", rules + "/geo/area-codes.tsv"]
    for path in files { Self.expectSameLines(path) }
  }

  @Test func shippedTablesAreTheSame() throws {
    let rules = RulesPaths.rules
    Self.expectSameRanges(try RuleFileReader.textFiles(in: rules + "/datacenter"))
    Self.expectSameZips(rules + "/geo/zips.tsv")
    Self.expectSameAreaCodes(rules + "/geo/area-codes.tsv")
    Self.expectSameDomains(rules + "/disposable-domains.txt")
  }
}

// MARK: Edge cases

extension RuleFileLoaderDifferentialTests {
  /// Named file contents; `bytes` may be invalid UTF-8.
  struct Sample: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var testDescription: String { name }

    init(_ name: String, _ text: String) {
      self.name = name
      bytes = Array(text.utf8)
    }

    init(_ name: String, bytes: [UInt8]) {
      self.name = name
      self.bytes = bytes
    }
  }

  static let rangeSamples: [Sample] = [
    Sample("CRLF", "10.0.0.0/8\r\n10.1.0.0/16\r\n# c\r\n\r\n2600:1f00::/24\r\n"),
    Sample(
      "tabs and comments", "\t10.0.0.0/8\t# tab comment\n  \t\n#c\n   # indented\n1.2.3.4   \n"),
    Sample("trailing spaces and CRs", "1.2.3.0/24 \t \r\n5.6.7.8\r\r\n 9.9.9.9 \r \n"),
    Sample("no final newline", "1.2.3.0/24\n2.3.4.0/24"),
    Sample(
      "plain IPv4 forms",
      "1.2.3.4/08\n010.001.1.1\n 1.2.3.4 \t# x\n1.2.3.4#x\n0.0.0.0/0\n255.255.255.255/32\n"),
    Sample("plain IPv4, prefix over 32", "1.2.3.4/33\n"),
    Sample("plain IPv4, four-digit prefix", "1.2.3.4/0032\n"),
    Sample("plain IPv4, bare slash", "1.2.3.4/ # x\n"),
    Sample("plain IPv4, text after", "1.2.3.4 5\n"),
    Sample("plain IPv4, part over 255", "1.2.3.256/8\n"),
    Sample("plain IPv4, tab inside", "1.2.3\t.4\n"),
    Sample("empty", ""),
    Sample("only comments", "# a\n#\n  # b\n\n"),
    Sample("lone CR line", "1.2.3.0/24\n\r\n\r\r\n"),
    Sample("bad CIDR in the middle", "1.2.3.0/24\n2.3.4.0/24\n300.1.1.1/8\n5.6.7.0/24\n"),
    Sample("bad prefix in the middle", "1.2.3.0/24\n  2.3.4.0/33  # x\n5.6.7.0/24\n"),
    Sample("IPv4 tail of IPv6", "::ffff:1.2.3.0/120\n::ffff:1.2.3.x/128\n"),
    Sample("IPv4 tail part over 255", "::ffff:1.2.300.0/128\n"),
    Sample("IPv4 tail with three parts", "::ffff:1.2.3/128\n"),
    Sample("signed IPv6 groups", "+ff::/16\n-0::/16\n2001:db8::+1/128\n"),
    Sample("bad IPv6 group sign", "-1::/16\n"),
    Sample("second gap", "1::2::3\n"),
    Sample("nine groups", "1:2:3:4:5:6:7:8:9\n"),
    Sample("eight groups and a gap", "1:2:3:4::5:6:7:8\n"),
    Sample("triple colon", ":::\n"),
    Sample("trailing colon", "1:\n"),
    Sample("gap only", "::\n::/0\n0.0.0.0/0\n"),
    Sample("empty prefix", "1.2.3.4/\n"),
    Sample("missing address", "/8\n"),
    Sample("prefix with leading zero", "1.2.3.4/08\n1.2.3.4/033\n"),
    Sample("prefix with a letter", "1.2.3.4/1a\n"),
    Sample("two slashes", "1.2.3.4/8/9\n"),
    Sample("five parts", "1.2.3.4.5\n"),
    Sample("four-digit part", "1.2.3.0004\n"),
    Sample("empty part", "1..2.3\n"),
    Sample("hash right after", "10.0.0.0/8#comment\n"),
    Sample("carriage return inside", "10.0.0.0\r/8\n"),
    Sample("NUL byte", "10.0.0.0/8\n10.0.\u{0}0.0/8\n"),
    Sample("non-ASCII comment", "# café\n10.0.0.0/8 # résumé\n"),
    Sample("combining mark after hash", "#\u{301} not a comment\n"),
    Sample("combining mark after indent", " \u{301}10.0.0.0/8\n"),
    Sample("combining mark after trailing space", "10.0.0.0/8 \u{301}\n"),
    Sample("combining mark after tab and hash", "10.0.0.0/8 \t#\u{301}\n"),
    Sample("keycap hash", "#\u{FE0F}\u{20E3}\n"),
    Sample("non-ASCII address", "10.0.0.é/8\n"),
    Sample("invalid UTF-8", bytes: Array("10.0.0.0/8\n1.2.".utf8) + [0xFF, 0xE2, 0x82] + [0x0A]),
    Sample(
      "invalid UTF-8 in a comment", bytes: Array("# ".utf8) + [0xC3] + Array("\n1.2.3.4\n".utf8)),
    Sample(
      "truncated sequence before CR", bytes: Array("1.2.3.4 #".utf8) + [0xE2, 0x82, 0x0D, 0x0A]),
  ]

  @Test(arguments: rangeSamples) func rangeFilesLoadAsBefore(_ sample: Sample) throws {
    let path = try Self.file(sample.bytes)
    Self.expectSameLines(path)
    Self.expectSameRanges([path])
  }

  static let zipHeader = "zip\tstate\tlat\tlon\tarea_codes\n"

  static let zipSamples: [Sample] = [
    Sample(
      "CRLF", "# c\r\n" + "zip\tstate\tlat\tlon\tarea_codes\r\n78701\tTX\t30.27\t-97.74\t512\r\n"),
    Sample(
      "comments between rows",
      zipHeader + "78701\tTX\t30.27\t-97.74\t512\n# x\n\n  # y\n78702\tTX\t30.2\t-97.7\t512,737\n"),
    Sample(
      "number forms",
      zipHeader
        + "00501\tNY\t+40.8\t-0\t631\n00502\tNY\t.5\t5.\t631\n00503\tNY\t1e1\t0x10\t631\n00504\tNY\t-0.0\t0\t631\n"
    ),
    Sample(
      "long decimals",
      zipHeader
        + "00501\tNY\t40.81540000000000001\t-73.045099999999999\t631\n00502\tNY\t12345678.90123456\t1.000000000000000\t631\n"
    ),
    Sample("inf", zipHeader + "00501\tNY\tinf\t0\t631\n"),
    Sample("nan", zipHeader + "00501\tNY\t1\tnan\t631\n"),
    Sample("out of range", zipHeader + "00501\tNY\t90.0001\t0\t631\n"),
    Sample("space in number", zipHeader + "00501\tNY\t 40.8\t0\t631\n"),
    Sample("NUL in number", zipHeader + "00501\tNY\t40.8\u{0}x\t0\t631\n"),
    Sample(
      "area code forms",
      zipHeader + "00501\tNY\t1\t2\t+12,-12,512,,737,\n00502\tNY\t1\t2\t,512\n00503\tNY\t1\t2\t\n"),
    Sample("two-digit area code", zipHeader + "00501\tNY\t1\t2\t51\n"),
    Sample(
      "many and repeated area-code lists",
      zipHeader + "00501\tNY\t1\t2\t201,202,203,204,205,206,207\n00502\tNY\t1\t2\t631,000\n"
        + "00503\tNY\t1\t2\t631,000\n00504\tNY\t1\t2\t000,631\n00505\tNY\t1\t2\t631,000,000\n"
        + "00506\tNY\t1\t2\t999,998,997,996,995,994\n00507\tNY\t1\t2\t+12,631\n"),
    Sample("trailing tab", zipHeader + "00501\tNY\t1\t2\t631\t\n"),
    Sample("trailing space", zipHeader + "00501\tNY\t1\t2\t631 \n"),
    Sample("value error then short row", zipHeader + "0050x\tNY\t1\t2\t631\n00502\tNY\t1\n"),
    Sample("value errors in two rows", zipHeader + "00501\tny\t1\t2\t631\n0050x\tNY\t1\t2\t631\n"),
    Sample("bad header", "zip\tstate\tlat\tlon\n"),
    Sample("header with spaces", "zip \tstate\tlat\tlon\tarea_codes\n"),
    Sample("no header", "# only a comment\n"),
    Sample("header only", zipHeader),
    Sample("combining mark after tab", zipHeader + "00501\tNY\t1\t\u{301}2\t631\n"),
    Sample("combining mark after comma", zipHeader + "00501\tNY\t1\t2\t631,\u{301}512\n"),
    Sample("non-ASCII state", zipHeader + "00501\tNÉ\t1\t2\t631\n"),
    Sample(
      "invalid UTF-8",
      bytes: Array((zipHeader + "00501\tN").utf8) + [0xFF] + Array("\t1\t2\t631\n".utf8)),
  ]

  @Test(arguments: zipSamples) func zipTablesLoadAsBefore(_ sample: Sample) throws {
    let path = try Self.file(sample.bytes, name: "zips.tsv")
    Self.expectSameLines(path)
    Self.expectSameZips(path)
  }

  static let areaCodeSamples: [Sample] = [
    Sample("CRLF", "area_code\tstate\r\n512\tTX\r\n212\tNY\r\n"),
    Sample("plus sign", "area_code\tstate\n+12\tTX\n"),
    Sample("letters", "area_code\tstate\n512\tTX\n1x2\tTX\n"),
    Sample("bad state", "area_code\tstate\n512\tTx\n"),
    Sample("short row after a bad value", "area_code\tstate\n5x2\tTX\n512\n"),
    Sample("later row wins", "area_code\tstate\n512\tTX\n512\tOK\n"),
  ]

  @Test(arguments: areaCodeSamples) func areaCodeTablesLoadAsBefore(_ sample: Sample) throws {
    let path = try Self.file(sample.bytes, name: "area-codes.tsv")
    Self.expectSameLines(path)
    Self.expectSameAreaCodes(path)
  }

  /// The old loader trapped on a negative area code (`Int` reads `-12`); now it is an
  /// error like any other bad code.
  @Test func negativeAreaCodeIsAnError() throws {
    let path = try Self.file("area_code\tstate\n512\tTX\n-12\tTX\n", name: "area-codes.tsv")
    #expect(throws: RuleFileError.self) { try GeoTable.loadAreaCodes(path) }
    do {
      _ = try GeoTable.loadAreaCodes(path)
    } catch {
      #expect(error.description == "\(path):3:1: area code `-12` is not three digits")
    }
  }

  static let domainSamples: [Sample] = [
    Sample("CRLF and case", "# list\r\nMailinator.COM\r\n  spaced.example \t\r\n"),
    Sample("duplicates keep the first line", "a.example\nA.EXAMPLE\na.example\n"),
    Sample("bad character in the middle", "ok.example\nbad domain!\nlater.example\n"),
    Sample("no dot", "ok.example\nlocalhost\n"),
    Sample("tab inside", "a\t.example\n"),
    Sample("non-ASCII", "café.example\n"),
    Sample("combining mark after indent", " \u{301}a.example\n"),
    Sample("combining mark after trailing space", "a.example \u{301}\n"),
    Sample("invalid UTF-8", bytes: Array("a.example\nb.".utf8) + [0xFE] + Array("example\n".utf8)),
  ]

  @Test(arguments: domainSamples) func domainListsLoadAsBefore(_ sample: Sample) throws {
    let path = try Self.file(sample.bytes)
    Self.expectSameLines(path)
    Self.expectSameDomains(path)
  }
}
