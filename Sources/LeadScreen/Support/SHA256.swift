import CDigest

/// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104); the block compression is C
/// (`CDigest`: the CPU's SHA extensions where it has them, else portable C).
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

  /// The digest of everything added as eight integers in digest order (word 0 holds
  /// bytes 0 to 3, most significant first), without allocating.
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

  /// One 64-byte block at `bytes` (in C: see `CDigest`).
  private mutating func compress(_ bytes: UnsafeRawPointer) {
    withUnsafeMutableBytes(of: &state) { words in
      // The state is a tuple of eight UInt32: its memory is bound to UInt32.
      leadscreen_sha256_compress(words.baseAddress!.assumingMemoryBound(to: UInt32.self), bytes)
    }
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
