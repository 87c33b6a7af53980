/// Seals stored verdicts: their explanations name phones, emails and names, and
/// the state keeps none of those in clear text.
///
/// A stream cipher from HMAC-SHA256 as a pseudo-random function in counter mode:
/// block i of the key stream is HMAC(sealKey, nonce ‖ i) with a fresh random
/// 12-byte nonce per sealed value; the seal key is derived from the state key
/// (HMAC(stateKey, "leadscreen verdict seal")), apart from the contact key.
/// Confidentiality only: the state is trusted not to be tampered with.
public struct VerdictSeal: Sendable {
  private let mac: HMACSHA256
  static let nonceSize = 12

  public init(stateKey: [UInt8]) {
    mac = HMACSHA256(key: HMACSHA256(key: stateKey).authenticate("leadscreen verdict seal".utf8))
  }

  /// `nonce ‖ ciphertext` of `plain`.
  public func seal(_ plain: [UInt8]) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    let nonce = (0..<VerdictSeal.nonceSize).map { _ in UInt8.random(in: 0...255, using: &generator)
    }
    return nonce + apply(plain, nonce: nonce)
  }

  /// The plain bytes of a sealed value, or `nil` when it is too short to be one.
  public func open(_ sealed: [UInt8]) -> [UInt8]? {
    guard sealed.count >= VerdictSeal.nonceSize else { return nil }
    let nonce = Array(sealed.prefix(VerdictSeal.nonceSize))
    return apply(Array(sealed.dropFirst(VerdictSeal.nonceSize)), nonce: nonce)
  }

  private func apply(_ bytes: [UInt8], nonce: [UInt8]) -> [UInt8] {
    var out = bytes
    var counter: UInt32 = 0
    var offset = 0
    while offset < out.count {
      let counterBytes = (0..<4).map { UInt8(truncatingIfNeeded: counter >> UInt32(24 - 8 * $0)) }
      let stream = mac.authenticate(nonce + counterBytes)
      for index in 0..<min(32, out.count - offset) { out[offset + index] ^= stream[index] }
      offset += 32
      counter += 1
    }
    return out
  }
}
