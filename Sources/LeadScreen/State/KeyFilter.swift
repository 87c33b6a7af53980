/// A blocked Bloom filter over ``DuplicateIndex`` entry keys: "certainly not
/// there" or "maybe there", at about 12 bits a key and one 64-byte block (one or two
/// cache lines) a query.
///
/// A key picks one 512-bit block from its mixed hash and sets 6 bits in it, taken
/// from a second, independent mix. At 12 bits a key about 1 query in 100 of an absent key
/// answers "maybe"; the answer "no" is always right.
struct KeyFilter: Sendable {
  private var words: [UInt64] = []
  private var blockMask = 0
  /// Keys it was sized for; past this the "maybe" rate climbs.
  private(set) var capacity = 0
  private(set) var count = 0

  /// An empty filter for about `capacity` keys.
  init(capacity: Int) {
    var blocks = 1
    while blocks * 512 < capacity * 12 { blocks <<= 1 }
    words = [UInt64](repeating: 0, count: blocks * 8)
    blockMask = blocks - 1
    self.capacity = blocks * 512 / 12
  }

  /// An empty filter that holds nothing (every query says "no").
  init() {}

  /// Bytes held.
  var byteCount: Int { words.count * 8 }

  mutating func insert(_ high: UInt64, _ low: UInt64, _ tag: UInt32) {
    let (block, bits) = Self.position(high, low, tag, blockMask)
    words.withUnsafeMutableBufferPointer { words in
      var mix = bits
      for _ in 0..<6 {
        let bit = Int(mix & 511)
        words[block + bit >> 6] |= 1 << UInt64(bit & 63)
        mix >>= 9
      }
    }
    count += 1
  }

  func mayContain(_ high: UInt64, _ low: UInt64, _ tag: UInt32) -> Bool {
    guard !words.isEmpty else { return false }
    let (block, bits) = Self.position(high, low, tag, blockMask)
    return words.withUnsafeBufferPointer { words in
      var mix = bits
      for _ in 0..<6 {
        let bit = Int(mix & 511)
        if words[block + bit >> 6] & 1 << UInt64(bit & 63) == 0 { return false }
        mix >>= 9
      }
      return true
    }
  }

  /// The first word of the key's block and 54 bits choosing the bits within it.
  @inline(__always)
  private static func position(_ high: UInt64, _ low: UInt64, _ tag: UInt32, _ blockMask: Int)
    -> (Int, UInt64)
  {
    let first = FlatKey(unchecked: high ^ UInt64(tag) &* 0x9E37_79B9_7F4A_7C15, low, 1).mixed
    var second = (low ^ UInt64(tag) << 32) &* 0xC2B2_AE3D_27D4_EB4F ^ high
    second ^= second >> 29
    second &*= 0xBF58_476D_1CE4_E5B9
    second ^= second >> 32
    return ((Int(truncatingIfNeeded: first >> 20) & blockMask) * 8, second)
  }
}
