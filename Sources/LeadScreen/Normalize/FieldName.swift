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
  /// Switches on length and a distinguishing byte, then compares once with the
  /// literal: no `String`, no allocation.
  @inline(__always)
  public init?(bytes: UnsafeRawBufferPointer) {
    guard let field = Self.lookup(bytes) else { return nil }
    self = field
  }

  @inline(__always)
  private static func lookup(_ bytes: UnsafeRawBufferPointer) -> FieldName? {
    switch bytes.count {
    case 2:
      switch bytes[0] {
      case UInt8(ascii: "i"):
        return bytes[1] == UInt8(ascii: "d") ? .id : bytes[1] == UInt8(ascii: "p") ? .ip : nil
      case UInt8(ascii: "t"): return bytes[1] == UInt8(ascii: "s") ? .ts : nil
      case UInt8(ascii: "u"): return bytes[1] == UInt8(ascii: "a") ? .ua : nil
      default: return nil
      }
    case 3:
      return bytes[0] == UInt8(ascii: "u")
        ? spelled(bytes, "url", .url) : spelled(bytes, "zip", .zip)
    case 4: return spelled(bytes, "type", .type)
    case 5:
      switch bytes[0] {
      case UInt8(ascii: "e"): return spelled(bytes, "email", .email)
      case UInt8(ascii: "p"): return spelled(bytes, "phone", .phone)
      case UInt8(ascii: "s"): return spelled(bytes, "state", .state)
      case UInt8(ascii: "l"): return spelled(bytes, "label", .label)
      default: return nil
      }
    case 6:
      return bytes[0] == UInt8(ascii: "s")
        ? spelled(bytes, "source", .source) : spelled(bytes, "caller", .caller)
    case 7:
      switch bytes[0] {
      case UInt8(ascii: "k"): return spelled(bytes, "keyword", .keyword)
      case UInt8(ascii: "a"): return spelled(bytes, "address", .address)
      case UInt8(ascii: "c"): return spelled(bytes, "consent", .consent)
      default: return nil
      }
    case 8:
      switch bytes[0] {
      case UInt8(ascii: "r"): return spelled(bytes, "referrer", .referrer)
      case UInt8(ascii: "d"): return spelled(bytes, "duration", .duration)
      case UInt8(ascii: "c"):
        switch bytes[6] {
        case UInt8(ascii: "g"): return spelled(bytes, "campaign", .campaign)
        case UInt8(ascii: "i"): return spelled(bytes, "click_id", .clickID)
        case UInt8(ascii: "t"): return spelled(bytes, "click_ts", .clickTS)
        default: return nil
        }
      default: return nil
      }
    case 9: return spelled(bytes, "last_name", .lastName)
    case 10:
      return bytes[1] == UInt8(ascii: "i")
        ? spelled(bytes, "first_name", .firstName) : spelled(bytes, "fraud_kind", .fraudKind)
    case 13: return spelled(bytes, "click_reasons", .clickReasons)
    case 15: return spelled(bytes, "tracking_number", .trackingNumber)
    default: return nil
    }
  }

  /// `field` when `bytes` (already known to have the literal's length) spell `literal`.
  @inline(__always)
  private static func spelled(
    _ bytes: UnsafeRawBufferPointer, _ literal: StaticString, _ field: FieldName
  ) -> FieldName? {
    // A word or two at a time (the last load overlapping the one before), within the
    // `count` bytes both have: a few comparisons, not one a byte.
    let count = literal.utf8CodeUnitCount
    let expected = UnsafeRawPointer(literal.utf8Start)
    guard let actual = bytes.baseAddress else { return count == 0 ? field : nil }
    @inline(__always) func same<Word: FixedWidthInteger>(_: Word.Type, at offset: Int) -> Bool {
      actual.loadUnaligned(fromByteOffset: offset, as: Word.self)
        == expected.loadUnaligned(fromByteOffset: offset, as: Word.self)
    }
    switch count {
    case 8...:
      var offset = 0
      while offset + 8 < count {
        guard same(UInt64.self, at: offset) else { return nil }
        offset += 8
      }
      return same(UInt64.self, at: count - 8) ? field : nil
    case 4...7:
      return same(UInt32.self, at: 0) && same(UInt32.self, at: count - 4) ? field : nil
    case 2...3:
      return same(UInt16.self, at: 0) && same(UInt16.self, at: count - 2) ? field : nil
    case 1:
      return same(UInt8.self, at: 0) ? field : nil
    default:
      return field
    }
  }

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
