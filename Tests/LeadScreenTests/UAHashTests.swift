import CByteScan
import Testing

@testable import LeadScreen

/// The user-agent cache's hash, by each implementation: never 0, no two of a corpus of
/// real user agents and their near variants alike, every byte and the length counted,
/// and the table's buckets (the low bits) evenly filled.
@Suite struct UAHashTests {
  private static func hash(_ implementation: Int32, _ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBufferPointer {
      leadscreen_hash64_using(implementation, $0.baseAddress, $0.count)
    }
  }

  /// The implementations this machine runs (the portable one always).
  private static var implementations: [Int32] {
    [0, 1].filter { hash($0, [1, 2, 3]) != 0 }
  }

  @Test func realUserAgentsAndTheirVariantsHashApart() throws {
    let uas =
      try RulesPaths.lines(RulesPaths.fixtures + "/bot-uas.txt")
      + RulesPaths.lines(RulesPaths.fixtures + "/browser-uas.txt")
    var corpus = Set<[UInt8]>()
    for ua in uas {
      let bytes = Array(ua.utf8)
      corpus.insert(bytes)
      // One byte changed, dropped, or added, at a few places each.
      for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 7)) {
        var changed = bytes
        changed[position] ^= 1
        corpus.insert(changed)
        var shorter = bytes
        shorter.remove(at: position)
        corpus.insert(shorter)
        corpus.insert(bytes + [bytes[position]])
      }
    }
    #expect(corpus.count > 5_000)
    #expect(Self.implementations.contains(0))
    for implementation in Self.implementations {
      var seen = Set<UInt64>()
      var buckets = [Int](repeating: 0, count: 256)
      for bytes in corpus {
        let value = Self.hash(implementation, bytes)
        #expect(value != 0)
        seen.insert(value)
        buckets[Int(value & 0xFF)] += 1
      }
      #expect(seen.count == corpus.count, "implementation \(implementation)")
      // Even buckets: a chi-square statistic far below what clustering gives (255
      // degrees of freedom: about 255 expected, 330 is beyond the 99.9th percentile).
      let expected = Double(corpus.count) / 256
      let chiSquare = buckets.reduce(0.0) {
        $0 + (Double($1) - expected) * (Double($1) - expected) / expected
      }
      #expect(chiSquare < 330, "implementation \(implementation): \(chiSquare)")
    }
  }

  @Test func everyLengthAndEveryBitCounts() {
    let text = Array(repeating: UInt8(ascii: "a"), count: 200)
    for implementation in Self.implementations {
      // Prefixes of one repeated byte differ only in length.
      let prefixes = Set((0...200).map { Self.hash(implementation, Array(text.prefix($0))) })
      #expect(prefixes.count == 201, "implementation \(implementation)")
      for count in [1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 47, 48, 49, 130] {
        let base = Array(text.prefix(count))
        let original = Self.hash(implementation, base)
        for position in 0..<count {
          for bit in 0..<8 {
            var flipped = base
            flipped[position] ^= UInt8(1 << bit)
            #expect(
              Self.hash(implementation, flipped) != original,
              "implementation \(implementation), \(count) bytes, byte \(position) bit \(bit)")
          }
        }
      }
    }
  }

  /// The cache's hash is the machine's implementation of the two.
  @Test func theCacheUsesOneOfThem() {
    let bytes = Array("Mozilla/5.0 (X11; Linux x86_64)".utf8)
    let cached = bytes.withUnsafeBytes { BotClassifier.Cache.hash($0) }
    #expect(Self.implementations.map { Self.hash($0, bytes) }.contains(cached))
  }
}
