/// How machine-made an email address's mailbox name looks: digits, switches
/// between letters and digits, consonant runs. Computed on ASCII bytes.
public struct MailboxTraits: Sendable, Equatable {
  /// The domain after the last `@`, lower case; `nil` without an address.
  public var domain: String?
  /// Bytes in the mailbox name (the part before the last `@`).
  public var length = 0
  /// Digits / length (0 for an empty name).
  public var digitFraction = 0.0
  /// Changes of character class (letter, digit, other) between neighbours,
  /// over length − 1: "jsmith" 0, "j0hn5m1th" 0.75.
  public var classTransitions = 0.0
  /// Longest run of consonant letters (y counts as a vowel), capped at 12.
  public var consonantRun = 0

  /// Traits of a normalized (lower-case) address, or all zero for `nil`.
  public init(_ address: String?) {
    guard var address else { return }
    address.withUTF8 { bytes in
      guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return }
      domain = String(decoding: bytes[(at + 1)...], as: UTF8.self)
      length = at
      guard length > 0 else { return }
      var digits = 0
      var transitions = 0
      var run = 0
      var previous = -1
      for byte in bytes[..<at] {
        let lower = byte | 0x20
        let kind: Int
        if byte >= 48 && byte <= 57 {
          kind = 1
          digits += 1
        } else if lower >= 97 && lower <= 122 {
          kind = 0
        } else {
          kind = 2
        }
        if previous >= 0, previous != kind { transitions += 1 }
        previous = kind
        if kind == 0 && Self.vowels & 1 << (lower - 97) == 0 {
          run += 1
          consonantRun = min(max(consonantRun, run), 12)
        } else {
          run = 0
        }
      }
      digitFraction = Double(digits) / Double(length)
      classTransitions = length > 1 ? Double(transitions) / Double(length - 1) : 0
    }
  }

  /// a, e, i, o, u and y as bits from `a` (bit 0) to `z` (bit 25): bits 0, 4, 8, 14, 20, 24.
  private static let vowels: UInt32 = 0x0110_4111
}
