import CByteScan

/// The input field names the normalizer knows: the contract's and our extensions.
public enum FieldName: UInt8, CaseIterable, Sendable {
  case type, id, ts, campaign, source
  case ip, ua, keyword, url, referrer
  case clickID
  case firstName, lastName, email, phone, zip, state, address, consent
  case caller, duration, trackingNumber
  case clickTS, clickReasons
  case label, fraudKind

  /// The name as records spell it, e.g. `first_name`.
  public var key: String { staticKey.description }

  /// The field named by `bytes` (exact, case-sensitive), or nil for an unknown name.
  ///
  /// One slot of a perfect hash table, compared in two words (in C, so that it is
  /// inlined: `leadscreen_field_name`): no `String`, no allocation, no call. The table
  /// is written by `scripts/field_name_table.py` from this enum's cases in order.
  @inline(__always)
  public init?(bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress else { return nil }
    let raw = leadscreen_field_name(base.assumingMemoryBound(to: UInt8.self), bytes.count)
    guard raw < Self.count else { return nil }
    // The cases have the raw values 0 to 25 in order, as the enum stores them
    // (FieldNameTests checks each): `init(rawValue:)` is a switch the compiler does
    // not inline, a call for every member of every line.
    self = unsafeBitCast(UInt8(truncatingIfNeeded: raw), to: FieldName.self)
  }

  /// How many fields there are (`allCases.count`, as a constant).
  static let count: UInt32 = 26

  /// The field named `key`, or nil.
  public init?(_ key: String) {
    var key = key
    guard let name = key.withUTF8({ Self(bytes: UnsafeRawBufferPointer($0)) }) else { return nil }
    self = name
  }

  /// ``key`` as a static string, so that matching allocates nothing.
  private var staticKey: StaticString {
    switch self {
    case .type: "type"
    case .id: "id"
    case .ts: "ts"
    case .campaign: "campaign"
    case .source: "source"
    case .ip: "ip"
    case .ua: "ua"
    case .keyword: "keyword"
    case .url: "url"
    case .referrer: "referrer"
    case .clickID: "click_id"
    case .firstName: "first_name"
    case .lastName: "last_name"
    case .email: "email"
    case .phone: "phone"
    case .zip: "zip"
    case .state: "state"
    case .address: "address"
    case .consent: "consent"
    case .caller: "caller"
    case .duration: "duration"
    case .trackingNumber: "tracking_number"
    case .clickTS: "click_ts"
    case .clickReasons: "click_reasons"
    case .label: "label"
    case .fraudKind: "fraud_kind"
    }
  }
}
