import Testing

@testable import LeadScreen

#if canImport(Glibc)
  import Glibc
#endif

extension IPAddressTests {
  /// A named address case: text in, canonical text out (nil = rejected).
  struct AddressCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var canonical: String?
    var testDescription: String { name }
  }
}

@Suite struct IPAddressTests {
  static let cases: [AddressCase] = [
    AddressCase(name: "IPv4", text: "203.0.113.7", canonical: "203.0.113.7"),
    AddressCase(name: "IPv4 zeros", text: "0.0.0.0", canonical: "0.0.0.0"),
    AddressCase(name: "IPv4 broadcast", text: "255.255.255.255", canonical: "255.255.255.255"),
    AddressCase(name: "IPv4 part 256", text: "256.1.1.1", canonical: nil),
    AddressCase(name: "IPv4 three parts", text: "1.2.3", canonical: nil),
    AddressCase(name: "IPv4 five parts", text: "1.2.3.4.5", canonical: nil),
    AddressCase(name: "IPv4 leading zero", text: "01.2.3.4", canonical: nil),
    AddressCase(name: "IPv4 leading zeros 00", text: "1.2.3.00", canonical: nil),
    AddressCase(name: "IPv4 empty part", text: "1..3.4", canonical: nil),
    AddressCase(name: "IPv4 trailing dot", text: "1.2.3.4.", canonical: nil),
    AddressCase(name: "IPv4 four digits", text: "1.2.3.1000", canonical: nil),
    AddressCase(name: "IPv4 with space", text: " 1.2.3.4", canonical: nil),
    AddressCase(name: "IPv4 with port", text: "1.2.3.4:80", canonical: nil),
    AddressCase(
      name: "IPv6 full", text: "2001:0db8:0000:0000:0000:ff00:0042:8329",
      canonical: "2001:db8::ff00:42:8329"),
    AddressCase(
      name: "IPv6 upper case", text: "2001:DB8::FF00:42:8329", canonical: "2001:db8::ff00:42:8329"),
    AddressCase(name: "IPv6 unspecified", text: "::", canonical: "::"),
    AddressCase(name: "IPv6 loopback", text: "::1", canonical: "::1"),
    AddressCase(name: "IPv6 trailing compression", text: "fe80::", canonical: "fe80::"),
    AddressCase(
      name: "IPv6 seven groups and ::", text: "1:2:3:4:5:6:7::", canonical: "1:2:3:4:5:6:7:0"),
    AddressCase(
      name: "IPv6 single zero group not compressed", text: "1:0:2:3:4:5:6:7",
      canonical: "1:0:2:3:4:5:6:7"),
    AddressCase(
      name: "IPv6 longest run compressed", text: "1:0:0:2:0:0:0:3", canonical: "1:0:0:2::3"),
    AddressCase(
      name: "IPv6 first of equal runs", text: "1:0:0:2:3:0:0:4", canonical: "1::2:3:0:0:4"),
    AddressCase(
      name: "IPv6 needless ::", text: "2001:db8:0:0:1:0:0:1", canonical: "2001:db8::1:0:0:1"),
    AddressCase(
      name: "IPv6 embedded IPv4", text: "64:ff9b::192.0.2.33", canonical: "64:ff9b::c000:221"),
    AddressCase(name: "IPv4-mapped becomes IPv4", text: "::ffff:192.0.2.1", canonical: "192.0.2.1"),
    AddressCase(
      name: "IPv4-mapped in hex becomes IPv4", text: "::FFFF:c000:0201", canonical: "192.0.2.1"),
    AddressCase(name: "IPv6 triple colon", text: ":::1", canonical: nil),
    AddressCase(name: "IPv6 two compressions", text: "1::2::3", canonical: nil),
    AddressCase(name: "IPv6 nine groups", text: "1:2:3:4:5:6:7:8:9", canonical: nil),
    AddressCase(name: "IPv6 seven groups", text: "1:2:3:4:5:6:7", canonical: nil),
    AddressCase(name: "IPv6 eight groups and ::", text: "1:2:3:4:5:6:7:8::", canonical: nil),
    AddressCase(name: "IPv6 five hex digits", text: "12345::1", canonical: nil),
    AddressCase(name: "IPv6 leading single colon", text: ":1:2:3:4:5:6:7", canonical: nil),
    AddressCase(name: "IPv6 trailing single colon", text: "1:2:3:4:5:6:7:", canonical: nil),
    AddressCase(name: "IPv6 zone id", text: "fe80::1%eth0", canonical: nil),
    AddressCase(name: "IPv6 brackets", text: "[::1]", canonical: nil),
    AddressCase(name: "IPv6 IPv4 not last", text: "::1.2.3.4:1", canonical: nil),
    AddressCase(name: "IPv6 bad embedded IPv4", text: "::ffff:1.2.3.256", canonical: nil),
    AddressCase(
      name: "IPv6 embedded IPv4 too many groups", text: "1:2:3:4:5:6:7:1.2.3.4", canonical: nil),
    AddressCase(name: "not hex", text: "2001:db8::g", canonical: nil),
    AddressCase(name: "single colon", text: ":", canonical: nil),
    AddressCase(name: "empty", text: "", canonical: nil),
  ]

  @Test(arguments: cases)
  func parsesAndFormats(_ example: AddressCase) {
    #expect(IPAddress(example.text)?.description == example.canonical)
  }

  @Test func valuesAreTheIntegers() {
    #expect(IPAddress("1.2.3.4") == .v4(0x0102_0304))
    #expect(IPAddress("::ffff:1.2.3.4") == .v4(0x0102_0304))
    #expect(IPAddress("2001:db8::1") == .v6(UInt128(0x2001_0db8) << 96 | 1))
    #expect(IPAddress("1.2.3.4")?.subnet == IPAddress("1.2.3.0"))
  }

  /// glibc's `inet_ntop` as an independent oracle for RFC 5952 text.
  private static func systemText(_ value: UInt128) -> String {
    var bytes = [UInt8](repeating: 0, count: 16)
    for index in 0..<16 { bytes[index] = UInt8(truncatingIfNeeded: value >> (8 * (15 - index))) }
    var text = [CChar](repeating: 0, count: 64)
    _ = inet_ntop(AF_INET6, bytes, &text, 64)
    return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  @Test func randomIPv6RoundTripsAndMatchesSystemFormatter() throws {
    var random = SplitMix(seed: 5952)
    for round in 0..<20_000 {
      var value = UInt128(random.next()) << 64 | UInt128(random.next())
      // Zero some groups so that compression is exercised.
      for group in 0..<8 where random.next() % 3 == 0 || round % 7 == 0 && group < 4 {
        value &= ~(UInt128(0xFFFF) << (16 * group))
      }
      // Skip IPv4-mapped and IPv4-compatible values, which have other textual forms.
      if value >> 32 == 0xFFFF || value >> 32 == 0 { continue }
      let address = IPAddress.v6(value)
      let text = address.description
      #expect(IPAddress(text) == address, "\(text)")
      #expect(text == Self.systemText(value))
    }
  }

  /// glibc's `inet_pton` as an independent oracle for parsing: the value of IPv6 text.
  private static func systemValue(_ text: String) -> UInt128? {
    var bytes = [UInt8](repeating: 0, count: 16)
    guard inet_pton(AF_INET6, text, &bytes) == 1 else { return nil }
    return bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
  }

  /// Random addresses written in the forms people write: full groups with leading
  /// zeros, upper case, `::` anywhere a run of zero groups is, an IPv4 tail.
  @Test func randomIPv6TextParsesAsTheSystemParsesIt() throws {
    var random = SplitMix(seed: 4291)
    for round in 0..<20_000 {
      var groups = (0..<8).map { _ in UInt16(truncatingIfNeeded: random.next()) }
      for index in groups.indices where random.next() % 3 == 0 { groups[index] = 0 }
      var parts = groups.map { group -> String in
        let hex = String(group, radix: 16, uppercase: random.next() % 4 == 0)
        return random.next() % 3 == 0 ? String(repeating: "0", count: 4 - hex.count) + hex : hex
      }
      if round % 5 == 0 {
        parts[6] = "\(groups[6] >> 8).\(groups[6] & 0xFF)"
        parts[7] = "\(groups[7] >> 8).\(groups[7] & 0xFF)"
        parts[6] += "." + parts[7]
        parts.removeLast()
      }
      var text = parts.joined(separator: ":")
      // Compress the first run of zero groups (when there is one) half of the time.
      if random.next() % 2 == 0, let start = groups.prefix(parts.count).firstIndex(of: 0) {
        var end = start
        while end < parts.count, groups[end] == 0, !parts[end].contains(".") { end += 1 }
        if end > start {
          text =
            parts[..<start].joined(separator: ":") + "::" + parts[end...].joined(separator: ":")
        }
      }
      let expected = try #require(Self.systemValue(text), "\(text)")
      let parsed = IPAddress(text)
      if expected >> 32 == 0xFFFF {
        #expect(parsed == .v4(UInt32(truncatingIfNeeded: expected)), "\(text)")
      } else {
        #expect(parsed == .v6(expected), "\(text)")
      }
    }
  }

  /// `text` with one change, a quarter of the time none: a character of `alphabet`
  /// inserted, or a character deleted or replaced by one of `alphabet`.
  private static func changedOnce(
    _ text: String, from alphabet: [Character], _ random: inout SplitMix
  ) -> String {
    var characters = Array(text)
    let position = Int(random.next() % UInt64(characters.count + 1))
    let character = alphabet[Int(random.next() % UInt64(alphabet.count))]
    switch random.next() % 4 {
    case 0: characters.insert(character, at: position)
    case 1 where position < characters.count: characters.remove(at: position)
    case 2 where position < characters.count: characters[position] = character
    default: break
    }
    return String(characters)
  }

  /// Full-form addresses (eight groups, the form most traffic logs hold) with one
  /// change each: a byte inserted, deleted or replaced, a group added or dropped.
  /// Each is accepted, with the same value, exactly when the system accepts it.
  @Test func brokenFullIPv6TextIsRejectedAsTheSystemRejectsIt() throws {
    var random = SplitMix(seed: 5954)
    let alphabet = Array("0123456789abcdefABCDEFgG:.: %-/")
    var accepted = 0
    for _ in 0..<30_000 {
      var groups = (0..<8).map { _ in
        String(UInt16(truncatingIfNeeded: random.next()), radix: 16)
      }
      switch random.next() % 3 {
      case 0: groups.append(String(random.next() % 0x10000, radix: 16))
      case 1: groups.remove(at: Int(random.next() % 8))
      default: break
      }
      let text = Self.changedOnce(groups.joined(separator: ":"), from: alphabet, &random)
      let parsed = IPAddress(text)
      guard let expected = Self.systemValue(text) else {
        #expect(parsed == nil, "\(text)")
        continue
      }
      accepted += 1
      if expected >> 32 == 0xFFFF {
        #expect(parsed == .v4(UInt32(truncatingIfNeeded: expected)), "\(text)")
      } else {
        #expect(parsed == .v6(expected), "\(text)")
      }
    }
    // Both kinds were tried: a good share of the changed texts is still an address.
    #expect(accepted > 3_000 && accepted < 27_000, "\(accepted)")
  }

  /// Dotted quads with parts of every length, leading zeros and values past 255, and
  /// one change each (a byte inserted, deleted or replaced, a part added or dropped):
  /// accepted, with the same value, exactly when glibc's `inet_pton` accepts them.
  @Test func brokenIPv4TextIsRejectedAsTheSystemRejectsIt() throws {
    var random = SplitMix(seed: 791)
    let alphabet = Array("0123456789.. x:a-")
    var accepted = 0
    for _ in 0..<40_000 {
      var parts = (0..<4).map { _ -> String in
        switch random.next() % 8 {
        case 0: return String(random.next() % 10)
        case 1: return String(256 + random.next() % 800)
        case 2: return "0" + String(random.next() % 100)
        default: return String(random.next() % 256)
        }
      }
      switch random.next() % 6 {
      case 0: parts.append(String(random.next() % 256))
      case 1: parts.remove(at: Int(random.next() % 4))
      default: break
      }
      let text = Self.changedOnce(parts.joined(separator: "."), from: alphabet, &random)
      var address = in_addr()
      guard inet_pton(AF_INET, text, &address) == 1 else {
        #expect(IPAddress(text) == nil, "\(text)")
        continue
      }
      accepted += 1
      #expect(IPAddress(text) == .v4(UInt32(bigEndian: address.s_addr)), "\(text)")
    }
    #expect(accepted > 4_000 && accepted < 36_000, "\(accepted)")
  }

  @Test func randomIPv4RoundTrips() throws {
    var random = SplitMix(seed: 4)
    for _ in 0..<10_000 {
      let address = IPAddress.v4(UInt32(truncatingIfNeeded: random.next()))
      #expect(IPAddress(address.description) == address)
    }
  }
}
