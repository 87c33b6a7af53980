/// Why a CIDR line did not parse, with the byte offset of the problem.
struct CIDRError: Error {
  var message: String
  var offset: Int
}

/// A parsed CIDR block as an inclusive address interval.
enum CIDR: Equatable {
  case v4(start: UInt32, end: UInt32)
  case v6(start: UInt128, end: UInt128)

  /// Parses `a.b.c.d/n` or an IPv6 `x:x::x/n` (either without `/n`: one host).
  /// Host bits past the prefix are cleared.
  init(parsing text: Substring) throws(CIDRError) {
    let bytes = Array(text.utf8)
    let slash = bytes.firstIndex(of: UInt8(ascii: "/"))
    let addressBytes = bytes[..<(slash ?? bytes.count)]
    guard !addressBytes.isEmpty else { throw CIDRError(message: "missing address", offset: 0) }
    let isV6 = addressBytes.contains(UInt8(ascii: ":"))
    let width = isV6 ? 128 : 32
    var prefix = width
    if let slash {
      let digits = bytes[(slash + 1)...]
      guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
        let value = Int(String(decoding: digits, as: UTF8.self)), value <= width
      else {
        throw CIDRError(
          message: "bad prefix length (want 0...\(width))", offset: slash + 1)
      }
      prefix = value
    }
    if isV6 {
      let address = try Self.parseV6(addressBytes)
      let hostMask: UInt128 = prefix == 0 ? ~0 : (prefix == 128 ? 0 : (~UInt128(0)) >> prefix)
      self = .v6(start: address & ~hostMask, end: (address & ~hostMask) | hostMask)
    } else {
      let address = try Self.parseV4(addressBytes, base: 0)
      let hostMask: UInt32 = prefix == 0 ? ~0 : (prefix == 32 ? 0 : (~UInt32(0)) >> prefix)
      self = .v4(start: address & ~hostMask, end: (address & ~hostMask) | hostMask)
    }
  }

  /// Dotted quad; `base` is the offset of `bytes` in the line, for errors.
  static func parseV4(_ bytes: ArraySlice<UInt8>, base: Int) throws(CIDRError) -> UInt32 {
    var result: UInt32 = 0
    var parts = 0
    var value = -1
    var digits = 0
    for (offset, byte) in zip(bytes.indices, bytes) {
      if byte == UInt8(ascii: ".") {
        guard value >= 0, parts < 3 else {
          throw CIDRError(message: "bad IPv4 address", offset: base + offset)
        }
        result = result << 8 | UInt32(value)
        parts += 1
        value = -1
        digits = 0
      } else if byte >= 48 && byte <= 57 {
        value = max(value, 0) * 10 + Int(byte - 48)
        digits += 1
        guard value <= 255, digits <= 3 else {
          throw CIDRError(message: "IPv4 part over 255", offset: base + offset)
        }
      } else {
        throw CIDRError(message: "unexpected character in IPv4 address", offset: base + offset)
      }
    }
    guard value >= 0, parts == 3 else {
      throw CIDRError(message: "IPv4 address needs four parts", offset: base + bytes.count)
    }
    return result << 8 | UInt32(value)
  }

  /// Eight hex groups, one `::` allowed, an IPv4 tail allowed.
  static func parseV6(_ bytes: ArraySlice<UInt8>) throws(CIDRError) -> UInt128 {
    var head: [UInt16] = []
    var tail: [UInt16] = []
    var sawGap = false
    var index = bytes.startIndex
    let end = bytes.endIndex
    if bytes.starts(with: [58, 58]) {
      sawGap = true
      index += 2
    }
    while index < end {
      var groupEnd = index
      while groupEnd < end && bytes[groupEnd] != UInt8(ascii: ":") { groupEnd += 1 }
      let group = bytes[index..<groupEnd]
      if group.contains(UInt8(ascii: ".")) && groupEnd == end {
        let v4 = try parseV4(group, base: index - bytes.startIndex)
        let pair = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
        if sawGap { tail += pair } else { head += pair }
        index = end
        break
      }
      guard !group.isEmpty, group.count <= 4,
        let value = UInt16(String(decoding: group, as: UTF8.self), radix: 16)
      else { throw CIDRError(message: "bad IPv6 group", offset: index - bytes.startIndex) }
      if sawGap { tail.append(value) } else { head.append(value) }
      index = groupEnd
      if index < end {
        index += 1
        if index < end && bytes[index] == UInt8(ascii: ":") {
          guard !sawGap else {
            throw CIDRError(message: "second `::`", offset: index - 1 - bytes.startIndex)
          }
          sawGap = true
          index += 1
        } else if index == end {
          throw CIDRError(message: "trailing `:`", offset: index - bytes.startIndex)
        }
      }
    }
    let total = head.count + tail.count
    guard sawGap ? total <= 7 : total == 8 else {
      throw CIDRError(message: "IPv6 address needs eight groups", offset: bytes.count)
    }
    let groups = head + [UInt16](repeating: 0, count: 8 - total) + tail
    return groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
  }
}
