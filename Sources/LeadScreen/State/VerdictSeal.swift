/// Seals stored verdicts: their explanations name phones, emails and names, and
/// the state keeps none of those in clear text.
///
/// A stream cipher from SHA-256 as a keyed pseudo-random function in counter
/// mode: block i of the key stream is SHA-256(sealKey ‖ nonce ‖ i), where the
/// seal key is one 64-byte block derived from the state key (HMAC(stateKey,
/// "leadscreen verdict seal …")) and the nonce is 12 fresh random bytes per
/// sealed value; inputs have a fixed length, so each 32 bytes of stream cost
/// one compression. Confidentiality only: the state is trusted not to be
/// tampered with.
public struct VerdictSeal: Sendable {
  /// SHA-256 state after the seal key block.
  private let keyed: SHA256
  static let nonceSize = 12

  public init(stateKey: [UInt8]) {
    let mac = HMACSHA256(key: stateKey)
    var keyed = SHA256()
    keyed.update(mac.authenticate(Array("leadscreen verdict seal 1".utf8)))
    keyed.update(mac.authenticate(Array("leadscreen verdict seal 2".utf8)))
    self.keyed = keyed
  }

  /// `nonce ‖ ciphertext` of `plain`, with a fresh random nonce.
  public func seal(_ plain: [UInt8]) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    let random = (generator.next() as UInt64, generator.next() as UInt64)
    let nonce = withUnsafeBytes(of: random) { Array($0.prefix(VerdictSeal.nonceSize)) }
    return seal(plain, nonce: nonce)
  }

  /// `nonce ‖ ciphertext` of `plain`; `nonce` (12 bytes) must never repeat under one key.
  public func seal(_ plain: [UInt8], nonce: [UInt8]) -> [UInt8] {
    precondition(nonce.count == VerdictSeal.nonceSize, "a seal nonce is 12 bytes")
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
      var hasher = keyed
      hasher.update(nonce)
      hasher.update((0..<4).map { UInt8(truncatingIfNeeded: counter >> UInt32(24 - 8 * $0)) })
      let stream = hasher.finalize()
      for index in 0..<min(32, out.count - offset) { out[offset + index] ^= stream[index] }
      offset += 32
      counter += 1
    }
    return out
  }
}
