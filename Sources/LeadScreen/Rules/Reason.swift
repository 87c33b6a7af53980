/// A reason code of the contract, or a user rule's `rule:NAME`.
public enum Reason: Hashable, Sendable, Comparable {
  case botUA
  case ipBurst
  case datacenterIP
  case incompleteForm
  case invalidEmail
  case invalidPhone
  case disposableEmail
  case fakeName
  case outOfArea
  case shortCall
  case duplicate
  case fastSubmit
  case unknownCampaign
  case modelScore
  case rule(String)

  /// Every built-in code, in the order verdicts list them.
  public static let builtIn: [Reason] = [
    .botUA, .ipBurst, .datacenterIP, .incompleteForm, .invalidEmail, .invalidPhone,
    .disposableEmail, .fakeName, .outOfArea, .shortCall, .duplicate, .fastSubmit,
    .unknownCampaign, .modelScore,
  ]

  /// The code as verdicts write it.
  public var code: String {
    switch self {
    case .botUA: "bot_ua"
    case .ipBurst: "ip_burst"
    case .datacenterIP: "datacenter_ip"
    case .incompleteForm: "incomplete_form"
    case .invalidEmail: "invalid_email"
    case .invalidPhone: "invalid_phone"
    case .disposableEmail: "disposable_email"
    case .fakeName: "fake_name"
    case .outOfArea: "out_of_area"
    case .shortCall: "short_call"
    case .duplicate: "duplicate"
    case .fastSubmit: "fast_submit"
    case .unknownCampaign: "unknown_campaign"
    case .modelScore: "model_score"
    case .rule(let name): "rule:\(name)"
    }
  }

  public init?(code: some StringProtocol) {
    if code.hasPrefix("rule:") {
      self = .rule(String(code.dropFirst(5)))
      return
    }
    guard let reason = Reason.builtIn.first(where: { $0.code == code }) else { return nil }
    self = reason
  }

  private var rank: Int {
    if case .rule = self { return Reason.builtIn.count }
    return Reason.builtIn.firstIndex(of: self) ?? 0
  }

  public static func < (lhs: Reason, rhs: Reason) -> Bool {
    if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
    if case .rule(let a) = lhs, case .rule(let b) = rhs { return a < b }
    return false
  }
}

/// One reason a record was disputed (or flagged), with what made it fire.
public struct Finding: Sendable, Equatable {
  public var reason: Reason
  /// The rule file and line, when a rule file decided it (`rules/bots/generic.txt:14`).
  public var rule: String?
  /// The pattern, range, domain or value that matched.
  public var pattern: String?
  /// Anything else a person needs to check it (`via click C0001`, `612 s after click`).
  public var detail: String?

  public init(_ reason: Reason, rule: String? = nil, pattern: String? = nil, detail: String? = nil)
  {
    self.reason = reason
    self.rule = rule
    self.pattern = pattern
    self.detail = detail
  }

  /// A finding that a rule file's line decided.
  public init(_ reason: Reason, source: RuleSource, detail: String? = nil) {
    self.init(
      reason, rule: source.line > 0 ? "\(source.file):\(source.line)" : source.file,
      pattern: source.pattern, detail: detail)
  }
}
