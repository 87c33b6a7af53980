/// What a generated record is, by construction: `legit` or one kind of fraud or
/// quality problem. Written as `fraud_kind` in the truth and in `--labels` output.
enum GeneratorKind: UInt8, Sendable, CaseIterable {
  case legit
  case bot
  case formBot
  case datacenter
  case burstIP
  case burstSubnet
  case unknownCampaign
  case incompleteForm
  case invalidEmail
  case invalidPhone
  case fakeName
  case disposableEmail
  case outOfArea
  case fastSubmit
  case duplicate
  case softRing
  case shortCall
  case outOfAreaCall
  case repeatCaller
  case invalidCaller

  /// The `fraud_kind` text.
  var name: String {
    switch self {
    case .legit: "legit"
    case .bot: "bot"
    case .formBot: "form_bot"
    case .datacenter: "datacenter"
    case .burstIP: "burst_ip"
    case .burstSubnet: "burst_subnet"
    case .unknownCampaign: "unknown_campaign"
    case .incompleteForm: "incomplete_form"
    case .invalidEmail: "invalid_email"
    case .invalidPhone: "invalid_phone"
    case .fakeName: "fake_name"
    case .disposableEmail: "disposable_email"
    case .outOfArea: "out_of_area"
    case .fastSubmit: "fast_submit"
    case .duplicate: "duplicate"
    case .softRing: "soft_ring"
    case .shortCall: "short_call"
    case .outOfAreaCall: "out_of_area_call"
    case .repeatCaller: "repeat_caller"
    case .invalidCaller: "invalid_caller"
    }
  }
}

/// The record types, as written in `type`.
enum GeneratorRecordType: UInt8, Sendable {
  case click
  case lead
  case call

  /// The `type` text.
  var name: String {
    switch self {
    case .click: "click"
    case .lead: "lead"
    case .call: "call"
    }
  }
}

/// One generated record before encoding. Form and call details live in side arrays.
struct GeneratorEvent: Sendable {
  var type: GeneratorRecordType
  var kind: GeneratorKind
  /// True time of the event, in UTC milliseconds.
  var time: Int64
  /// Index into the generator's campaign ids (known campaigns first, then unknown).
  var campaign: Int
  /// Publisher index (`pub01` is 0).
  var source: Int
  var ip: GeneratorIP?
  /// Index into the user-agent table, or -1 for no `ua` field.
  var ua: Int32 = -1
  /// Index of the click event this lead or call came from, or -1.
  var click: Int32 = -1
  /// Whether the record names its click in `click_id`.
  var showsClick = false
  /// Index into the lead forms or calls, or -1.
  var detail: Int32 = -1
  /// Keyword index within the campaign (clicks).
  var keyword: Int8 = 0
}

/// A lead's form as typed, and the facts the truth needs about it.
struct GeneratorLeadForm: Sendable {
  var firstName: String?
  var lastName: String?
  var email: String?
  var phone: String?
  var zip: String?
  var state: String?
  var consent: Bool?
  var incomplete = false
  var invalidEmail = false
  var invalidPhone = false
  var disposable = false
  var fakeName = false
  /// The ten NANP digits of a valid phone.
  var phoneKey: Int64?
  /// The normalized key of a valid email.
  var emailKey: String?
  /// The ZIP table index of the lead's ZIP, when it has one.
  var zipIndex: Int?
}

/// A call's fields and facts.
struct GeneratorCall: Sendable {
  var caller: String?
  var duration: Int
  var trackingNumber: String
  /// The ten digits of a valid caller number.
  var callerKey: Int64?
  var invalidCaller = false
  var missingCaller = false
}

/// A generated person: name, home ZIP, phone and mailbox.
struct GeneratorPerson: Sendable {
  var first: String
  var last: String
  var zipIndex: Int
  var phone: Int64
  var emailLocal: String
  var emailDomain: String
}
