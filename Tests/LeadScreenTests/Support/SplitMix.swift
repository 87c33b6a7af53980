/// A small seeded random generator for tests (SplitMix64): the same seed gives
/// the same sequence on every machine.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension SplitMix {
  /// `bytes` (not empty) with one byte replaced, inserted or removed; new bytes come
  /// from `alphabet`.
  mutating func mutatedOnce(_ bytes: [UInt8], from alphabet: [UInt8]) -> [UInt8] {
    var bytes = bytes
    let position = Int(next() % UInt64(bytes.count))
    let byte = alphabet[Int(next() % UInt64(alphabet.count))]
    switch next() % 3 {
    case 0: bytes[position] = byte
    case 1: bytes.insert(byte, at: position)
    default: bytes.remove(at: position)
    }
    return bytes
  }
}
