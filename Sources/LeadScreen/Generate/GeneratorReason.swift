/// The rule-defined reason codes the generator states its truth in, in sorted order
/// (a record's reasons are written ascending by code).
enum GeneratorReason: Int, CaseIterable, Sendable {
  case botUA
  case datacenterIP
  case disposableEmail
  case duplicate
  case fakeName
  case fastSubmit
  case incompleteForm
  case invalidEmail
  case invalidPhone
  case ipBurst
  case outOfArea
  case shortCall
  case unknownCampaign

  /// The code as written in verdicts and truth.
  var code: String {
    switch self {
    case .botUA: "bot_ua"
    case .datacenterIP: "datacenter_ip"
    case .disposableEmail: "disposable_email"
    case .duplicate: "duplicate"
    case .fakeName: "fake_name"
    case .fastSubmit: "fast_submit"
    case .incompleteForm: "incomplete_form"
    case .invalidEmail: "invalid_email"
    case .invalidPhone: "invalid_phone"
    case .ipBurst: "ip_burst"
    case .outOfArea: "out_of_area"
    case .shortCall: "short_call"
    case .unknownCampaign: "unknown_campaign"
    }
  }

  var bit: UInt16 { 1 << UInt16(rawValue) }

  /// The codes of a bit set, ascending.
  static func codes(_ set: UInt16) -> [String] {
    allCases.filter { set & $0.bit != 0 }.map(\.code)
  }
}
