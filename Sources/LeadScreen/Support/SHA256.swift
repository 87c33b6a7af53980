/// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), small and dependency-free.
///
/// Used for the state's contact digests and sealed verdicts: a few compressions
/// per lead or call. No allocation per block: the pending block lives inline.
public struct SHA256: Sendable {
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  /// The pending partial block (64 bytes).
  private var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
    0, 0, 0, 0, 0, 0, 0, 0
  )
  private var pending = 0
  private var length: UInt64 = 0

  public init() {}

  /// The digest of `bytes` in one call.
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Adds bytes to the message.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Adds bytes to the message.
  public mutating func update(_ bytes: ArraySlice<UInt8>) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Adds bytes to the message.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var source = bytes.baseAddress else { return }
    var remaining = bytes.count
    length &+= UInt64(remaining)
    while remaining > 0 {
      if pending == 0, remaining >= 64 {
        compress(source)
        source += 64
        remaining -= 64
        continue
      }
      let take = min(64 - pending, remaining)
      let offset = pending
      withUnsafeMutableBytes(of: &block) { buffer in
        (buffer.baseAddress! + offset).copyMemory(from: source, byteCount: take)
      }
      pending += take
      source += take
      remaining -= take
      if pending == 64 {
        let copy = block
        withUnsafeBytes(of: copy) { compress($0.baseAddress!) }
        pending = 0
      }
    }
  }

  /// The 32-byte digest of everything added.
  public mutating func finalize() -> [UInt8] {
    let words = finalizeWords()
    var digest = [UInt8](repeating: 0, count: 32)
    withUnsafeBytes(of: words) { words in
      for index in 0..<8 {
        let word = words.load(fromByteOffset: index * 4, as: UInt32.self)
        digest[index * 4] = UInt8(truncatingIfNeeded: word >> 24)
        digest[index * 4 + 1] = UInt8(truncatingIfNeeded: word >> 16)
        digest[index * 4 + 2] = UInt8(truncatingIfNeeded: word >> 8)
        digest[index * 4 + 3] = UInt8(truncatingIfNeeded: word)
      }
    }
    return digest
  }

  /// The digest of everything added as its eight big-endian words, without allocating.
  public mutating func finalizeWords() -> (
    UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
  ) {
    let bits = length &* 8
    let count = pending < 56 ? 64 - pending : 128 - pending
    withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { padding in
      padding.initializeMemory(as: UInt8.self, repeating: 0)
      padding[0] = 0x80
      for index in 0..<8 {
        padding[count - 8 + index] = UInt8(truncatingIfNeeded: bits >> UInt64(56 - 8 * index))
      }
      update(UnsafeRawBufferPointer(rebasing: padding[..<count]))
    }
    return state
  }

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// One 64-byte block at `bytes`.
  private mutating func compress(_ bytes: UnsafeRawPointer) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for i in 0..<16 {
        w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
      }
      for i in 16..<64 {
        let a = w[i - 15]
        let b = w[i - 2]
        let s0 = a.rotatedRight(7) ^ a.rotatedRight(18) ^ (a >> 3)
        let s1 = b.rotatedRight(17) ^ b.rotatedRight(19) ^ (b >> 10)
        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
      }
      var (a, b, c, d, e, f, g, h) = state
      SHA256.k.withUnsafeBufferPointer { k in
        for i in 0..<64 {
          let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
          let choice = (e & f) ^ (~e & g)
          let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
          let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
          let majority = (a & b) ^ (a & c) ^ (b & c)
          h = g
          g = f
          f = e
          e = d &+ t1
          d = c
          c = b
          b = a
          a = t1 &+ s0 &+ majority
        }
      }
      state = (
        state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
        state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
      )
    }
  }
}

extension UInt32 {
  @inline(__always)
  fileprivate func rotatedRight(_ n: UInt32) -> UInt32 {
    (self >> n) | (self << (32 - n))
  }
}

/// HMAC-SHA256 with a fixed key: the padded key blocks are hashed once, so each
/// message costs the compressions of the message alone (plus two).
public struct HMACSHA256: Sendable {
  private let inner: SHA256
  private let outer: SHA256

  public init(key: [UInt8]) {
    var block = key.count > 64 ? SHA256.hash(key) : key
    block += [UInt8](repeating: 0, count: 64 - block.count)
    var inner = SHA256()
    inner.update(block.map { $0 ^ 0x36 })
    var outer = SHA256()
    outer.update(block.map { $0 ^ 0x5c })
    self.inner = inner
    self.outer = outer
  }

  /// The 32-byte authentication code of `message`.
  public func authenticate(_ message: [UInt8]) -> [UInt8] {
    var inner = self.inner
    inner.update(message)
    var outer = self.outer
    outer.update(inner.finalize())
    return outer.finalize()
  }

  /// The hash state after the key block and `prefix`: ``authenticate16(_:after:)``
  /// then hashes only what follows it.
  public func innerState(after prefix: [UInt8]) -> SHA256 {
    var inner = self.inner
    inner.update(prefix)
    return inner
  }

  /// The first 16 bytes of the code of a message whose start is already in `inner`
  /// (from ``innerState(after:)``) and whose rest is `rest`, as two big-endian
  /// words; no allocation.
  public func authenticate16(_ rest: UnsafeRawBufferPointer, after inner: SHA256) -> (
    UInt64, UInt64
  ) {
    var inner = inner
    inner.update(rest)
    let words = inner.finalizeWords()
    var outer = self.outer
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { bigEndian in
      withUnsafeBytes(of: words) { raw in
        for index in 0..<8 {
          bigEndian[index] = raw.load(fromByteOffset: index * 4, as: UInt32.self).bigEndian
        }
      }
      outer.update(UnsafeRawBufferPointer(bigEndian))
    }
    let code = outer.finalizeWords()
    return (UInt64(code.0) << 32 | UInt64(code.1), UInt64(code.2) << 32 | UInt64(code.3))
  }
}
