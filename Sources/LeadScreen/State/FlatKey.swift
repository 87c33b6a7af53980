/// A fixed-size key of the flat tables (``CountTable``, ``ClickIndex``): two words and
/// a kind, so an IPv4 address, an IPv6 address and a digest never compare equal.
/// Kind 0 marks an empty slot and is never a key's.
public struct FlatKey: Hashable, Sendable, BitwiseCopyable {
  public var high: UInt64
  public var low: UInt64
  public var kind: UInt32

  @inline(__always)
  public init(high: UInt64, low: UInt64, kind: UInt32) {
    precondition(kind != 0, "kind 0 marks empty slots")
    self.high = high
    self.low = low
    self.kind = kind
  }

  /// A key from stored words (the kind is known not to be 0).
  @inline(__always)
  init(unchecked high: UInt64, _ low: UInt64, _ kind: UInt32) {
    self.high = high
    self.low = low
    self.kind = kind
  }

  /// The table position of the key: a multiply-xorshift mix of both words.
  @inline(__always)
  var mixed: UInt64 {
    var h = (high ^ UInt64(kind) << 56) &* 0x9E37_79B9_7F4A_7C15
    h ^= low &* 0xC2B2_AE3D_27D4_EB4F
    h ^= h >> 31
    h &*= 0xFF51_AFD7_ED55_8CCD
    return h ^ h >> 29
  }
}

/// A value the flat tables can key by: it becomes a ``FlatKey`` without hashing
/// through `Hasher` (which costs a seeded SipHash round per look-up).
public protocol FlatKeyConvertible: Sendable {
  var flatKey: FlatKey { get }
}

extension IPAddress: FlatKeyConvertible {
  @inline(__always)
  public var flatKey: FlatKey {
    switch self {
    case .v4(let address): FlatKey(high: 0, low: UInt64(address), kind: 4)
    case .v6(let address):
      FlatKey(
        high: UInt64(truncatingIfNeeded: address >> 64), low: UInt64(truncatingIfNeeded: address),
        kind: 6)
    }
  }
}

extension Int: FlatKeyConvertible {
  @inline(__always)
  public var flatKey: FlatKey { FlatKey(high: 0, low: UInt64(bitPattern: Int64(self)), kind: 1) }
}

/// A 128-bit digest of an identifier's bytes (two independent 64-bit mixes), the key
/// ``ClickIndex`` holds instead of the text: among the 10^7 ids of a long look-back,
/// the chance that two distinct ids share a digest is below 10^-24.
public enum IdentifierDigest {
  public static func key(_ bytes: UnsafeRawBufferPointer) -> FlatKey {
    var a: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
    var b: UInt64 = 0x1319_8A2E_0370_7344 &+ UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
    var index = 0
    while index + 8 <= bytes.count {
      let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      a = (a ^ word) &* 0xFF51_AFD7_ED55_8CCD
      a ^= a >> 32
      b = (b ^ (word &* 0x9E37_79B9_7F4A_7C15)) &* 0xC4CE_B9FE_1A85_EC53
      b ^= b >> 29
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count {
      tail |= UInt64(bytes[index]) << shift
      shift += 8
      index += 1
    }
    a = (a ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    a ^= a >> 29
    a = (a ^ 0x5851_F42D_4C95_7F2D) &* 0xFF51_AFD7_ED55_8CCD
    a ^= a >> 32
    b = (b ^ (tail &* 0xD6E8_FEB8_6659_FD93)) &* 0xFF51_AFD7_ED55_8CCD
    b ^= b >> 32
    b = (b ^ 0x1405_7B7E_F767_814F) &* 0xC4CE_B9FE_1A85_EC53
    b ^= b >> 29
    return FlatKey(high: a, low: b, kind: 2)
  }

  public static func key(_ text: String) -> FlatKey {
    var text = text
    return text.withUTF8 { key(UnsafeRawBufferPointer($0)) }
  }
}

/// Slot tables of positions + 1 (0: empty) for the open-addressing tables that keep their
/// entries in arrays (``ClickGeneration``, ``ContactBucket``).
enum PositionSlots {
  /// Empties `slots` for about `room` keys at most half full (a power of two of slots,
  /// at least 16), reusing the array when its size is right; returns the mask.
  static func reset(_ slots: inout [UInt32], room: Int) -> Int {
    var size = 16
    while size < room * 2 { size <<= 1 }
    if slots.count == size {
      for index in slots.indices { slots[index] = 0 }
    } else {
      slots = [UInt32](repeating: 0, count: size)
    }
    return size - 1
  }
}
