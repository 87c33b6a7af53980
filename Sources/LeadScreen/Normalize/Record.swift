/// One input record after normalization: typed, validated, ready for the rules.
///
/// Text fields keep what the record said (trimmed of surrounding white space);
/// the normalized forms beside them are `nil` when the field is absent *or*
/// when it is present but invalid, so `email != nil && normalizedEmail == nil`
/// means "present but not a possible address".
public struct Record: Sendable {
  public var type: RecordType
  public var id: String
  public var time: Timestamp
  public var campaign: String
  public var source: String?
  /// 1-based input line the record started on (for messages).
  public var line: Int = 0

  // Click, and optionally lead.
  public var ip: IPAddress?
  /// The user agent; `""` when the field is present but empty, `nil` when absent.
  public var ua: String?
  public var keyword: String?
  public var url: String?
  public var referrer: String?

  // Lead and call.
  public var clickID: String?

  // Lead form, as given.
  public var firstName: String?
  public var lastName: String?
  public var email: String?
  public var phone: String?
  public var zip: String?
  public var state: String?
  public var address: String?
  public var consent: String?

  // Call.
  public var caller: String?
  /// Seconds.
  public var duration: Double?
  public var trackingNumber: String?

  // Normalized forms.
  /// Trimmed, lower-cased, syntax-checked address.
  public var normalizedEmail: String?
  /// The lead's `phone` or the call's `caller`, when it is a possible NANP number.
  public var phoneNumber: PhoneNumber?
  /// Five-digit ZIP (a ZIP+4 is cut to its first five digits).
  public var zip5: String?

  /// Fields carried over from a click verdict when a lead or call was joined to
  /// its click elsewhere (for example in a distributed engine): the click's time
  /// and reason codes. Used when the click itself is not in this run's state.
  public var clickTime: Timestamp?
  public var clickReasons: [String]?

  /// Training label (0 good, 1 fraud) and the generator's fraud kind, when present.
  public var label: Int?
  public var fraudKind: String?

  /// Every other field, name and value as text, in input order (user rules see these).
  public var extra: [(name: String, value: String)] = []

  /// Results of checks that depend on the record alone, worked out ahead on another
  /// thread (``Evaluator/prepare(_:)``), or nil.
  public var prepared: PreparedChecks?

  public init(type: RecordType, id: String, time: Timestamp, campaign: String) {
    self.type = type
    self.id = id
    self.time = time
    self.campaign = campaign
  }
}
