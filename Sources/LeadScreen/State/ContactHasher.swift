/// A contact (phone or email) as a keyed hash: what makes two leads or calls
/// the same person, without keeping the phone or the address.
///
/// The digest is HMAC-SHA256(key, "phone:" + ten digits) or
/// HMAC-SHA256(key, "email:" + duplicate key), truncated to 16 bytes.
public struct ContactKey: Hashable, Sendable {
  /// What was hashed.
  public enum Kind: UInt8, Sendable, CaseIterable {
    case phone = 1
    case email = 2

    public var name: String { self == .phone ? "phone" : "email" }
  }

  public var kind: Kind
  /// The first 8 bytes of the digest, big-endian.
  public var high: UInt64
  /// Bytes 8 to 15 of the digest, big-endian.
  public var low: UInt64

  public init(kind: Kind, high: UInt64, low: UInt64) {
    self.kind = kind
    self.high = high
    self.low = low
  }

  /// The key for a 16-byte digest (as stored); `nil` when it has another length.
  public init?(kind: Kind, digest: [UInt8]) {
    guard digest.count == 16 else { return nil }
    self.kind = kind
    high = digest[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
    low = digest[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
  }

  /// The 16 digest bytes, as stored.
  public var digest: [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * $0)) }
      + (0..<8).map { UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * $0)) }
  }
}

/// Turns phones and emails into ``ContactKey``s under one secret key.
public struct ContactHasher: Sendable {
  private let mac: HMACSHA256
  /// The inner hash after the key block and "phone:" or "email:".
  private let afterPhone: SHA256
  private let afterEmail: SHA256

  public init(key: [UInt8]) {
    mac = HMACSHA256(key: key)
    afterPhone = mac.innerState(after: Array("phone:".utf8))
    afterEmail = mac.innerState(after: Array("email:".utf8))
  }

  /// The key used when no state is kept: results only depend on equality of
  /// digests, so a fixed key gives the same verdicts as any other.
  public static let builtIn = ContactHasher(key: Array("leadscreen built-in contact key".utf8))

  /// The key of a valid NANP number's ten national digits.
  public func phone(_ number: PhoneNumber) -> ContactKey {
    // The number in decimal, as "\(number.national)" writes it, without a String.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var value = number.national
      var start = 20
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(value % 10)
        value /= 10
      } while value > 0
      let rest = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[start...]))
      let (high, low) = mac.authenticate16(rest, after: afterPhone)
      return ContactKey(kind: .phone, high: high, low: low)
    }
  }

  /// The key of an email's duplicate key (see `EmailAddress.duplicateKey`).
  public func email(duplicateKey: String) -> ContactKey {
    var text = duplicateKey
    let (high, low) = text.withUTF8 {
      mac.authenticate16(UnsafeRawBufferPointer($0), after: afterEmail)
    }
    return ContactKey(kind: .email, high: high, low: low)
  }

  /// A short check value of the key (so a state opened with another key is noticed).
  public func keyCheck() -> [UInt8] {
    Array(mac.authenticate(Array("leadscreen state key check".utf8)).prefix(8))
  }
}
