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
    var text = String(text)
    let parsed = text.withUTF8 { buffer in
      Result { () throws(CIDRError) -> CIDR in try CIDR(bytes: UnsafeRawBufferPointer(buffer)) }
    }
    self = try parsed.get()
  }

  /// Parses the CIDR text in `bytes`; error offsets are byte offsets in `bytes`.
  init(bytes: UnsafeRawBufferPointer) throws(CIDRError) {
    var slash = -1
    var isV6 = false
    for index in 0..<bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "/") {
        slash = index
        break
      }
      if byte == UInt8(ascii: ":") { isV6 = true }
    }
    let addressEnd = slash >= 0 ? slash : bytes.count
    guard addressEnd > 0 else { throw CIDRError(message: "missing address", offset: 0) }
    let width = isV6 ? 128 : 32
    var prefix = width
    if slash >= 0 {
      let digits = bytes.count - slash - 1
      var value = 0
      var valid = digits > 0 && digits <= 3
      for index in slash + 1..<bytes.count where valid {
        let byte = bytes[index]
        valid = byte >= 48 && byte <= 57
        value = value * 10 + Int(byte &- 48)
      }
      guard valid, value <= width else {
        throw CIDRError(message: "bad prefix length (want 0...\(width))", offset: slash + 1)
      }
      prefix = value
    }
    if isV6 {
      let address = try Self.parseV6(bytes, end: addressEnd)
      let hostMask: UInt128 = prefix == 0 ? ~0 : (prefix == 128 ? 0 : (~UInt128(0)) >> prefix)
      self = .v6(start: address & ~hostMask, end: (address & ~hostMask) | hostMask)
    } else {
      let address = try Self.parseV4(bytes, from: 0, to: addressEnd)
      let hostMask: UInt32 = prefix == 0 ? ~0 : (prefix == 32 ? 0 : (~UInt32(0)) >> prefix)
      self = .v4(start: address & ~hostMask, end: (address & ~hostMask) | hostMask)
    }
  }

  /// The common line, read in one pass: optional spaces and tabs, a dotted quad with an
  /// optional `/n`, then only spaces and tabs, or a `#` comment. Returns the CIDR's byte
  /// range and interval, or nil for any other line (``init(bytes:)`` then decides, and
  /// reports errors). Where it answers, it answers as ``IPRangeSet/cidrText(_:)`` and
  /// ``init(bytes:)`` do.
  static func plainIPv4(_ line: UnsafeRawBufferPointer) -> (Range<Int>, CIDR)? {
    let count = line.count
    var index = 0
    while index < count && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
    let start = index
    /// Up to `limit` digits: their value, or nil when there are none.
    func number(_ limit: Int) -> UInt32? {
      var value: UInt32 = 0
      let first = index
      while index < count && index - first < limit && line[index] >= 48 && line[index] <= 57 {
        value = value * 10 + UInt32(line[index] - 48)
        index += 1
      }
      return index > first ? value : nil
    }
    var address: UInt32 = 0
    for part in 0..<4 {
      if part > 0 {
        guard index < count && line[index] == UInt8(ascii: ".") else { return nil }
        index += 1
      }
      guard let value = number(3), value <= 255 else { return nil }
      address = address << 8 | value
    }
    var prefix: UInt32 = 32
    if index < count && line[index] == UInt8(ascii: "/") {
      index += 1
      guard let value = number(3), value <= 32 else { return nil }
      prefix = value
    }
    let end = index
    while index < count && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
    guard index == count || line[index] == UInt8(ascii: "#") else { return nil }
    let hostMask: UInt32 = prefix == 0 ? ~0 : (prefix == 32 ? 0 : (~UInt32(0)) >> prefix)
    return (start..<end, .v4(start: address & ~hostMask, end: (address & ~hostMask) | hostMask))
  }

  /// The dotted quad in `bytes[start..<end]`. An error inside it is reported at
  /// `start + index` (so `start` is counted twice for the IPv4 tail of an IPv6 address,
  /// as the loader always has); a missing part at `end`.
  static func parseV4(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int
  ) throws(CIDRError) -> UInt32 {
    var result: UInt32 = 0
    var parts = 0
    var value = -1
    var digits = 0
    for index in start..<end {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        guard value >= 0, parts < 3 else {
          throw CIDRError(message: "bad IPv4 address", offset: start + index)
        }
        result = result << 8 | UInt32(value)
        parts += 1
        value = -1
        digits = 0
      } else if byte >= 48 && byte <= 57 {
        value = max(value, 0) * 10 + Int(byte - 48)
        digits += 1
        guard value <= 255, digits <= 3 else {
          throw CIDRError(message: "IPv4 part over 255", offset: start + index)
        }
      } else {
        throw CIDRError(message: "unexpected character in IPv4 address", offset: start + index)
      }
    }
    guard value >= 0, parts == 3 else {
      throw CIDRError(message: "IPv4 address needs four parts", offset: end)
    }
    return result << 8 | UInt32(value)
  }

  /// Eight hex groups in `bytes[..<end]`, one `::` allowed, an IPv4 tail allowed.
  static func parseV6(_ bytes: UnsafeRawBufferPointer, end: Int) throws(CIDRError) -> UInt128 {
    // Groups before and after the `::`, most significant first.
    var head: UInt128 = 0
    var headCount = 0
    var tail: UInt128 = 0
    var tailCount = 0
    var sawGap = false
    var index = 0
    if end >= 2 && bytes[0] == UInt8(ascii: ":") && bytes[1] == UInt8(ascii: ":") {
      sawGap = true
      index = 2
    }
    while index < end {
      var groupEnd = index
      var hasDot = false
      while groupEnd < end && bytes[groupEnd] != UInt8(ascii: ":") {
        if bytes[groupEnd] == UInt8(ascii: ".") { hasDot = true }
        groupEnd += 1
      }
      if hasDot && groupEnd == end {
        let v4 = UInt128(try parseV4(bytes, from: index, to: end))
        if sawGap {
          tail = tail << 32 | v4
          tailCount += 2
        } else {
          head = head << 32 | v4
          headCount += 2
        }
        break
      }
      guard let value = hexGroup(bytes, from: index, to: groupEnd) else {
        throw CIDRError(message: "bad IPv6 group", offset: index)
      }
      if sawGap {
        tail = tail << 16 | UInt128(value)
        tailCount += 1
      } else {
        head = head << 16 | UInt128(value)
        headCount += 1
      }
      index = groupEnd
      if index < end {
        index += 1
        if index < end && bytes[index] == UInt8(ascii: ":") {
          guard !sawGap else { throw CIDRError(message: "second `::`", offset: index - 1) }
          sawGap = true
          index += 1
        } else if index == end {
          throw CIDRError(message: "trailing `:`", offset: index)
        }
      }
    }
    let total = headCount + tailCount
    guard sawGap ? total <= 7 : total == 8 else {
      throw CIDRError(message: "IPv6 address needs eight groups", offset: end)
    }
    return head << (16 * (8 - headCount)) | tail
  }

  /// One to four hex digits as `UInt16(_:radix: 16)` reads them (which also takes a
  /// leading `+`, or `-` before zeros), or nil.
  private static func hexGroup(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int)
    -> UInt16?
  {
    guard end > start, end - start <= 4 else { return nil }
    var value: UInt16 = 0
    for index in start..<end {
      guard let digit = HexDigits.digit(bytes[index]) else {
        let text = String(
          decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return UInt16(text, radix: 16)
      }
      value = value << 4 | UInt16(digit)
    }
    return value
  }
}
