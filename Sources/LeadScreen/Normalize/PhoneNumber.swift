/// A valid North American (NANP) phone number: the ten national digits.
///
/// Normalization from the spellings people type lives in `PhoneNumber+Parse.swift`.
public struct PhoneNumber: Sendable, Hashable {
  /// The ten digits NPA-NXX-XXXX as one integer, e.g. 5_125_550_123.
  public var national: UInt64

  public init(national: UInt64) {
    self.national = national
  }

  /// The three-digit area code (NPA).
  public var areaCode: Int { Int(national / 10_000_000) }

  /// The number in E.164: `+15125550123`.
  public var e164: String { "+1\(national)" }
}
