/// An address the generator emits: IPv4 in the low 32 bits, or IPv6.
struct GeneratorIP: Hashable, Sendable {
  var value: UInt128
  var isV6: Bool

  /// One mixing step instead of hashing two words and a flag (hot in the truth's windows).
  func hash(into hasher: inout Hasher) {
    let low = UInt64(truncatingIfNeeded: value)
    let high = UInt64(truncatingIfNeeded: value >> 64)
    hasher.combine(low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ (isV6 ? 1 : 0))
  }

  /// The burst-counting network: the /24 of an IPv4, the /64 of an IPv6.
  var subnet: GeneratorIP {
    GeneratorIP(value: isV6 ? (value >> 64) << 64 : value & 0xFFFF_FF00, isV6: isV6)
  }

  /// Appends the address as text: dotted quad, or eight lower-case hex groups.
  func append(into out: inout [UInt8]) {
    if isV6 {
      for group in 0..<8 {
        if group > 0 { out.append(UInt8(ascii: ":")) }
        let word = UInt16(truncatingIfNeeded: value >> UInt128(112 - group * 16))
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
          let nibble = UInt8((word >> UInt16(shift)) & 0xF)
          if nibble == 0 && !started && shift > 0 { continue }
          started = true
          out.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
        }
      }
    } else {
      for octet in 0..<4 {
        if octet > 0 { out.append(UInt8(ascii: ".")) }
        let byte = UInt8(truncatingIfNeeded: value >> UInt128(24 - octet * 8))
        out.append(contentsOf: String(byte).utf8)
      }
    }
  }

  var text: String {
    var bytes: [UInt8] = []
    append(into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// A CIDR block of `rules/generator/ip-blocks.tsv`: residential ISP or data center.
struct GeneratorBlock: Sendable {
  var provider: String
  var isDatacenter: Bool
  var base: UInt128
  var prefix: Int
  var isV6: Bool
  var weight: Double

  /// Parses `a.b.c.d/n` or an IPv6 `x:y::/n` (groups and one `::`).
  init?(cidr: Substring, provider: String, isDatacenter: Bool, weight: Double) {
    let parts = cidr.split(separator: "/")
    guard parts.count == 2, let prefix = Int(parts[1]) else { return nil }
    self.provider = provider
    self.isDatacenter = isDatacenter
    self.weight = weight
    self.prefix = prefix
    if parts[0].contains(":") {
      let halves = parts[0].split(separator: "::", omittingEmptySubsequences: false)
      guard halves.count <= 2, prefix <= 64 else { return nil }
      let head = halves[0].split(separator: ":").compactMap { UInt16($0, radix: 16) }
      let tail =
        halves.count == 2
        ? halves[1].split(separator: ":").compactMap { UInt16($0, radix: 16) } : []
      let groups = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
      guard groups.count == 8 else { return nil }
      base = groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
      isV6 = true
    } else {
      let octets = parts[0].split(separator: ".").compactMap { UInt8($0) }
      guard octets.count == 4, prefix >= 8, prefix <= 24 else { return nil }
      base = octets.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
      isV6 = false
    }
  }

  /// A random address inside the block (IPv4: never .0 or .255).
  func address(_ rng: inout GeneratorRandom) -> GeneratorIP {
    if isV6 {
      let random = UInt128(rng.next()) << 64 | UInt128(rng.next())
      let hostMask = UInt128.max >> UInt128(prefix)
      return GeneratorIP(value: base & ~hostMask | random & hostMask, isV6: true)
    }
    let hostMask = UInt128(UInt32.max >> UInt32(prefix))
    let random = UInt128(rng.next() & 0xFFFF_FFFF) & hostMask & ~0xFF
    return GeneratorIP(value: base & ~hostMask | random | UInt128(rng.int(1...254)), isV6: false)
  }

  /// A random /24 (IPv4) or /64 (IPv6) inside the block, as its first address.
  func network(_ rng: inout GeneratorRandom) -> GeneratorIP {
    address(&rng).subnet
  }
}
