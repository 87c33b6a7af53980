import Foundation
import Testing

@testable import LeadScreen

/// IPRangeSet against a naive linear scan over the shared 50k-range reference list
/// (read at test time from ../shared; never copied into the project). Skipped when absent.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: RulesPaths.sharedDatacenterIPs)))
struct IPRangeSetReferenceTests {
  @Test func agreesWithLinearScan() throws {
    let files = ["datacenter-ipv4.txt", "datacenter-ipv6.txt"].map {
      RulesPaths.sharedDatacenterIPs + "/" + $0
    }
    let set = try IPRangeSet(files: files)
    var v4: [(UInt32, UInt32)] = []
    var v6: [(UInt128, UInt128)] = []
    for file in files {
      for line in try RulesPaths.lines(file) where !line.hasPrefix("#") {
        switch try CIDR(parsing: Substring(line)) {
        case .v4(let start, let end): v4.append((start, end))
        case .v6(let start, let end): v6.append((start, end))
        }
      }
    }
    #expect(set.rangeCount == v4.count + v6.count)
    #expect(set.rangeCount > 10000)
    var generator = SplitMix(seed: 7)
    for round in 0..<600 {
      // Half the probes inside a random range (at its edges or anywhere), half anywhere.
      let (start, end) = v4[Int(generator.next() % UInt64(v4.count))]
      let address: UInt32
      switch round % 4 {
      case 0: address = start
      case 1: address = end &+ 1
      case 2: address = start &+ UInt32(truncatingIfNeeded: generator.next()) % (end - start &+ 1)
      default: address = UInt32(truncatingIfNeeded: generator.next())
      }
      let expected = v4.contains { $0.0 <= address && address <= $0.1 }
      let found = set.lookup(.v4(address))
      #expect((found != nil) == expected, "v4 \(address)")
      if let found, case .v4(let s, let e) = try CIDR(parsing: Substring(found.pattern)) {
        #expect(s <= address && address <= e)
      }
    }
    for round in 0..<300 {
      let (start, end) = v6[Int(generator.next() % UInt64(v6.count))]
      let random = UInt128(generator.next()) << 64 | UInt128(generator.next())
      let address: UInt128
      switch round % 4 {
      case 0: address = start
      case 1: address = end &+ 1
      case 2: address = start &+ random % (end - start &+ 1)
      default: address = random
      }
      let expected = v6.contains { $0.0 <= address && address <= $0.1 }
      #expect((set.lookup(.v6(address)) != nil) == expected, "v6 \(address)")
    }
  }
}
