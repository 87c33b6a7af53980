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
  /// Switches on length and a distinguishing byte, then compares once: no `String`.
  public init?(bytes: UnsafeRawBufferPointer) {
    let candidate: FieldName
    switch bytes.count {
    case 2:
      switch bytes[0] {
      case UInt8(ascii: "i"): candidate = bytes[1] == UInt8(ascii: "d") ? .id : .ip
      case UInt8(ascii: "t"): candidate = .ts
      case UInt8(ascii: "u"): candidate = .ua
      default: return nil
      }
    case 3: candidate = bytes[0] == UInt8(ascii: "u") ? .url : .zip
    case 4: candidate = .type
    case 5:
      switch bytes[0] {
      case UInt8(ascii: "e"): candidate = .email
      case UInt8(ascii: "p"): candidate = .phone
      case UInt8(ascii: "s"): candidate = .state
      case UInt8(ascii: "l"): candidate = .label
      default: return nil
      }
    case 6: candidate = bytes[0] == UInt8(ascii: "s") ? .source : .caller
    case 7:
      switch bytes[0] {
      case UInt8(ascii: "k"): candidate = .keyword
      case UInt8(ascii: "a"): candidate = .address
      case UInt8(ascii: "c"): candidate = .consent
      default: return nil
      }
    case 8:
      switch bytes[0] {
      case UInt8(ascii: "r"): candidate = .referrer
      case UInt8(ascii: "d"): candidate = .duration
      case UInt8(ascii: "c"):
        switch bytes[1] {
        case UInt8(ascii: "a"): candidate = .campaign
        case UInt8(ascii: "l"): candidate = bytes[6] == UInt8(ascii: "i") ? .clickID : .clickTS
        default: return nil
        }
      default: return nil
      }
    case 9: candidate = .lastName
    case 10:
      candidate =
        bytes[0] == UInt8(ascii: "f") && bytes[1] == UInt8(ascii: "i") ? .firstName : .fraudKind
    case 13: candidate = .clickReasons
    case 15: candidate = .trackingNumber
    default: return nil
    }
    guard candidate.matches(bytes) else { return nil }
    self = candidate
  }

  /// The field named `key`, or nil.
  public init?(_ key: String) {
    var key = key
    guard let name = key.withUTF8({ Self(bytes: UnsafeRawBufferPointer($0)) }) else { return nil }
    self = name
  }

  /// Whether `bytes` spell this field's key.
  @inline(__always)
  private func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let key = staticKey
    let count = key.utf8CodeUnitCount
    guard count == bytes.count, let base = bytes.baseAddress else { return false }
    let expected = key.utf8Start
    for index in 0..<count where base.load(fromByteOffset: index, as: UInt8.self) != expected[index]
    {
      return false
    }
    return true
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
