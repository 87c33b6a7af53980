import CDigest
import Testing

@testable import LeadScreen

/// FIPS 180-4 (NIST example) vectors for SHA-256 and RFC 4231 vectors for HMAC-SHA256.
@Suite struct SHA256Tests {
  struct Vector: Sendable, CustomTestStringConvertible {
    var name: String
    var message: [UInt8]
    var digest: String
    var testDescription: String { name }
  }

  static let fips: [Vector] = [
    Vector(
      name: "abc", message: Array("abc".utf8),
      digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    Vector(
      name: "empty", message: [],
      digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    Vector(
      name: "448 bits",
      message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
      digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    Vector(
      name: "896 bits",
      message: Array(
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
          + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
      digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    Vector(
      name: "a million a", message: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
      digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
  ]

  @Test(arguments: fips)
  func fipsVectors(_ vector: Vector) {
    #expect(sha256Hex(SHA256.hash(vector.message)) == vector.digest)
  }

  @Test func chunkedUpdatesGiveTheSameDigest() {
    let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    for chunk in [1, 7, 63, 64, 65, 200] {
      var hasher = SHA256()
      var offset = 0
      while offset < message.count {
        hasher.update(message[offset..<min(offset + chunk, message.count)])
        offset += chunk
      }
      #expect(hasher.finalize() == SHA256.hash(message), "chunk \(chunk)")
    }
  }

  struct MACVector: Sendable, CustomTestStringConvertible {
    var name: String
    var key: [UInt8]
    var data: [UInt8]
    var mac: String
    var testDescription: String { name }
  }

  static let rfc4231: [MACVector] = [
    MACVector(
      name: "case 1", key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
      mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    MACVector(
      name: "case 2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
      mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    MACVector(
      name: "case 3", key: [UInt8](repeating: 0xaa, count: 20),
      data: [UInt8](repeating: 0xdd, count: 50),
      mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    MACVector(
      name: "case 4", key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
      mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    MACVector(
      name: "case 5 (truncated to 128 bits)", key: [UInt8](repeating: 0x0c, count: 20),
      data: Array("Test With Truncation".utf8), mac: "a3b6167473100ee06e0c796c2955552b"),
    MACVector(
      name: "case 6", key: [UInt8](repeating: 0xaa, count: 131),
      data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    MACVector(
      name: "case 7", key: [UInt8](repeating: 0xaa, count: 131),
      data: Array(
        ("This is a test using a larger than block-size key and a larger than block-size data. "
          + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
      mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
  ]

  @Test(arguments: rfc4231)
  func rfc4231Vectors(_ vector: MACVector) {
    let mac = sha256Hex(HMACSHA256(key: vector.key).authenticate(vector.data))
    #expect(mac.hasPrefix(vector.mac))
    #expect(mac.count == 64)
  }

  @Test func contactKeysAreKeyedAndKeepKindAndDigest() {
    let a = ContactHasher(key: Array("first key, sixteen bytes".utf8))
    let b = ContactHasher(key: Array("other key, sixteen bytes".utf8))
    let phone = PhoneNumber(national: 5_125_550_123)
    #expect(a.phone(phone) == a.phone(phone))
    #expect(a.phone(phone) != b.phone(phone))
    #expect(a.email(duplicateKey: "ann@example.com").kind == .email)
    let key = a.phone(phone)
    let expected = HMACSHA256(key: Array("first key, sixteen bytes".utf8))
      .authenticate(Array("phone:5125550123".utf8)).prefix(16)
    #expect(key.digest == Array(expected))
    #expect(ContactKey(kind: .phone, digest: key.digest) == key)
  }

  /// The allocation-free keys (hash state kept after the prefix, digest as words) are
  /// the HMAC of the whole message: numbers of any length, emails across the
  /// 55/56/64-byte padding boundaries. States on disk depend on it.
  @Test func contactKeysAreTheHMACOfTheWholeMessage() {
    let secret = Array("a key for the contact tests".utf8)
    let hasher = ContactHasher(key: secret)
    let mac = HMACSHA256(key: secret)
    func slow(_ text: String) -> [UInt8] { Array(mac.authenticate(Array(text.utf8)).prefix(16)) }
    for national: UInt64 in [0, 7, 42, 5_125_550_123, 9_999_999_999, 12_345_678_901_234] {
      #expect(hasher.phone(PhoneNumber(national: national)).digest == slow("phone:\(national)"))
    }
    for length in [0, 1, 20, 48, 49, 50, 57, 58, 63, 64, 65, 119, 120, 200] {
      let email =
        String(repeating: "é", count: length / 2) + String(repeating: "a", count: length % 2)
      #expect(hasher.email(duplicateKey: email).digest == slow("email:" + email), "\(length)")
    }
  }

  /// The compression this machine runs (the SHA extensions where it has them) and the
  /// portable C one agree, on random states and blocks. With the FIPS vectors (which go
  /// through the first) both paths are covered on a machine with the extensions; on one
  /// without, both names run the portable code, which the vectors check.
  @Test func bothCompressionsAgree() {
    var random = SplitMix(seed: 256)
    for _ in 0..<2_000 {
      var state = (0..<8).map { _ in UInt32(truncatingIfNeeded: random.next()) }
      var other = state
      let block = (0..<64).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      leadscreen_sha256_compress(&state, block)
      leadscreen_sha256_compress_portable(&other, block)
      #expect(state == other)
    }
  }
}

/// Lower-case hex of bytes.
private func sha256Hex(_ bytes: [UInt8]) -> String {
  bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
