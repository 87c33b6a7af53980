import Foundation
import Testing

@testable import LeadScreen

@Suite struct IPRangeSetTests {
  /// An address from text, through the CIDR parser (a bare address is a /32 or /128).
  static func ip(_ text: String) -> IPAddress {
    switch try! CIDR(parsing: Substring(text)) {
    case .v4(let start, _): .v4(start)
    case .v6(let start, _): .v6(start)
    }
  }

  static let sample = """
    # test ranges
    10.0.0.0/8
    10.1.0.0/16
    192.168.1.0/24   # a comment after the range
    8.8.8.8
    172.16.5.77/12
    2600:1f00::/24
    ::ffff:1.2.3.0/120
    2001:db8::1
    """

  static func sampleSet() throws -> IPRangeSet {
    let directory = try RulesPaths.temporaryDirectory(["sample.txt": sample])
    return try IPRangeSet(directory: directory)
  }

  struct Edge: Sendable, CustomTestStringConvertible {
    var address: String
    var cidr: String?
    var testDescription: String { address }
  }

  static let edges: [Edge] = [
    Edge(address: "9.255.255.255", cidr: nil),
    Edge(address: "10.0.0.0", cidr: "10.0.0.0/8"),
    Edge(address: "10.1.2.3", cidr: "10.0.0.0/8"),
    Edge(address: "10.255.255.255", cidr: "10.0.0.0/8"),
    Edge(address: "11.0.0.0", cidr: nil),
    Edge(address: "192.168.0.255", cidr: nil),
    Edge(address: "192.168.1.0", cidr: "192.168.1.0/24"),
    Edge(address: "192.168.1.255", cidr: "192.168.1.0/24"),
    Edge(address: "192.168.2.0", cidr: nil),
    Edge(address: "8.8.8.7", cidr: nil),
    Edge(address: "8.8.8.8", cidr: "8.8.8.8"),
    Edge(address: "8.8.8.9", cidr: nil),
    Edge(address: "172.15.255.255", cidr: nil),
    Edge(address: "172.16.0.0", cidr: "172.16.5.77/12"),
    Edge(address: "172.31.255.255", cidr: "172.16.5.77/12"),
    Edge(address: "172.32.0.0", cidr: nil),
    Edge(address: "2600:1eff:ffff:ffff:ffff:ffff:ffff:ffff", cidr: nil),
    Edge(address: "2600:1f00::", cidr: "2600:1f00::/24"),
    Edge(address: "2600:1fff:ffff:ffff:ffff:ffff:ffff:ffff", cidr: "2600:1f00::/24"),
    Edge(address: "2600:2000::", cidr: nil),
    Edge(address: "::ffff:1.2.3.255", cidr: "::ffff:1.2.3.0/120"),
    Edge(address: "::ffff:1.2.4.0", cidr: nil),
    Edge(address: "::ffff:10.9.8.7", cidr: "10.0.0.0/8"),
    Edge(address: "::ffff:11.0.0.0", cidr: nil),
    Edge(address: "::fffe:10.9.8.7", cidr: nil),
    Edge(address: "2001:db8::1", cidr: "2001:db8::1"),
    Edge(address: "2001:db8::2", cidr: nil),
  ]

  /// IPv4 look-ups (narrowed by /16 prefix) against a linear scan: random blocks /11
  /// to /32, nested or not, a few wider ones (/4, /6, /8), and both ends of the space.
  @Test func v4LookupAgreesWithALinearScan() throws {
    var random = SplitMix(seed: 16)
    // Wide blocks spanning many /16s, both ends of the space, then narrower ones.
    var lines = ["0.0.0.0/30", "255.255.255.0/24", "254.0.0.0/8", "96.0.0.0/4", "40.0.0.0/6"]
    for _ in 0..<3_000 {
      let width = 11 + Int(random.next() % 22)
      let address = UInt32(truncatingIfNeeded: random.next())
      lines.append(
        "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)/\(width)")
    }
    let directory = try RulesPaths.temporaryDirectory(["random.txt": lines.joined(separator: "\n")])
    let set = try IPRangeSet(directory: directory)
    var ranges: [(UInt32, UInt32)] = []
    for line in lines {
      if case .v4(let start, let end) = try CIDR(parsing: Substring(line)) {
        ranges.append((start, end))
      }
    }
    #expect(ranges.count == lines.count)
    var probes: [UInt32] = [0, 3, 4, .max, 0xFEFF_FFFF, 0xFF00_0000]
    for (start, end) in ranges.prefix(500) {
      probes += [start, end, start &- 1, end &+ 1]
    }
    for _ in 0..<5_000 { probes.append(UInt32(truncatingIfNeeded: random.next())) }
    var inside = 0
    for address in probes {
      let expected = ranges.contains { $0.0 <= address && address <= $0.1 }
      let found = set.lookup(.v4(address))
      #expect((found != nil) == expected, "\(address)")
      if let found, case .v4(let start, let end) = try CIDR(parsing: Substring(found.pattern)) {
        #expect(start <= address && address <= end)
        inside += 1
      }
    }
    #expect(inside > 1_000)
    #expect(inside < probes.count - 1_000)
  }

  @Test(arguments: edges) func lookupAtRangeEdges(_ edge: Edge) throws {
    let set = try Self.sampleSet()
    #expect(set.lookup(Self.ip(edge.address))?.pattern == edge.cidr)
  }

  @Test func sourcesNameFileAndLine() throws {
    let set = try Self.sampleSet()
    #expect(set.rangeCount == 8)
    let source = try #require(set.lookup(Self.ip("192.168.1.9")))
    #expect(source.file.hasSuffix("/sample.txt"))
    #expect(source.line == 4)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var line: String
    var column: Int
    var testDescription: String { line }
  }

  static let badLines: [Bad] = [
    Bad(line: "10.0.0.0/33", column: 10),
    Bad(line: "  300.1.1.1/8", column: 5),
    Bad(line: "10.0.0/8", column: 7),
    Bad(line: "2600::1f::/24", column: 9),
    Bad(line: "2600:xyz::/24", column: 6),
    Bad(line: "10.0.0.0/", column: 10),
  ]

  @Test(arguments: badLines) func badCIDRNamesFileLineAndColumn(_ bad: Bad) throws {
    let directory = try RulesPaths.temporaryDirectory([
      "bad.txt": "# header\n1.2.3.0/24\n\(bad.line)\n"
    ])
    do {
      _ = try IPRangeSet(directory: directory)
      Issue.record("no error for \(bad.line)")
    } catch {
      #expect(error.file == directory + "/bad.txt")
      #expect(error.line == 3)
      #expect(error.column == bad.column)
      #expect(error.description.hasPrefix("\(directory)/bad.txt:3:\(bad.column): "))
    }
  }

  @Test func shippedCloudRangesLoad() throws {
    let set = try IPRangeSet(directory: RulesPaths.rules + "/datacenter")
    #expect(set.rangeCount > 5000)
    // An address in Amazon's 3.0.0.0/9-ish space and one in a residential range.
    #expect(set.lookup(Self.ip("3.5.140.1")) != nil)
    #expect(set.lookup(Self.ip("192.168.1.1")) == nil)
  }
}
