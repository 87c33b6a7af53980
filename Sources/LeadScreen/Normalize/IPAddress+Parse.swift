#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parsing IPv4 and IPv6 text, and canonical formatting (dotted quad, RFC 5952).
extension IPAddress: CustomStringConvertible {
  /// Parses an IPv4 dotted quad (each part 0–255, no leading zeros) or an IPv6
  /// address in any RFC 4291 form (`::` compression, embedded IPv4 such as
  /// `::ffff:1.2.3.4`). Zone ids (`%eth0`), brackets and white space are rejected.
  /// An IPv4-mapped IPv6 address (`::ffff:0:0/96`) becomes ``v4(_:)``.
  public init?(_ bytes: UnsafeRawBufferPointer) {
    // A dotted quad first (most addresses): text with a colon fails it at once.
    if let value = Self.parseV4(bytes, from: 0) {
      self = .v4(value)
    } else if let base = bytes.baseAddress,
      memchr(base, Int32(UInt8(ascii: ":")), bytes.count) != nil,
      let value = Self.parseV6Full(bytes) ?? Self.parseV6(bytes)
    {
      if value >> 32 == 0xFFFF {
        self = .v4(UInt32(truncatingIfNeeded: value))
      } else {
        self = .v6(value)
      }
    } else {
      return nil
    }
  }

  /// Parses address text; see ``init(_:)-(UnsafeRawBufferPointer)``.
  public init?(_ text: String) {
    var text = text
    guard let address = text.withUTF8({ Self(UnsafeRawBufferPointer($0)) }) else { return nil }
    self = address
  }

  /// The canonical text: a dotted quad for IPv4, RFC 5952 for IPv6 (lower-case hex,
  /// no leading zeros, the longest run of two or more zero groups as `::`).
  public var description: String {
    switch self {
    case .v4(let value):
      return "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    case .v6(let value):
      return Self.formatV6(value)
    }
  }

  /// An IPv4 dotted quad from `start` to the end of `bytes`.
  private static func parseV4(_ bytes: UnsafeRawBufferPointer, from start: Int) -> UInt32? {
    var value: UInt32 = 0
    var parts = 0
    var index = start
    let count = bytes.count
    while parts < 4 {
      // One to three digits, no leading zero: unrolled.
      guard index < count, let first = RFC3339.digit(bytes[index]) else { return nil }
      var part = UInt32(first)
      index += 1
      if index < count, let second = RFC3339.digit(bytes[index]) {
        guard first != 0 else { return nil }
        part = part * 10 + UInt32(second)
        index += 1
        if index < count, let third = RFC3339.digit(bytes[index]) {
          part = part * 10 + UInt32(third)
          index += 1
          guard part <= 255, index == count || RFC3339.digit(bytes[index]) == nil else {
            return nil
          }
        }
      }
      value = value << 8 | part
      parts += 1
      if parts < 4 {
        guard index < count, bytes[index] == UInt8(ascii: ".") else { return nil }
        index += 1
      }
    }
    return index == count ? value : nil
  }

  /// An IPv6 address written in full (eight groups of one to four hex digits, no `::`,
  /// no dotted tail: most addresses in traffic logs), or nil for anything else, which
  /// ``parseV6(_:)`` then decides. The text is copied into a zero-padded buffer, so the
  /// four bytes a group can hold are read with no bounds test; each byte's value comes
  /// from ``hexValues`` and the group's length from the first non-digit, with no branch
  /// on each byte (random hex mixes digits and letters, and groups of three digits or
  /// fewer, unpredictably). Callgrind, the generated day's addresses: about 400
  /// instructions an address, against 1,090 for four arithmetic tests a group.
  private static func parseV6Full(_ bytes: UnsafeRawBufferPointer) -> UInt128? {
    let count = bytes.count
    guard count >= 15 && count <= 39, let source = bytes.baseAddress else { return nil }
    // 39 bytes and the three a last group may read past them: six words, zero (no digit).
    var padded: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &padded) { text -> UInt128? in
      text.baseAddress!.copyMemory(from: source, byteCount: count)
      return hexValues.withUnsafeBufferPointer { values -> UInt128? in
        var high: UInt64 = 0
        var low: UInt64 = 0
        var index = 0
        for group in 0..<8 {
          // Four bytes' values, the first lowest; 0x80 marks a byte that is no hex digit.
          let word =
            UInt32(values[Int(text[index])]) | UInt32(values[Int(text[index &+ 1])]) << 8
            | UInt32(values[Int(text[index &+ 2])]) << 16
            | UInt32(values[Int(text[index &+ 3])]) << 24
          // The digits are the leading run of valid bytes (four when all are).
          let length = (word & 0x8080_8080).trailingZeroBitCount >> 3
          guard length > 0 else { return nil }
          // Nibbles in text order, then the group's digits alone.
          let nibbles = (word & 0x0F0F_0F0F).byteSwapped
          let pairs = (nibbles | nibbles >> 4) & 0x00FF_00FF
          let value = UInt64((pairs | pairs >> 8) & 0xFFFF) >> (4 &* UInt64(4 &- length))
          index &+= length
          if group < 4 { high = high << 16 | value } else { low = low << 16 | value }
          if group < 7 {
            guard index < count, text[index] == UInt8(ascii: ":") else { return nil }
            index &+= 1
          }
        }
        guard index == count else { return nil }
        return UInt128(high) << 64 | UInt128(low)
      }
    }
  }

  /// Byte -> its value as a hex digit, or 0x80 when it is none (a literal: no lazy
  /// initialization to check at each use).
  private static let hexValues: [UInt8] = [
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
  ]

  /// An IPv6 address as a 128-bit integer.
  private static func parseV6(_ bytes: UnsafeRawBufferPointer) -> UInt128? {
    let count = bytes.count
    var head: UInt128 = 0  // groups before `::`
    var headGroups = 0
    var tail: UInt128 = 0  // groups after `::`
    var tailGroups = 0
    var compressed = false
    var index = 0
    if count >= 2, bytes[0] == UInt8(ascii: ":") {
      guard bytes[1] == UInt8(ascii: ":") else { return nil }
      compressed = true
      index = 2
    }
    while index < count {
      let groupStart = index
      var group: UInt32 = 0
      while index < count, let digit = hexDigit(bytes[index]), index - groupStart < 5 {
        group = group << 4 | UInt32(digit)
        index += 1
      }
      let length = index - groupStart
      guard length > 0 else { return nil }
      var bits = 16
      if index < count, bytes[index] == UInt8(ascii: ".") {
        // Embedded IPv4: the last 32 bits.
        guard let v4 = parseV4(bytes, from: groupStart) else { return nil }
        group = v4
        bits = 32
        index = count
      } else {
        guard length <= 4 else { return nil }
      }
      if compressed {
        tail = tail << bits | UInt128(group)
        tailGroups += bits / 16
      } else {
        head = head << bits | UInt128(group)
        headGroups += bits / 16
      }
      guard headGroups + tailGroups <= 8 else { return nil }
      if index == count { break }
      guard bytes[index] == UInt8(ascii: ":"), index + 1 < count else { return nil }
      index += 1
      if bytes[index] == UInt8(ascii: ":") {
        guard !compressed else { return nil }
        compressed = true
        index += 1
      }
    }
    let groups = headGroups + tailGroups
    guard compressed ? groups <= 7 : groups == 8 else { return nil }
    return head << (16 * (8 - headGroups)) | tail
  }

  @inline(__always)
  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// RFC 5952 text of a 128-bit address.
  private static func formatV6(_ value: UInt128) -> String {
    var groups = [UInt16](repeating: 0, count: 8)
    for index in 0..<8 {
      groups[index] = UInt16(truncatingIfNeeded: value >> (16 * (7 - index)))
    }
    // The longest run of zero groups (the first one on a tie), if two or longer.
    var bestStart = -1
    var bestLength = 1
    var index = 0
    while index < 8 {
      guard groups[index] == 0 else {
        index += 1
        continue
      }
      let start = index
      while index < 8, groups[index] == 0 { index += 1 }
      if index - start > bestLength {
        bestStart = start
        bestLength = index - start
      }
    }
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(39)
    index = 0
    while index < 8 {
      if index == bestStart {
        out.append(contentsOf: index == 0 ? [0x3A, 0x3A] : [0x3A])
        index += bestLength
        continue
      }
      let group = groups[index]
      var started = false
      for shift in stride(from: 12, through: 0, by: -4) {
        let nibble = Int(group >> UInt16(shift) & 0xF)
        if nibble != 0 || started || shift == 0 {
          out.append(hex[nibble])
          started = true
        }
      }
      index += 1
      if index < 8 { out.append(0x3A) }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
